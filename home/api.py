"""``home/`` and ``site/``: what the website's front page, header and footer show."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.models import Page, Site

from cms.api import openapi, shapes
from cms.api.base import PublicAPIView
from cms.api.problems import Problem
from cms.paths import Paths
from cms.visibility import public_pages
from news import selectors
from news.models import INDEX_PAGE_MODELS
from news.serializers import Context, card_data

from .models import HomePage, SiteSettings
from .serializers import home_data, site_data


def _default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


class HomeView(PublicAPIView):
    """The home page's own texts, its sections and its featured items (public ones, in the editors' order)."""

    @extend_schema(
        operation_id="home",
        summary="The home page",
        parameters=[openapi.LANG],
        responses=openapi.responses(shapes.Home, not_found=True),
        tags=["site"],
    )
    def get(self, request):
        site = _default_site()
        home = (
            public_pages(HomePage.objects.filter(pk=site.root_page_id)).prefetch_related("featured_items").first()
            if site
            else None
        )
        if home is None:
            raise Problem("The site has no published home page.", status_code=404, kind="not-found")
        featured_ids = [
            featured.item_id for featured in sorted(home.featured_items.all(), key=lambda f: (f.sort_order or 0, f.pk))
        ]
        rows = dict(
            public_pages(Page.objects.type(*selectors.ITEM_TYPES.values()))
            .filter(pk__in=featured_ids)
            .values_list("pk", "content_type_id")
        )
        featured = selectors.load_items([(pk, rows[pk]) for pk in dict.fromkeys(featured_ids) if pk in rows])
        sections = list(public_pages(Page.objects.type(*INDEX_PAGE_MODELS).child_of(home)).specific().order_by("path"))
        context = Context(Paths(site), self.base_url())
        cards = card_data(featured, self.code, context)
        return Response(home_data(home, self.code, context, cards, sections))


class SiteView(PublicAPIView):
    """The organisation's name, contact details, social links and main menu."""

    @extend_schema(
        operation_id="site",
        summary="Site settings, menu and social links",
        parameters=[openapi.LANG],
        responses=openapi.responses(shapes.SiteInfo),
        tags=["site"],
    )
    def get(self, request):
        site = _default_site()
        settings = (
            SiteSettings.objects.filter(site=site).prefetch_related("social_links", "menu_items").first()
            if site
            else None
        )
        page_ids = [item.link_page_id for item in settings.menu_items.all() if item.link_page_id] if settings else []
        menu_pages = {page.pk: page for page in public_pages(Page.objects.filter(pk__in=page_ids))} if page_ids else {}
        context = Context(Paths(site), self.base_url())
        return Response(site_data(settings, self.code, context, menu_pages))
