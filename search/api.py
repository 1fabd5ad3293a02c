"""``GET /api/v1/search/`` and ``GET /api/v1/search/suggest/``: thin views over ``search.engine``.

Parameters, language negotiation, errors (problem+json) and pagination are those of every list
(``cms.api``); filters are resolved by ``news.selectors`` exactly as the lists resolve them, and results are
the lists' cards (``news.serializers.card_data``) with a highlighted ``snippet`` and the ``match_lang`` of the
text that matched. Items that exist only in other languages come after, in ``other_languages``, never mixed
into ``results``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from rest_framework.response import Response
from wagtail.models import Page

from cms.api.base import PublicAPIView
from cms.api.pagination import Window, envelope
from cms.api.problems import Problem
from cms.paths import Paths
from cms.visibility import public_pages
from news import selectors
from news.filters import FILTER_PARAMS, TYPE_PARAM, item_types, parse_filters
from news.serializers import Context, card_data

from . import engine
from .schema import search_schema, suggest_schema

SEARCH_PARAMS = ("q", "limit", "offset", TYPE_PARAM, *FILTER_PARAMS)
SUGGEST_LIMIT, SUGGEST_MAX = 8, 20


def _query(view) -> str:
    try:
        return engine.clean_query(view.query.get("q"))
    except engine.QueryError as error:
        raise Problem(str(error), parameter="q") from None


def _filters(view) -> selectors.ItemFilters:
    return parse_filters(view.query, item_types(view.query))


def searchable_pages(filters: selectors.ItemFilters, code: str):
    """The pages a search may return, as a plain subquery: the lists' own filter when one is given, else
    only the visibility rule and the types (no ordering or annotations to drag into the full-text query)."""
    pages = public_pages(Page.objects.type(*filters.types))
    unfiltered = selectors.ItemFilters(types=filters.types)
    if filters != unfiltered:
        pages = pages.filter(pk__in=selectors.item_queryset(filters, code).order_by().values("pk"))
    return pages


def _pages_in_order(page_ids: list[int]) -> list:
    rows = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"))
    return selectors.load_items([(pk, rows[pk]) for pk in page_ids if pk in rows])


class SearchView(PublicAPIView):
    """Public news, statements and session reports matching ``q`` in the requested language, best first."""

    params = SEARCH_PARAMS

    @search_schema
    def get(self, request):
        q = _query(self)
        window = Window.from_params(self.query)
        filters = _filters(self)
        pages = searchable_pages(filters, self.code)
        outcome = engine.search(q, self.code, pages, limit=window.limit, offset=window.offset)
        passages = engine.snippets(outcome)
        context = Context(Paths(), self.base_url())

        # The results and the items offered from other languages are loaded and serialised together: one set
        # of queries for both lists.
        hits = [*outcome.hits, *outcome.others]
        lang_of = {hit.page_id: hit.lang for hit in hits}
        cards = card_data(_pages_in_order([hit.page_id for hit in hits]), self.code, context)
        for card in cards:
            card["match_lang"] = lang_of[card["id"]]
            card["snippet"] = passages.get((card["id"], card["match_lang"]), "")
        offered = {hit.page_id for hit in outcome.others}
        data = envelope(request, outcome.count, window, [card for card in cards if card["id"] not in offered])
        data["match"] = outcome.mode
        data["other_languages"] = [card for card in cards if card["id"] in offered]
        return Response(data)


class SuggestView(PublicAPIView):
    """Titles in the requested language completing what was typed so far (every word, the last as a prefix)."""

    params = ("q", "limit")

    @suggest_schema
    def get(self, request):
        q = _query(self)
        limit = self.query.integer("limit", SUGGEST_LIMIT, 1, SUGGEST_MAX)
        pages = searchable_pages(selectors.ItemFilters(), self.code)
        suggestions = engine.suggest(q, self.code, pages, limit=limit)
        loaded = {page.pk: page for page in Page.objects.filter(pk__in=[s.page_id for s in suggestions])}
        paths = Paths()
        results = []
        for suggestion in suggestions:
            page = loaded.get(suggestion.page_id)
            if page is None:
                continue
            model = ContentType.objects.get_for_id(page.content_type_id).model_class()
            results.append(
                {
                    "id": page.pk,
                    "type": selectors.TYPE_OF_MODEL.get(model),
                    "title": suggestion.title,
                    "path": paths.path(page, self.code),
                }
            )
        return Response({"results": results})
