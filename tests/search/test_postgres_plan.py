"""PostgreSQL only: a search starts from the full-text index whatever the planner estimates, and leaves the
caller's transaction as it found it. Its planner does not count decompressing a ``tsvector``, so for a word
with many matches it would read and test every entry (``search.backends.postgres``)."""

import datetime
import random
import string

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from news.factories import NewsPageFactory, paragraph
from search.backends import get_backend

pytestmark = pytest.mark.postgres


@pytest.fixture
def many(site_tree):
    """Most entries say the word: the estimate the planner would read them all for."""
    for day in range(1, 25):
        NewsPageFactory(
            parent=site_tree["news"],
            date=datetime.date(2024, 1, day),
            title_en=f"Workshop {day}",
            body_en=paragraph("A workshop on safety. " * 40),
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cms_search_searchentry")  # as after a rebuild (search.indexer)


def _search_statements(client, q):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/search/", {"q": q, "lang": "en"})
    assert response.status_code == 200
    statements = [query["sql"] for query in captured.captured_queries if "to_tsquery" in query["sql"]]
    assert statements
    return response.json(), statements


def _catalog(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _plan(sql: str) -> str:
    with get_backend().session(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_match_is_read_from_the_full_text_index(client, many):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    data, statements = _search_statements(client, "workshop")
    assert data["count"] == 24
    for sql in statements:
        plan = _plan(sql)
        assert "cms_search_entry_document" in plan, plan
        assert "Seq Scan on cms_search_searchentry" not in plan, plan


def test_the_callers_transaction_keeps_its_planner_settings(client, many):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = on")
        _search_statements(client, "workshop")
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == ("on", "on")


def test_new_entries_go_straight_into_the_index(db):
    """No pending list that every search would read in full until a vacuum (migrations 0004, 0010: every
    language's own indexes)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's GIN index")
    options = dict(_catalog("SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'cms_search_entry_%'"))
    full_text = [f"cms_search_entry_{kind}_{code}" for kind in ("document", "title", "lead") for code in ("ar", "en")]
    assert all("fastupdate=off" in options[name] for name in full_text), options


def test_suggestions_read_the_titles_index(client, many):
    """A prefix that bodies also contain is looked up in titles alone, never by testing every document."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/search/suggest/", {"q": "saf", "lang": "en"})
    assert response.status_code == 200 and response.json()["results"] == []  # "safety" is only in bodies
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/search/suggest/", {"q": "works", "lang": "en"})
    assert [result["title"] for result in response.json()["results"]][:2] == ["Workshop 24", "Workshop 23"]
    [sql] = [query["sql"] for query in captured.captured_queries if "to_tsquery" in query["sql"]]
    plan = _plan(sql)
    matching = plan.split("->  Sort")[0]  # how matches are found, before they are ranked
    # Through the titles' index, or (on a table this small) every entry of the newest slice by its title:
    # never a test of every document.
    assert "cms_search_entry_title" in matching or "title_norm) @@" in matching, plan
    assert "(document @@" not in matching, plan


def test_a_rebuild_merges_its_entries_in_bulk_and_leaves_no_pending_list(client, many):
    """A rebuild fills the GIN indexes through their pending list (``search.indexer.GIN_BULK``), then flushes
    it and turns it off again: searches afterwards read no pending list, and find every entry."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's GIN indexes")
    from search import indexer
    from search.models import SearchEntry

    before = SearchEntry.objects.count()
    assert indexer.rebuild() == before == SearchEntry.objects.count()
    with connection.cursor() as cursor:
        for name in indexer.GIN_INDEXES:
            cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [name])
            assert "fastupdate=off" in cursor.fetchone()[0]
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            assert cursor.fetchone()[0] == 0  # nothing was left waiting
    data, _ = _search_statements(client, "workshop")
    assert data["count"] == 24
    response = client.get("/api/v1/search/suggest/", {"q": "works", "lang": "en"})
    assert len(response.json()["results"]) == 8


def test_an_entrys_document_stays_in_its_row(site_tree):
    """Ranking tests each match's ``tsvector`` several times: kept in the row (migration 0006), not fetched
    from the TOAST table for every test, even when the entry's texts are long: only those move out."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's storage")
    letters = random.Random(7)
    words = " ".join("".join(letters.choices(string.ascii_lowercase, k=8)) for _ in range(350))

    def values_moved_out() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltoastrelid::regclass FROM pg_class WHERE relname = 'cms_search_searchentry'")
            cursor.execute(f"SELECT COUNT(DISTINCT chunk_id) FROM {cursor.fetchone()[0]}")
            return cursor.fetchone()[0]

    before = values_moved_out()
    page = NewsPageFactory(parent=site_tree["news"], title_en="Long report", body_en=paragraph(words))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(document), octet_length(body) FROM cms_search_searchentry "
            "WHERE page_id = %s AND lang = 'en'",
            [page.pk],
        )
        document_size, body_size = cursor.fetchone()
    # A row far over the threshold (about 2 kB), the document its largest value: the plain and the
    # normalised body moved out, the document did not.
    assert document_size > body_size > 2500
    assert values_moved_out() - before == 2


def test_a_rebuilds_analyze_skips_the_texts_and_samples_the_lexemes(db):
    """The texts are never filtered on: no statistics (migration 0008), so the ``ANALYZE`` ending a rebuild
    does not read them; the lexemes of the lead index take a smaller sample; ``document`` (whose estimates
    decide how the newest slice is read, migration 0009) and the titles' index (suggestions' plans) the
    default."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics")
    rows = _catalog(
        "SELECT attrelid::regclass::text, attname, attstattarget FROM pg_attribute "
        "WHERE attrelid IN ('cms_search_searchentry'::regclass, 'cms_search_entry_lead_ar'::regclass, "
        "'cms_search_entry_title_ar'::regclass) AND attnum > 0 AND NOT attisdropped"
    )
    targets = {(table, column): target for table, column, target in rows}
    assert targets["cms_search_searchentry", "body_norm"] == targets["cms_search_searchentry", "body"] == 0
    assert targets["cms_search_entry_lead_ar", "to_tsvector"] == 10
    default = (-1, None)  # -1 up to PostgreSQL 16, NULL from 17
    assert targets["cms_search_searchentry", "document"] in default
    assert targets["cms_search_searchentry", "lang"] in default
    assert targets["cms_search_entry_title_ar", "to_tsvector"] in default


def test_a_count_stops_after_count_max_matches(client, many, monkeypatch):
    """24 entries say "workshop": counting them stops after ``COUNT_MAX + 1`` rows read from the table."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    from search import engine
    from search.backends import postgres, sql

    for module in (engine, sql, postgres):
        monkeypatch.setattr(module, "COUNT_MAX", 5)
    monkeypatch.setattr(postgres, "FEW", 0)
    data, statements = _search_statements(client, "workshop")
    assert (data["count"], data["count_exact"]) == (5, False)
    (count,) = [statement for statement in statements if statement.startswith("SELECT COUNT(*)")]
    with get_backend().session(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + count)
        plan = cursor.fetchone()[0][0]["Plan"]
    scans = []

    def walk(node):
        if node["Node Type"].endswith("Scan") and node.get("Relation Name") == "cms_search_searchentry":
            scans.append(node)
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    assert scans and all(scan["Actual Rows"] <= 6 for scan in scans), scans


def test_the_newest_slice_is_read_as_a_range_of_ids(client, many, monkeypatch):
    """The slice's first id is a constant of the statement: the planner reads the slice's ids from the
    primary key (with the words from the full-text index), not every match of the words."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    from search.backends import postgres

    monkeypatch.setattr(postgres, "FEW", 0)
    monkeypatch.setattr(postgres, "SLICES", (3,))
    monkeypatch.setattr(postgres, "SCAN_MAX", 0)
    data, statements = _search_statements(client, "workshop")
    assert data["count"] == 24
    (read, *_) = [statement for statement in statements if "0 AS part" in statement]
    plan = _plan(read)
    assert "id >= '" in plan and "id >= $" not in plan, plan  # a range of ids, from a constant


@pytest.mark.parametrize("path", ["/api/v1/search/", "/api/v1/search/suggest/"])
def test_a_small_slice_tests_its_entries_instead_of_reading_every_match(client, many, path, monkeypatch):
    """A slice of at most ``SCAN_MAX`` entries is read from the primary key alone, each entry tested: the
    full-text index would hand over every match of the word first (most entries here)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    from search.backends import postgres

    monkeypatch.setattr(postgres, "FEW", 0)
    monkeypatch.setattr(postgres, "SLICES", (6, 60))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"q": "workshop" if "suggest" not in path else "works", "lang": "en"})
    titles = [result["title"] for result in response.json()["results"]]
    assert titles[:2] == ["Workshop 24", "Workshop 23"], titles
    slices = [query["sql"] for query in captured.captured_queries if "0 AS part" in query["sql"]]
    plan = _plan(slices[0])
    assert "cms_search_searchentry_pkey" in plan and "id >= '" in plan, plan
    assert "cms_search_entry_document" not in plan and "cms_search_entry_title" not in plan, plan
    # The words are a filter on the slice's entries (a fence keeps them from any index), whatever the table's size.
    tested = plan.split("Subquery Scan on s")[1].split("->")[0]
    assert "@@" in tested, plan


def test_the_titles_expression_keeps_statistics_of_its_own(client, many):
    """The titles' indexes are partial (one per language), and the planner ignores a partial index's
    statistics: the expression has its own (migration 0010), gathered by ``ANALYZE`` like a column's."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics")
    rows = _catalog(
        "SELECT expr, most_common_elems IS NOT NULL FROM pg_stats_ext_exprs "
        "WHERE statistics_name = 'cms_search_entry_title_stats'"
    )
    assert len(rows) == 1 and "title_norm" in rows[0][0] and rows[0][1], rows
