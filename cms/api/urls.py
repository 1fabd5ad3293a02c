"""Routes of the public content API, mounted at ``/api/v1/``."""

from django.urls import path, re_path

from delivery.api import PreviewView
from home.api import HomeView, SiteView
from news import api as news
from search import api as search

from . import views

ID = r"(?P<id>[^/]+)"

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="api-root"),
    path("languages/", views.LanguagesView.as_view(), name="api-languages"),
    path("items/", news.ItemsListView.as_view(), name="api-items"),
    re_path(rf"^items/{ID}/$", news.ItemsDetailView.as_view(), name="api-item"),
    path("news/", news.NewsListView.as_view(), name="api-news"),
    re_path(rf"^news/{ID}/$", news.NewsDetailView.as_view(), name="api-news-item"),
    path("statements/", news.StatementListView.as_view(), name="api-statements"),
    re_path(rf"^statements/{ID}/$", news.StatementDetailView.as_view(), name="api-statement"),
    path("dialogue-sessions/", news.SessionListView.as_view(), name="api-sessions"),
    re_path(rf"^dialogue-sessions/{ID}/$", news.SessionDetailView.as_view(), name="api-session"),
    path("resolve/", news.PathResolveView.as_view(), name="api-resolve"),
    path("home/", HomeView.as_view(), name="api-home"),
    path("site/", SiteView.as_view(), name="api-site"),
    *(path(f"{name}/", view.as_view(), name=f"api-{name}") for name, view in news.TAXONOMY_VIEWS.items()),
    path("search/", search.SearchView.as_view(), name="api-search"),
    path("search/suggest/", search.SuggestView.as_view(), name="api-search-suggest"),
    path("preview/", PreviewView.as_view(), name="api-preview"),
    path("schema/", views.CheckedSchemaView.as_view(), name="api-schema"),
    path("docs/", views.CheckedDocsView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="api-not-found"),
]
