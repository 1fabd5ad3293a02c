"""Does the fast ranking give what ranking every match gives, on a benchmark database?

PostgreSQL answers most searches from the newest entries and a few older ones read beside them
(``search.backends.postgres``); SQLite reads its ranking group by group (``search.backends.sqlite``). Both
must give, for every window, the pages and the count (up to ``COUNT_MAX``, where counting stops) of the one
sorted statement every backend shares (``SQLBackend.search``). The tests check this on a small corpus; this
checks it on a database built by ``search_bench.py``, for every benchmark query, in both modes and three
windows:

    DATABASE_URL=postgresql:///cms_bench_10000 DJANGO_SETTINGS_MODULE=bench.settings \\
        .venv/bin/python bench/search_check.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ((20, 0), (10, 10), (5, 50))


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench.search_bench import QUERIES, relevance_queries
    from news import selectors
    from search import normalise
    from search.api import outside_pages, searchable_pages
    from search.backends import ALL, ANY, COUNT_MAX, Match, Scope, get_backend
    from search.backends.sql import SQLBackend

    backend, filters, checked, different = get_backend(), selectors.ItemFilters(), 0, 0
    for lang, q in relevance_queries() + QUERIES:
        terms = tuple(normalise.query_terms(q, lang))
        if not terms:
            continue
        sql, params = searchable_pages(filters, lang)
        scope = Scope(lang, sql, tuple(params), outside=outside_pages(filters))
        for mode in (ALL, ANY):
            match = Match(terms, mode=mode)
            for limit, offset in WINDOWS:
                with backend.session():
                    fast = backend.search(match, scope, limit, offset)
                    every = SQLBackend.search(backend, match, scope, limit, offset)
                checked += 1
                if [pk for pk, _ in fast.rows] != [pk for pk, _ in every.rows] or (
                    every.rows and min(fast.total, COUNT_MAX + 1) != min(every.total, COUNT_MAX + 1)
                ):  # counts stop after COUNT_MAX
                    different += 1
                    print(f"different: {lang} {q!r} {mode} limit={limit} offset={offset}")
    print(f"{checked} windows checked, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
