"""Item endpoints: lists per section and across sections, details, frontend-path resolution, taxonomies.

Views only parse and validate parameters, call a selector (``news.selectors``) and hand the pages to the
serializers (``news.serializers``).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.contrib.redirects.models import Redirect

from cms import languages
from cms.api import openapi, shapes
from cms.api.base import PublicAPIView
from cms.api.body import MediaIndex
from cms.api.negotiation import negotiate
from cms.api.pagination import Window, envelope
from cms.api.params import parse_id
from cms.api.problems import Problem
from cms.paths import Paths
from cms.visibility import default_site
from readmodel import delivery

from . import selectors
from .filters import FILTER_PARAMETERS, FILTER_PARAMS, TYPE_PARAM, item_types, parse_filters
from .models import DialogueSessionPage, NewsPage, StatementPage
from .serializers import Context, detail_data, detail_streams, taxonomy_data

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
        translated_only = query.choice("translated", ("only",)) == "only"
        filters = parse_filters(query, self.item_types(), translated_only=translated_only)
        body = delivery.list_body(request, filters, ordering, window, self.code, self.base_url())
        return delivery.json_response(body)


class AllItemsListView(ItemListView):
    """News items, statements and session reports together; ``type`` narrows to some of them."""

    params = LIST_PARAMS + (TYPE_PARAM,)

    def item_types(self):
        return item_types(self.query)


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
        try:
            text = urlsplit(text).path
        except ValueError:  # a malformed host, e.g. "http://[" or "https://[]/ar/"
            raise Problem("path must be a frontend path or a well-formed URL.", parameter="path") from None
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
        # The path's own language first, then a path the item had before (a redirect), then another
        # language's slug under this language's prefix, then the editors' redirects.
        public = delivery.public_items()
        pk = delivery.find_by_path_id(public, rest, [code]) if rest else None
        if pk is None and rest:
            pk = selectors.former_public_item_id(public, code, rest)
            if pk is not None:
                redirect = {"from": normalised, "to": None, "permanent": True}
        if pk is None and rest:
            others = [c for c in languages.enabled_codes() if c != code]
            pk = delivery.find_by_path_id(public, rest, others)
        if pk is None and rest:
            page, redirect = self.follow_redirect(normalised, rest)
            pk = page.pk if page is not None else None
        if pk is None and redirect is None:
            raise Problem(f"No published item is at {normalised}.", status_code=404, kind="not-found")
        item = delivery.detail_body(pk, delivery.TYPES, self.code, self.base_url()) if pk else None
        return delivery.json_response(delivery.resolve_body(normalised, redirect, item))

    def follow_redirect(self, normalised: str, rest: str):
        """A redirect (``wagtail.contrib.redirects``) from this path, with or without its language prefix."""
        site = default_site()
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


# -- the endpoints, one class each (their ``get`` carries the OpenAPI description) --------------------------


class NewsListView(ItemListView):
    types = (NewsPage,)

    @openapi.item_list_schema("News", FILTER_PARAMETERS)
    def get(self, request):
        return super().get(request)


class NewsDetailView(ItemDetailView):
    types = (NewsPage,)

    @openapi.item_detail_schema("News")
    def get(self, request, id):
        return super().get(request, id)


class StatementListView(ItemListView):
    types = (StatementPage,)

    @openapi.item_list_schema("Statement", FILTER_PARAMETERS)
    def get(self, request):
        return super().get(request)


class StatementDetailView(ItemDetailView):
    types = (StatementPage,)

    @openapi.item_detail_schema("Statement")
    def get(self, request, id):
        return super().get(request, id)


class SessionListView(ItemListView):
    types = (DialogueSessionPage,)

    @openapi.item_list_schema("DialogueSession", FILTER_PARAMETERS)
    def get(self, request):
        return super().get(request)


class SessionDetailView(ItemDetailView):
    types = (DialogueSessionPage,)

    @openapi.item_detail_schema("DialogueSession")
    def get(self, request, id):
        return super().get(request, id)


class ItemsListView(AllItemsListView):
    @openapi.item_list_schema("Item", FILTER_PARAMETERS, with_type=True)
    def get(self, request):
        return super().get(request)


class ItemsDetailView(AllItemsDetailView):
    @openapi.item_detail_schema("Item")
    def get(self, request, id):
        return super().get(request, id)


class PathResolveView(ResolveView):
    @extend_schema(
        operation_id="resolve_path",
        summary="Find the item at a frontend path",
        parameters=[openapi.LANG, openapi.RESOLVE_PATH],
        responses=openapi.responses(shapes.ResolveResult, not_found=True),
        tags=["items"],
    )
    def get(self, request):
        return super().get(request)


class TopicsListView(TaxonomyListView):
    taxonomy = "topics"

    @openapi.taxonomy_schema("topics")
    def get(self, request):
        return super().get(request)


class PlacesListView(TaxonomyListView):
    taxonomy = "places"

    @openapi.taxonomy_schema("places")
    def get(self, request):
        return super().get(request)


class ProjectsListView(TaxonomyListView):
    taxonomy = "projects"

    @openapi.taxonomy_schema("projects")
    def get(self, request):
        return super().get(request)


class OrganisationsListView(TaxonomyListView):
    taxonomy = "organisations"

    @openapi.taxonomy_schema("organisations")
    def get(self, request):
        return super().get(request)


class PeopleListView(TaxonomyListView):
    taxonomy = "people"

    @openapi.taxonomy_schema("people")
    def get(self, request):
        return super().get(request)


TAXONOMY_VIEWS = {
    "topics": TopicsListView,
    "places": PlacesListView,
    "projects": ProjectsListView,
    "organisations": OrganisationsListView,
    "people": PeopleListView,
}
