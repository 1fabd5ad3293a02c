"""Related items from ``ItemLink`` rows: items sharing a topic or the project, newest first.

The rule is ``news.selectors.related_items`` (checked against it by ``manage.py check_delivery``); here it
is read in a way whose cost does not grow with the archive: for each of the item's keys, the newest few
public items under that key (an index range read that stops after ``limit`` public rows), merged. The
links of the pages a change names are written again inside the change's transaction (``listeners``).
"""

from __future__ import annotations

from django.db import connections, router
from wagtail.models import Page

from cms.visibility import public_sql
from news import selectors

from .models import ItemLink

TYPES = tuple(selectors.ITEM_TYPES.values())


def fresh_links(page_ids) -> list[ItemLink]:
    """The link rows of these pages (those that are items) as their tables say now."""
    page_ids = list(page_ids)
    rows = []
    for model in TYPES:
        dates = {}
        for pk, date, project_id in model.objects.filter(pk__in=page_ids).values_list("pk", "date", "project_id"):
            dates[pk] = date
            if project_id is not None:
                rows.append(ItemLink(page_id=pk, key=f"project:{project_id}", date=date))
        if not dates:
            continue
        through = model.topics.through
        own = through._meta.get_field(model._meta.model_name).attname
        for pk, topic_id in through.objects.filter(**{f"{own}__in": list(dates)}).values_list(own, "topic_id"):
            rows.append(ItemLink(page_id=pk, key=f"topic:{topic_id}", date=dates[pk]))
    return rows


def write(page_ids=None, batch: int = 500) -> int:
    """Write the links of these pages (every item when None) again; returns the rows written."""
    if page_ids is None:
        ItemLink.objects.all().delete()
        page_ids = list(Page.objects.type(*TYPES).values_list("pk", flat=True))
    page_ids = sorted(set(page_ids))
    written = 0
    for start in range(0, len(page_ids), batch):
        chunk = page_ids[start : start + batch]
        rows = fresh_links(chunk)
        ItemLink.objects.filter(page_id__in=chunk).delete()
        ItemLink.objects.bulk_create(rows, ignore_conflicts=True)
        written += len(rows)
    return written


def related_ids(pk: int, limit: int) -> list[int]:
    """Up to ``limit`` ids of public items sharing a key with item ``pk``, newest first (then the highest
    id), in two queries: the item's keys, then the newest ``limit`` public items of each key together."""
    keys = list(ItemLink.objects.filter(page_id=pk).values_list("key", flat=True))
    if not keys:
        return []
    visible_sql, visible_params = public_sql("l.page_id", TYPES)
    connection = connections[router.db_for_read(ItemLink)]
    if connection.vendor == "postgresql":
        # A fence: PostgreSQL would otherwise join the key's rows with every public page; checked row by row
        # by primary key, the read in date order stops after its first ``limit`` public rows.
        visible_sql += " OFFSET 0"
    table = ItemLink._meta.db_table
    parts, params = [], []
    for n, key in enumerate(keys):
        parts.append(
            f"SELECT * FROM (SELECT l.page_id, l.date FROM {table} l WHERE l.key = %s AND l.page_id <> %s "
            f"AND EXISTS ({visible_sql}) ORDER BY l.date DESC, l.page_id DESC LIMIT %s) AS k{n}"
        )
        params += [key, pk, *visible_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        candidates = cursor.fetchall()
    ordered = sorted(set(candidates), key=lambda row: (row[1], row[0]), reverse=True)
    seen, result = set(), []
    for page_id, _ in ordered:
        if page_id not in seen:
            seen.add(page_id)
            result.append(page_id)
    return result[:limit]
