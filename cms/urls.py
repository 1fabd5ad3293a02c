from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.health import healthz
from delivery import feeds, serving, sitemaps

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("cms.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("feeds/<str:code>/<str:kind>.xml", feeds.feed, name="feed-rss"),
    path("feeds/<str:code>/<str:kind>.atom", feeds.feed, {"atom": True}, name="feed-atom"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<int:number>.xml", sitemaps.sitemap, name="sitemap-part"),
]

if settings.MEDIA_URL.startswith("/"):
    # Media stored on this server: every file goes through a check that it is public (cms/media.py).
    from cms.media import serve_media

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="cms_media")]

# Pages are served by the frontend: the CMS redirects a page path there, or answers a JSON 404 (delivery/).
# Wagtail's password and login forms of restricted pages stay; its page serving is replaced.
urlpatterns += [*wagtail_urls.urlpatterns[:2], re_path(r"^(?P<path>.*)$", serving.serve_page, name="wagtail_serve")]
