"""``GET /api/v1/search/`` and ``GET /api/v1/search/suggest/``: thin views over ``search.engine``.

Parameters, language negotiation, errors (problem+json) and pagination are those of every list
(``cms.api``); filters are resolved by ``news.selectors`` exactly as the lists resolve them, and results are
the lists' stored cards (``readmodel.store``) with a highlighted ``snippet`` and the ``match_lang`` of the
text that matched. Items that exist only in other languages come after, in ``other_languages``, never mixed
into ``results``.
"""

from __future__ import annotations

import json

from rest_framework.response import Response
from wagtail.models import Page

from cms.api.base import PublicAPIView
from cms.api.cache import per_version
from cms.api.pagination import Window, envelope
from cms.api.problems import Problem
from cms.visibility import public_pages, public_sql
from news import selectors
from news.filters import FILTER_PARAMS, TYPE_PARAM, item_types, parse_filters
from readmodel import delivery, store

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
    """The pages a search may return: the lists' own filter when one is given, else only the visibility rule
    and the types, as SQL compiled once per content version (no ordering or annotations to drag into the
    full-text query)."""
    unfiltered = selectors.ItemFilters(types=filters.types)
    if filters == unfiltered:
        return public_sql("e.page_id", tuple(filters.types))
    pages = public_pages(Page.objects.type(*filters.types))
    return pages.filter(pk__in=selectors.item_queryset(filters, code).order_by().values("pk"))


def outside_pages(filters: selectors.ItemFilters) -> frozenset[int] | None:
    """For an unfiltered search, the indexed pages it may not return (``engine.unlisted_pages``), kept per
    content version; ``None`` for a filtered one."""
    if filters != selectors.ItemFilters(types=filters.types):
        return None
    name = "search-outside:" + ",".join(sorted(model._meta.label for model in filters.types))
    return per_version(
        name, lambda: engine.unlisted_pages(delivery.public_item_ids(filters.types, "-date")), shared=True
    )


class SearchView(PublicAPIView):
    """Public news, statements and session reports matching ``q`` in the requested language, best first."""

    params = SEARCH_PARAMS

    @search_schema
    def get(self, request):
        q = _query(self)
        window = Window.from_params(self.query)
        filters = _filters(self)
        pages = searchable_pages(filters, self.code)
        outcome = engine.search(
            q, self.code, pages, limit=window.limit, offset=window.offset, outside=outside_pages(filters)
        )
        passages = engine.snippets(outcome)
        # The results and the items offered from other languages are the lists' stored cards (one query for
        # both), each with the language that matched and its passage.
        cards = store.cards([hit.page_id for hit in (*outcome.hits, *outcome.others)], self.code)

        def card(hit) -> str:
            extra = store.dumps({"match_lang": hit.lang, "snippet": passages.get((hit.page_id, hit.lang), "")})
            return cards[hit.page_id][:-1] + "," + extra[1:]

        more = not outcome.count_exact and len(outcome.hits) == window.limit
        head = envelope(request, outcome.count, window, [], more=more)
        head.pop("results")
        head = {"count": head.pop("count"), "count_exact": outcome.count_exact, **head}
        results = ",".join(card(hit) for hit in outcome.hits if hit.page_id in cards)
        others = ",".join(card(hit) for hit in outcome.others if hit.page_id in cards)
        body = (
            f'{store.dumps(head)[:-1]},"results":[{results}],"match":{store.dumps(outcome.mode)},'
            f'"other_languages":[{others}]}}'
        )
        return delivery.json_response(store.with_base(body, self.base_url()))


class SuggestView(PublicAPIView):
    """Titles in the requested language completing what was typed so far (every word, the last as a prefix)."""

    params = ("q", "limit")

    @suggest_schema
    def get(self, request):
        q = _query(self)
        limit = self.query.integer("limit", SUGGEST_LIMIT, 1, SUGGEST_MAX)
        pages = searchable_pages(selectors.ItemFilters(), self.code)
        suggestions = engine.suggest(q, self.code, pages, limit=limit)
        # Type and path from the stored cards (one query): no page to load, no path to work out.
        cards = store.cards([suggestion.page_id for suggestion in suggestions], self.code)
        results = []
        for suggestion in suggestions:
            if suggestion.page_id in cards:
                card = json.loads(cards[suggestion.page_id])
                title = suggestion.title
                results.append({"id": card["id"], "type": card["type"], "title": title, "path": card["path"]})
        return Response({"results": results})
