"""OpenAPI description of the search endpoints, built from the lists' shapes (``cms.api.shapes``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s

from cms.api import openapi, shapes

Q = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=True,
    description="What to look for, 1 to 200 characters (after trimming spaces), in any script; matched after "
    "normalisation (Arabic letter forms, prefixes, suffixes and common broken plurals; Kurmanji letters and "
    "endings, Turkish-keyboard İ and ı; English stems). Quotes and apostrophes, straight or curly, are "
    "punctuation. Limits, each a 400: empty, longer than 200 characters, a control character (e.g. a NUL "
    "byte), or the parameter given twice; at most 12 words are used.",
)
SUGGEST_LIMIT = OpenApiParameter("limit", OpenApiTypes.INT, OpenApiParameter.QUERY, description="1 to 20 (default 8).")


class SearchCard(shapes.Card):
    match_lang = s.CharField(help_text="Language of the text that matched.")
    snippet = s.CharField(help_text="HTML-escaped passage; matching words inside <mark>.")


class SearchPage(shapes.page_of(SearchCard, "PaginatedSearchCardList")):
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
        openapi.TOPIC,
        openapi.PLACE,
        openapi.PROJECT,
        openapi.ORGANISATION,
        openapi.DATE_FROM,
        openapi.DATE_TO,
    ],
    responses=openapi.responses(SearchPage),
    tags=["search"],
)
suggest_schema = extend_schema(
    operation_id="search_suggest",
    summary="Complete item titles in a language",
    parameters=[openapi.LANG, Q, SUGGEST_LIMIT],
    responses=openapi.responses(Suggestions),
    tags=["search"],
)
