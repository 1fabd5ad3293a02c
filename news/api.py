"""Item endpoints: lists per section and across sections, details, frontend-path resolution, taxonomies.

Views only parse and validate parameters, call a selector (``news.selectors``) and hand the pages to the
serializers (``news.serializers``).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from cms import languages
from cms.api import openapi, shapes
from cms.api.base import PublicAPIView
from cms.api.body import MediaIndex
from cms.api.negotiation import negotiate
from cms.api.pagination import Window, envelope
from cms.api.params import parse_id
from cms.api.problems import Problem
from cms.paths import Paths
from readmodel import delivery

from . import selectors
from .serializers import Context, detail_data, detail_streams, taxonomy_data

#: Filters shared by the lists and search.
FILTER_PARAMS = ("topic", "place", "project", "organisation", "date_from", "date_to")
LIST_PARAMS = ("limit", "offset", "ordering", *FILTER_PARAMS, "translated")


class ItemListView(PublicAPIView):
    """Public items of one section (or of all, with ``type``), newest first, as cards."""

    types: tuple = ()
    params = LIST_PARAMS

    def item_types(self):
        return self.types

    def get(self, request):
        query = self.query
        window = Window.from_params(query)
        ordering = query.choice("ordering", selectors.ORDERINGS, "-date")
        date_from, date_to = query.date("date_from"), query.date("date_to")
        if date_from and date_to and date_from > date_to:
            raise Problem("date_from is after date_to.", parameter="date_from")
        translated_only = query.choice("translated", ("only",)) == "only"
        slugs = {name: query.slug(name) for name in ("topic", "place", "project", "organisation")}
        try:
            filters = selectors.resolve_filters(
                self.item_types(),
                slugs,
                date_from=date_from,
                date_to=date_to,
                translated_only=translated_only,
            )
        except selectors.UnknownSlug as missing:
            raise Problem(
                f"There is no {missing.parameter} with the slug {missing.slug!r}.", parameter=missing.parameter
            ) from None
        queryset = selectors.item_queryset(filters, self.code, ordering)
        return delivery.json_response(delivery.list_body(request, queryset, window, self.code, self.base_url()))


class AllItemsListView(ItemListView):
    """News items, statements and session reports together; ``type`` narrows to some of them."""

    params = LIST_PARAMS + ("type",)

    def item_types(self):
        chosen = self.query.choices("type", selectors.ITEM_TYPES)
        return tuple(selectors.ITEM_TYPES[name] for name in chosen) or tuple(selectors.ITEM_TYPES.values())


def item_detail_response(view, page) -> dict:
    """The detail of a public page with its related items, media loaded in one collection."""
    code = view.code
    context = Context(Paths(), view.base_url())
    related = selectors.related_items(page)
    index = MediaIndex.collect(
        detail_streams(page, code),
        code,
        context.paths,
        context.base_url,
        extra_image_ids=[page.main_image_id, *(item.main_image_id for item in related)],
    )
    return detail_data(page, code, context, related, index)


class ItemDetailView(PublicAPIView):
    """One public item of one type; an id of another type, or of anything not public, is a 404."""

    types: tuple = ()

    def get(self, request, id):
        pk = parse_id(id)
        body = delivery.detail_body(pk, self.types, self.code, self.base_url())
        if body is None:
            raise Problem(f"No published {self.noun} has the id {pk}.", status_code=404, kind="not-found")
        return delivery.json_response(body)

    @property
    def noun(self) -> str:
        return "item" if len(self.types) > 1 else selectors.TYPE_OF_MODEL[self.types[0]].replace("_", " ")


class AllItemsDetailView(ItemDetailView):
    types = tuple(selectors.ITEM_TYPES.values())

    def get(self, request, id):
        pk = parse_id(id)
        body = delivery.detail_body(pk, self.types, self.code, self.base_url())
        if body is None:
            raise Problem(f"No published item has the id {pk}.", status_code=404, kind="not-found")
        return delivery.json_response(body)


def split_frontend_path(raw: str) -> tuple[str, str, str]:
    """``(language code, rest, normalised path)`` of a frontend path or URL; a 400 names what is wrong."""
    text = raw.strip()
    if text.lower().startswith(("http://", "https://")):
        text = urlsplit(text).path
    text = unquote(text)
    if not text.startswith("/") or "\x00" in text or ".." in text.split("/"):
        raise Problem("path must be a frontend path such as /ar/news/<slug>/.", parameter="path")
    segments = [segment for segment in text.split("/") if segment]
    if not segments:
        raise Problem("path must start with a language, e.g. /ar/news/<slug>/.", parameter="path")
    code = segments[0].lower()
    if code not in languages.enabled_codes():
        enabled = ", ".join(languages.enabled_codes())
        raise Problem(f"path must start with an enabled language ({enabled}).", parameter="path")
    rest = "/".join(segments[1:])
    return code, rest, "/" + "/".join([code, *segments[1:]]) + "/"


class ResolveView(PublicAPIView):
    """The item at a frontend path, in the path's language unless ``lang`` says otherwise."""

    params = ("path",)

    def initial(self, request, *args, **kwargs):
        self.path_code = None
        super().initial(request, *args, **kwargs)

    def get(self, request):
        raw = self.query.get("path")
        if raw is None:
            raise Problem("path is required, e.g. ?path=/ar/news/<slug>/.", parameter="path")
        code, rest, normalised = split_frontend_path(raw)
        self.choice = negotiate(request, path_code=code)
        redirect = None
        public = delivery.public_items()
        pk = delivery.find_by_path_id(public, code, rest, languages.enabled_codes()) if rest else None
        if pk is None and rest:
            page, redirect = self.follow_redirect(normalised, rest)
            pk = page.pk if page is not None else None
        if pk is None and redirect is None:
            raise Problem(f"No published item is at {normalised}.", status_code=404, kind="not-found")
        item = delivery.detail_body(pk, delivery.TYPES, self.code, self.base_url(), public) if pk else None
        return delivery.json_response(delivery.resolve_body(normalised, redirect, item))

    def follow_redirect(self, normalised: str, rest: str):
        """A redirect (``wagtail.contrib.redirects``) from this path, with or without its language prefix."""
        site = Site.objects.filter(is_default_site=True).first()
        candidates = {Redirect.normalise_path(normalised), Redirect.normalise_path("/" + rest)}
        found = (
            Redirect.get_for_site(site)
            .filter(old_path__in=candidates)
            .select_related("redirect_page")
            .order_by("-site_id")
            .first()
        )
        if found is None:
            return None, None
        info = {"from": normalised, "to": None, "permanent": found.is_permanent}
        if found.redirect_page_id:
            page = selectors.public_item_of_any_type(found.redirect_page_id)
            return (page, info) if page is not None else (None, None)
        if found.redirect_link:
            info["to"] = found.redirect_link
            return None, info
        return None, None


class TaxonomyListView(PublicAPIView):
    """Every entry of a taxonomy, by slug; the slugs are the values of the item list filters."""

    taxonomy = ""
    params = ("limit", "offset")

    def get(self, request):
        window = Window.from_params(self.query)
        queryset = selectors.taxonomy_queryset(self.taxonomy)
        count = queryset.count()
        results = [taxonomy_data(obj, self.code) for obj in window.slice(queryset)] if window.offset < count else []
        return Response(envelope(request, count, window, results))


def _described(base, name: str, schema, **attributes):
    """A subclass of ``base`` whose ``get`` carries its own OpenAPI description (the decorator marks the
    function it is given, so each subclass needs a function of its own)."""

    def get(self, request, *args, **kwargs):
        return base.get(self, request, *args, **kwargs)

    return type(name, (base,), {**attributes, "get": schema(get)})


def section_views(types, noun):
    """The list and detail views of one section, with their OpenAPI description."""
    list_view = _described(ItemListView, f"{noun}ListView", openapi.item_list_schema(noun), types=types)
    detail_view = _described(ItemDetailView, f"{noun}DetailView", openapi.item_detail_schema(noun), types=types)
    return list_view, detail_view


NewsListView, NewsDetailView = section_views((selectors.ITEM_TYPES["news"],), "News")
StatementListView, StatementDetailView = section_views((selectors.ITEM_TYPES["statement"],), "Statement")
SessionListView, SessionDetailView = section_views((selectors.ITEM_TYPES["dialogue_session"],), "DialogueSession")

ItemsListView = _described(AllItemsListView, "ItemsListView", openapi.item_list_schema("Item", with_type=True))
ItemsDetailView = _described(AllItemsDetailView, "ItemsDetailView", openapi.item_detail_schema("Item"))
PathResolveView = _described(
    ResolveView,
    "PathResolveView",
    extend_schema(
        operation_id="resolve_path",
        summary="Find the item at a frontend path",
        parameters=[openapi.LANG, openapi.RESOLVE_PATH],
        responses=openapi.responses(shapes.ResolveResult, not_found=True),
        tags=["items"],
    ),
)


def taxonomy_view(name: str):
    return _described(TaxonomyListView, f"{name.title()}ListView", openapi.taxonomy_schema(name), taxonomy=name)


TAXONOMY_VIEWS = {name: taxonomy_view(name) for name in selectors.TAXONOMIES}
