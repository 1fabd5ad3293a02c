"""Answers put together from stored documents: ids chosen at request time through the one visibility rule,
content joined as stored text. Nothing is serialised per request (except on a cold store).

Queries: the visibility rule's own (restricted subtrees, default site) are read once per content version
(``cms.api.cache.per_version``). A plain list (no filter, date order) is a slice of the version's list of
public ids (read once per version in each worker) and one query for the cards; a filtered one costs one query
for the page of ids and the count together (a window function) and one for the cards. A detail costs two
for its related ids (``links``: among public items sharing a topic or the project, whatever the archive's
size) and one that reads the detail and the related cards together. ``resolve/`` adds one query that finds
the item by its path.
"""

from __future__ import annotations

import json
from array import array

from django.db import connections, router
from django.db.models import Case, Count, F, Q, Subquery, TextField, Value, When, Window
from django.db.models.functions import Coalesce, Concat, NullIf
from django.http import HttpResponse
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from cms.api.cache import per_version
from cms.api.pagination import envelope
from cms.visibility import public_pages, public_sql
from news import selectors

from . import links, store
from .models import StoredItem

RELATED_LIMIT = 4
#: Orderings whose whole list is kept per content version (by title it would be one per language).
KEPT_ORDERINGS = ("-date", "date")
TYPES = tuple(selectors.ITEM_TYPES.values())


def page_of_ids_and_count(queryset, offset: int, limit: int) -> tuple[list[int], int]:
    """One page of ids of an ordered queryset and the total count, in one query (past the end: two)."""
    rows = list(queryset.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[offset : offset + limit])
    if rows:
        return [pk for pk, _ in rows], rows[0][1]
    return [], (queryset.count() if offset else 0)


def public_item_ids(types, ordering: str) -> array:
    """Every public item of ``types`` in date order (``ordering``: ``-date`` or ``date``), kept per content
    version and shared by the workers (``cms.api.cache.per_version``: the version is replaced by every change
    and when a scheduled go-live or expiry time passes, so the list is never older than what it depends on).
    A plain list's page is then a slice and its count a length, whatever the archive's size; 8 bytes per
    item."""
    name = f"list-ids:{ordering}:" + ",".join(sorted(model._meta.label for model in types))

    def compute():
        filters = selectors.ItemFilters(types=tuple(types))
        return array("q", selectors.item_queryset(filters, "", ordering).values_list("pk", flat=True))

    return per_version(name, compute, shared=True)


def list_body(request, filters, ordering: str, window, code: str, base_url: str) -> str:
    """The list envelope as JSON text: ``count``, ``next``, ``previous`` and the stored cards in order. A plain
    list (no filter, date order) is a slice of :func:`public_item_ids`; any other is one query."""
    if ordering in KEPT_ORDERINGS and filters == selectors.ItemFilters(types=filters.types):
        every = public_item_ids(filters.types, ordering)
        ids, count = list(every[window.offset : window.offset + window.limit]), len(every)
    else:
        queryset = selectors.item_queryset(filters, code, ordering)
        ids, count = page_of_ids_and_count(queryset, window.offset, window.limit)
    found = store.cards(ids, code) if ids else {}
    head = envelope(request, count, window, [])
    head.pop("results")
    results = ",".join(found[pk] for pk in ids if pk in found)
    return store.with_base(store.dumps(head)[:-1] + ',"results":[' + results + "]}", base_url)


def detail_body(pk: int, types, code: str, base_url: str) -> str | None:
    """The detail of public item ``pk`` (of one of ``types``) as JSON text with its related cards; None when
    it is not public.

    Three queries: the item's link keys and the newest public items under each (``links.related_ids``), then
    the stored detail (if the item is public) and the related cards together."""
    related = links.related_ids(pk, RELATED_LIMIT)
    visible_sql, visible_params = public_sql("s.page_id", tuple(types))
    table = StoredItem._meta.db_table
    sql = (
        f"SELECT s.page_id, CASE WHEN s.page_id = %s THEN s.detail ELSE s.card END FROM {table} s "
        f"WHERE s.lang = %s AND ((s.page_id = %s AND EXISTS ({visible_sql}))"
        + (f" OR s.page_id IN ({', '.join(['%s'] * len(related))}))" if related else ")")
    )
    with connections[router.db_for_read(StoredItem)].cursor() as cursor:
        cursor.execute(sql, [pk, code, pk, *visible_params, *related])
        found = dict(cursor.fetchall())
    if pk not in found:
        if not public_pages(Page.objects.type(*types)).filter(pk=pk).exists():
            return None
        store.build([pk])
        found[pk] = StoredItem.objects.get(page_id=pk, lang=code).detail
    missing = [other for other in related if other not in found]
    if missing:
        found.update(store.cards(missing, code))
    cards = ",".join(found[other] for other in related if other in found)
    return store.with_base(found[pk] + ',"related":[' + cards + "]}", base_url)


def _root_url_path(code: str):
    """The default site's root ``url_path`` in ``code`` (else its untranslated one), as a subquery, so finding
    a page by path needs no query of its own for the site (the rule of ``cms.paths.Paths.root_url_path``)."""
    column = build_localized_fieldname("url_path", code)
    root = Site.objects.filter(is_default_site=True).annotate(
        root_path=Coalesce(
            NullIf(F(f"root_page__{column}"), Value(""), output_field=TextField()),
            F("root_page__url_path"),
            output_field=TextField(),
        )
    )
    return Subquery(root.values("root_path")[:1], output_field=TextField())


def find_by_path_id(public, rest: str, codes) -> int | None:
    """The id of the public item at a frontend path (without its language prefix) read as a path of each of
    ``codes`` in turn (the first that matches wins), in one query."""
    rest = rest.strip("/")
    suffix = Value(rest + "/" if rest else "")
    priority = list(codes)
    conditions = [
        Q(**{build_localized_fieldname("url_path", c): Concat(_root_url_path(c), suffix, output_field=TextField())})
        for c in priority
    ]
    matching = Q(pk__in=[])
    for condition in conditions:
        matching |= condition
    rank = Case(*(When(condition, then=Value(n)) for n, condition in enumerate(conditions)), default=Value(99))
    return public.filter(matching).annotate(rank=rank).order_by("rank", "pk").values_list("pk", flat=True).first()


def resolve_body(path: str, redirect: dict | None, item: str | None) -> str:
    """``resolve/``'s answer around a stored detail; a redirect to an item names the item's path."""
    if redirect is not None and item is not None:
        redirect = {**redirect, "to": json.loads(item)["path"]}
    head = store.dumps({"path": path, "redirect": redirect})[:-1]
    return head + ',"item":' + (item if item is not None else "null") + "}"


def json_response(body: str) -> HttpResponse:
    """A JSON answer from text already written (the view's renderer has nothing left to do)."""
    return HttpResponse(body.encode(), content_type="application/json")


def public_items():
    """Public items of every type (the visibility rule's own queries run here, once per request)."""
    return public_pages(Page.objects.type(*TYPES))
