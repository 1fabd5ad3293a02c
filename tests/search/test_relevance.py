"""The relevance set: the search must keep finding what readers of each language look for.

Relied on by anyone who changes normalisation, ranking or the index: the hit rate (queries whose expected
items are all in the first five results) is printed and must stay at 95% or more, on SQLite here and on
PostgreSQL in the ``postgres`` suite.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


RELEVANCE_DATABASE = "cms_search_relevance"


def _postgres_url() -> str | None:
    """A PostgreSQL URL for a database of its own (never the one this run may itself be testing on), created
    if missing; None when no PostgreSQL server answers."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgresql:///postgres"
    url = url.partition("?")[0].rpartition("/")[0] + "/" + RELEVANCE_DATABASE
    config = dj_database_url.parse(url)
    params = {
        key: value
        for key, value in {
            "host": config.get("HOST"),
            "port": config.get("PORT"),
            "user": config.get("USER"),
            "password": config.get("PASSWORD"),
        }.items()
        if value
    }
    try:
        with psycopg.connect(dbname="postgres", connect_timeout=3, autocommit=True, **params) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (RELEVANCE_DATABASE,)).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(RELEVANCE_DATABASE)))
    except psycopg.OperationalError:
        return None
    return url


@pytest.mark.postgres
def test_relevance_on_postgresql():
    """The same relevance set through PostgreSQL full-text search (its own pytest run on a PostgreSQL test
    database, because this session's database may be SQLite)."""
    url = _postgres_url()
    if url is None:
        pytest.skip("No PostgreSQL server answers on the local socket and DATABASE_URL is not a PostgreSQL URL.")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-s", "-m", "not postgres", "--create-db", f"{__file__}::test_relevance"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout[-3000:])
    assert "search relevance on postgresql" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, result.stdout[-3000:]
