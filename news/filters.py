"""The filters of item lists, declared once: the lists, search and the OpenAPI schema all read them here.

Each filter names its query parameter, how it is parsed (``cms.api.params``) and its OpenAPI description.
``parse_filters`` turns a request's parameters into ``selectors.ItemFilters``; a well-formed slug that names
nothing is a 404 naming the parameter (the filtered collection does not exist), a malformed value a 400, and
a date range whose start is after its end simply matches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms.api import openapi
from cms.api.problems import Problem

from . import selectors


@dataclass(frozen=True)
class Filter:
    name: str
    kind: str  # "slug" or "date"
    schema: object  # the OpenApiParameter


FILTERS = (
    Filter("topic", "slug", openapi.TOPIC),
    Filter("place", "slug", openapi.PLACE),
    Filter("project", "slug", openapi.PROJECT),
    Filter("organisation", "slug", openapi.ORGANISATION),
    Filter("date_from", "date", openapi.DATE_FROM),
    Filter("date_to", "date", openapi.DATE_TO),
)
FILTER_PARAMS = tuple(f.name for f in FILTERS)
FILTER_PARAMETERS = [f.schema for f in FILTERS]
TYPE_PARAM = "type"


ALL_TYPES = tuple(selectors.ITEM_TYPES.values())


def item_types(query) -> tuple:
    """The page types a ``type`` parameter names (comma-separated), or all of them."""
    chosen = query.choices(TYPE_PARAM, selectors.ITEM_TYPES)
    return tuple(selectors.ITEM_TYPES[name] for name in chosen) or ALL_TYPES


def parse_filters(query, types, *, translated_only: bool = False) -> selectors.ItemFilters:
    slugs = {f.name: query.slug(f.name) for f in FILTERS if f.kind == "slug"}
    dates = {f.name: query.date(f.name) for f in FILTERS if f.kind == "date"}
    try:
        return selectors.resolve_filters(types, slugs, translated_only=translated_only, **dates)
    except selectors.UnknownSlug as missing:
        raise Problem(
            f"There is no {missing.parameter} with the slug {missing.slug!r}.",
            parameter=missing.parameter,
            status_code=404,
            kind="not-found",
        ) from None
