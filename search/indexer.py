"""Keeping ``SearchEntry`` rows equal to what published pages say, in batches (one set of queries per model
per batch, never a query per page).

Pages are always re-read from the database by id, so the text of an unpublished draft held in memory (the
admin saves the live row when it saves a revision) never reaches the index.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from cms.api import cache
from cms.availability import prime_review_codes
from news.models import CONTENT_PAGE_MODELS
from news.relations import prefetch_snippets

from .documents import documents
from .models import LANG_NUMBER, SearchEntry, entry_id

BATCH = 500
#: One per language and expression (migration 0010); ``IF EXISTS``: a language known since has none yet.
GIN_INDEXES = tuple(f"cms_search_entry_{kind}_{code}" for kind in ("document", "title", "lead") for code in LANG_NUMBER)
#: A rebuild's settings (its transaction only) and index options (a lock that blocks no read or write).
GIN_BULK = [
    "SET LOCAL gin_pending_list_limit = '64MB'",
    "SET LOCAL work_mem = '64MB'",
    *(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = on)" for name in GIN_INDEXES),
]
GIN_FLUSH = [
    *(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = off)" for name in GIN_INDEXES),
    *(f"SELECT gin_clean_pending_list(to_regclass('{name}'))" for name in GIN_INDEXES),
]
#: SQLite's FTS5 tables (every column; the lead), each kept by its triggers, words tagged by language.
_FULLTEXT = importlib.import_module("search.migrations.0012_words_per_language")
_paused = contextvars.ContextVar("search_indexing_paused", default=False)


@contextlib.contextmanager
def paused():
    """Skip automatic indexing (bulk imports, demo content); run ``rebuild()`` afterwards."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def is_paused() -> bool:
    return _paused.get()


def _live_pages(model, ids) -> list:
    live = model.objects.filter(pk__in=ids, live=True)
    pages = list(live.select_related("project", "dateline_place__parent__parent"))
    prefetch_snippets(pages)
    return pages


def _chunks(ids: list[int]):
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def index_pages(page_ids: Iterable[int]) -> int:
    """Rewrite the entries of these pages (removing those of pages no longer live); returns rows written."""
    written, names = 0, {}  # the snippets do not change while their pages are indexed
    for chunk in _chunks(sorted(set(page_ids))):
        entries = []
        for model in CONTENT_PAGE_MODELS:
            pages = _live_pages(model, chunk)
            prime_review_codes(pages)
            for page in pages:
                written_in = documents(page, names)
                page_langs = " ".join(document.lang for document in written_in)
                for document in written_in:
                    entries.append(
                        {
                            "id": entry_id(document.date, page.pk, document.lang),
                            "page_id": page.pk,
                            "lang": document.lang,
                            "title": document.title,
                            "summary": document.summary,
                            "body": document.body,
                            "date": document.date,
                            "page_langs": page_langs,
                            **document.normalised(),
                        }
                    )
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=chunk).delete()
            _write(entries)
        written += len(entries)
    return written


def _write(entries: list[dict]) -> None:
    """Insert new entries (their fields' values by attribute name); on PostgreSQL as a ``COPY`` stream (no
    statement of 15 × 500 parameters to build and parse: a quarter of a rebuild's time went to that, and no
    model instance to build for each row)."""
    if connection.vendor != "postgresql":
        SearchEntry.objects.bulk_create(SearchEntry(**entry) for entry in entries)
        return
    now = timezone.now()
    fields = SearchEntry._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {SearchEntry._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for entry in entries:
            entry["updated_at"] = now
            copy.write_row([entry[field.attname] for field in fields])


def remove_pages(page_ids: Iterable[int]) -> None:
    SearchEntry.objects.filter(page_id__in=list(page_ids)).delete()


def content_page_ids(live_only: bool = True) -> list[int]:
    ids: list[int] = []
    for model in CONTENT_PAGE_MODELS:
        queryset = model.objects.filter(live=True) if live_only else model.objects.all()
        ids.extend(queryset.values_list("pk", flat=True))
    return ids


def rebuild() -> int:
    """Drop every entry and index every live content page again.

    On SQLite the triggers that keep the FTS5 tables in step are dropped for the duration and each FTS5
    table is filled again once at the end, in one pass, instead of being updated row by row (twice the work).
    On PostgreSQL the GIN indexes take new entries into their pending list for the duration (merged in
    bulk, instead of every word of every entry inserted into the tree as it comes: most of the time of a
    rebuild) and are flushed at the end; searches meanwhile read the old entries, as before."""
    sqlite, postgresql = connection.vendor == "sqlite", connection.vendor == "postgresql"
    with transaction.atomic():
        if sqlite:
            _run(_FULLTEXT.SQLITE_REVERSE, "TRIGGER")
        if postgresql:
            _run(GIN_BULK)
        SearchEntry.objects.all().delete()
        written = index_pages(content_page_ids())
        if sqlite:
            _run(_FULLTEXT.SQLITE, "TRIGGER")
            _run(_FULLTEXT.FILL)
        if postgresql:
            _run(GIN_FLUSH)
    if sqlite:
        _run([f"INSERT INTO {table}({table}) VALUES ('optimize')" for table in _FULLTEXT.TABLES])
    elif postgresql and connection.in_atomic_block:
        _run(["ANALYZE cms_search_searchentry"])  # the planner's figures for the new entries
    elif postgresql:
        # And the visibility map: every old entry is a dead row now, and until a vacuum clears them the
        # index-only reads of a search (its count, the newest slice's bound) visit the table as well.
        _run(["VACUUM (ANALYZE) cms_search_searchentry"])
    cache.bump()  # search answers, and what searching keeps per content version, may differ now
    return written


def _run(statements, only: str = "") -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            if only in statement:
                cursor.execute(statement)
