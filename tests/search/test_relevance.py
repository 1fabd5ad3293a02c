"""The relevance set: the search must keep finding what readers of each language look for.

Relied on by anyone who changes normalisation, ranking or the index: the hit rate (queries whose expected
items are all in the first five results) is printed and must stay at 95% or more, on SQLite in
``make test`` and on PostgreSQL in ``make test-postgres`` (the same test, run against PostgreSQL).
"""

import json
from pathlib import Path

from django.db import connection

from news import selectors
from search import engine

from .corpus import build

RELEVANCE = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))
THRESHOLD = 0.95
ROOT = Path(__file__).resolve().parents[2]


def evaluate(items) -> tuple[float, list[str]]:
    top = RELEVANCE["top"]
    key_of = {page.pk: key for key, page in items.items()}
    misses = []
    for case in RELEVANCE["queries"]:
        pages = selectors.item_queryset(selectors.ItemFilters(), case["lang"])
        outcome = engine.search(case["q"], case["lang"], pages, limit=top, offer_others=False)
        found = [key_of.get(hit.page_id, hit.page_id) for hit in outcome.hits]
        missing = [key for key in case["expect"] if key not in found]
        if missing:
            misses.append(f"{case['lang']} {case['q']!r}: missing {missing}, got {found}")
    rate = 1 - len(misses) / len(RELEVANCE["queries"])
    return rate, misses


def test_relevance_set_is_large_enough():
    """The issue asks for at least 40 queries over the three languages."""
    queries = RELEVANCE["queries"]
    assert len(queries) >= 40
    assert {case["lang"] for case in queries} == {"ar", "ku", "en"}


def test_relevance(site_tree):
    items = build(site_tree)
    rate, misses = evaluate(items)
    print(f"\nsearch relevance on {connection.vendor}: hit rate {rate:.1%} over {len(RELEVANCE['queries'])} queries")
    for miss in misses:
        print("  miss:", miss)
    assert rate >= THRESHOLD, "\n".join(misses)
