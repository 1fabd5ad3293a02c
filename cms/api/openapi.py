"""OpenAPI descriptions shared by the endpoints: parameters, error responses, the schema's scope."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from cms import languages

from . import pagination, shapes
from .params import CONTROL_CHARACTERS, MAX_VALUE_LENGTH, SLUG_RE


def _param(name, type_, description, **kwargs):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, **kwargs)


# Formats exactly as ``cms.api.params`` enforces them, so a generated client (or a fuzzer) never sends a
# request the API would refuse, and every request the schema allows gets an answer.
NO_CONTROL = f"[^{CONTROL_CHARACTERS}]"


def integer(minimum: int, maximum: int, default: int | None = None) -> dict:
    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    return schema if default is None else {**schema, "default": default}


def text(max_length: int = MAX_VALUE_LENGTH, min_length: int = 0, pattern: str | None = None) -> dict:
    schema = {"type": "string", "maxLength": max_length, "pattern": pattern or f"^{NO_CONTROL}*$"}
    return {**schema, "minLength": min_length} if min_length else schema


SLUG = {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": 80, "minLength": 1}
DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


LANG = _param(
    "lang",
    OpenApiTypes.STR,
    "Response language (an enabled code). Without it: Accept-Language (q-values, regional variants such as "
    "ar-SY map to ar), then the source language. Unknown or disabled codes are a 400. The response says the "
    "choice in Content-Language and why in X-Language-Reason (query, path, accept-language or default).",
    enum=languages.enabled_codes(),
)
LIMIT = _param(
    "limit",
    integer(1, pagination.MAX_LIMIT, pagination.DEFAULT_LIMIT),
    f"Results per page, 1 to {pagination.MAX_LIMIT} (default {pagination.DEFAULT_LIMIT}).",
)
OFFSET = _param("offset", integer(0, pagination.MAX_OFFSET, 0), f"Results to skip, 0 to {pagination.MAX_OFFSET}.")
ORDERING = _param(
    "ordering", OpenApiTypes.STR, "Order of results (default -date).", enum=["-date", "date", "title", "-title"]
)
TOPIC = _param("topic", SLUG, "Slug of a topic (see topics/); an unknown slug is a 400.")
PLACE = _param("place", SLUG, "Slug of a place (see places/); a governorate matches its towns.")
PROJECT = _param("project", SLUG, "Slug of a project (see projects/).")
ORGANISATION = _param("organisation", SLUG, "Slug of an organisation (partner, or a session's organiser or funder).")
DATE_FROM = _param("date_from", DATE, "Items dated on or after this day (YYYY-MM-DD); after date_to, nothing matches.")
DATE_TO = _param("date_to", DATE, "Items dated on or before this day (YYYY-MM-DD).")
TRANSLATED = _param(
    "translated", OpenApiTypes.STR, "only: just items whose title is written in the response language.", enum=["only"]
)
_TYPES = "(news|statement|dialogue_session)"
TYPE = _param(
    "type",
    {"type": "string", "pattern": f"^ *{_TYPES} *(, *{_TYPES} *)*$", "maxLength": 200},
    "Comma-separated item types: news, statement, dialogue_session (default all).",
)
_LANGS = "|".join(languages.enabled_codes())
RESOLVE_PATH = _param(
    "path",
    text(
        pattern=(
            # an optional scheme and host, then /<enabled language>, no ".." segment, nothing percent-encoded
            # (send the path as text), no control character
            rf"^ *(?!.*/\.\.(/|$| *$))(https?://[^/\[\]%{CONTROL_CHARACTERS}]*)?/({_LANGS})(/[^%{CONTROL_CHARACTERS}]*)?$"
        )
    ),
    "A frontend path such as /ar/news/<slug>/ (or a full URL); it starts with an enabled language.",
    required=True,
)
ID = OpenApiParameter(
    "id", integer(1, 10**15 - 1), OpenApiParameter.PATH, description="The item's id (a positive whole number)."
)

PROBLEM = OpenApiResponse(shapes.Problem, description="Problem details (application/problem+json).")


def responses(shape, *, not_found: bool = False) -> dict:
    result = {200: shape, 400: PROBLEM}
    if not_found:
        result[404] = PROBLEM
    return result


_pages = {}


def _page(shape, name):
    if name not in _pages:
        _pages[name] = shapes.page_of(shape, name)
    return _pages[name]


def item_list_schema(noun: str, filters: list, *, with_type: bool = False):
    """A list of item cards; ``filters`` are the item filters' parameters (declared in ``news.filters``).
    A filter slug that names nothing is a 404."""
    parameters = [LANG, LIMIT, OFFSET, ORDERING, *filters, TRANSLATED] + ([TYPE] if with_type else [])
    return extend_schema(
        operation_id=f"{noun.lower()}_list",
        summary=f"List {noun} cards",
        parameters=parameters,
        responses=responses(_page(shapes.Card, f"Paginated{noun}CardList"), not_found=True),
        tags=["items"],
    )


def item_detail_schema(noun: str):
    return extend_schema(
        operation_id=f"{noun.lower()}_detail",
        summary=f"One {noun} in full",
        parameters=[ID, LANG],
        responses=responses(shapes.Detail, not_found=True),
        tags=["items"],
    )


def taxonomy_schema(name: str):
    shape = shapes.TAXONOMY_SHAPES[name]
    return extend_schema(
        operation_id=f"{name}_list",
        summary=f"List {name}",
        parameters=[LANG, LIMIT, OFFSET],
        responses=responses(_page(shape, f"Paginated{name.title()}List")),
        tags=["taxonomies"],
    )


def only_public_api(endpoints, **kwargs):
    """Preprocessing hook: the schema documents this API only (not the admin's internal endpoints)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def add_headers(result, generator, request, public):
    """Postprocessing hook: document the language and caching headers every successful answer carries."""
    headers = {
        "Content-Language": {"description": "Language of the response.", "schema": {"type": "string"}},
        "X-Language-Reason": {
            "description": "Why that language: query, path, accept-language or default.",
            "schema": {"type": "string", "enum": ["query", "path", "accept-language", "default"]},
        },
        "ETag": {"description": "Hash of the body; send it back in If-None-Match.", "schema": {"type": "string"}},
        "Cache-Control": {"description": "public, max-age=60", "schema": {"type": "string"}},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                if status == "200":
                    response.setdefault("headers", {}).update(headers)
                elif "content" in response and "application/json" in response["content"]:
                    response["content"] = {"application/problem+json": response["content"]["application/json"]}
    return result
