"""OpenAPI description of the search endpoints, built from the lists' shapes (``cms.api.shapes``)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s

from cms.api import openapi, shapes
from cms.api.params import CONTROL_CHARACTERS
from news.filters import FILTER_PARAMETERS

from .backends import COUNT_MAX
from .engine import MAX_QUERY_LENGTH

Q = OpenApiParameter(
    "q",
    openapi.text(
        MAX_QUERY_LENGTH,
        1,
        pattern=rf"^{openapi.NO_CONTROL}*[^\s{CONTROL_CHARACTERS}]{openapi.NO_CONTROL}*$",
    ),
    OpenApiParameter.QUERY,
    required=True,
    description=f"What to look for, 1 to {MAX_QUERY_LENGTH} characters with at least one that is not a space, in "
    "any script; matched after normalisation (Arabic letter forms, prefixes, suffixes and common broken "
    "plurals; Kurmanji letters and endings, Turkish-keyboard İ and ı; English stems). Quotes and apostrophes, "
    "straight or curly, are punctuation. Limits, each a 400: empty, too long, a control character (e.g. a NUL "
    "byte), or the parameter given twice; at most 12 words are used.",
)
SUGGEST_LIMIT = OpenApiParameter(
    "limit", openapi.integer(1, 20, 8), OpenApiParameter.QUERY, description="1 to 20 (default 8)."
)


class SearchCard(shapes.Card):
    match_lang = s.CharField(help_text="Language of the text that matched.")
    snippet = s.CharField(help_text="HTML-escaped passage; matching words inside <mark>.")


class SearchPage(shapes.page_of(SearchCard, "PaginatedSearchCardList")):
    count_exact = s.BooleanField(
        help_text=f"false when more than {COUNT_MAX:,} items match: count is then {COUNT_MAX:,} and means "
        f'"more than {COUNT_MAX:,}" (counting stops there; next links go on while pages are full).'
    )
    match = s.ChoiceField(
        choices=["all", "any"],
        help_text="all: every result has every query word. any: no item had them all, so these results have "
        "some of the words, those with more of them first.",
    )
    other_languages = SearchCard(many=True, help_text="Items that exist only in other languages (first page).")


class Suggestion(s.Serializer):
    id = s.IntegerField()
    type = s.ChoiceField(choices=shapes.ITEM_TYPES)
    title = s.CharField()
    path = s.CharField()


class Suggestions(s.Serializer):
    results = Suggestion(many=True)


search_schema = extend_schema(
    operation_id="search",
    summary="Search items in a language, best match first",
    parameters=[
        openapi.LANG,
        Q,
        openapi.LIMIT,
        openapi.OFFSET,
        openapi.TYPE,
        *FILTER_PARAMETERS,
    ],
    responses=openapi.responses(SearchPage, not_found=True),
    tags=["search"],
)
suggest_schema = extend_schema(
    operation_id="search_suggest",
    summary="Complete item titles in a language",
    parameters=[openapi.LANG, Q, SUGGEST_LIMIT],
    responses=openapi.responses(Suggestions),
    tags=["search"],
)
