"""Bench-only routes (never in production URLs): the project's routes, Wagtail's own API v2 and v3 on the
same database, and a trivial Django view returning fixed JSON (the stack's ceiling).

Wagtail's v2 only returns the fields a page model lists in ``api_fields``; the project's models list none
(the project has its own API), so the same card fields, and every field for ``fields=*``, are listed here.
"""

from django.http import JsonResponse
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.images.api.fields import ImageRenditionField

from cms.urls import urlpatterns as project_urlpatterns
from news.models import DialogueSessionPage, NewsPage, StatementPage

CARD_FIELDS = ["date", "summary", "main_image", "topics"]

for model in (NewsPage, StatementPage, DialogueSessionPage):
    model.api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("main_image"),
        APIField("main_image_small", serializer=ImageRenditionField("max-400x400|format-webp", source="main_image")),
        APIField("topics"),
        APIField("places"),
        APIField("project"),
        APIField("body"),
    ]

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

TRIVIAL = {"count": 1, "results": [{"id": 1, "title": "fixed"}]}


def trivial(request):
    return JsonResponse(TRIVIAL)


urlpatterns = [
    path("api/v2/", router.urls),
    path("api/v3/", api_v3.urls),
    path("bench/trivial/", trivial),
    *project_urlpatterns,
]
