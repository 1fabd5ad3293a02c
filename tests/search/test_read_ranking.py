"""Ranking read in order instead of sorted (``search.backends.sqlite``), and the counts and offers that go
with it: the same answers as the sorted statement every backend shares, for a fraction of the reading.

The sorted statement (``SQLBackend.search``) is the reference here: it ranks every match in one ORDER BY,
and is what PostgreSQL runs. The read ranking must give the same pages, in the same order, with the same
count, for every window.
"""

import datetime
import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from news import selectors
from news.factories import NewsPageFactory, paragraph
from search import engine, indexer, normalise
from search.api import outside_pages, searchable_pages
from search.backends import ANY, Match, Scope, get_backend
from search.backends.sql import SQLBackend
from search.backends.sqlite import FTS, LEAD
from search.models import LANG_NUMBER, SearchEntry, entry_id

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's read ranking")

QUERIES = [
    ("en", "workshop"),
    ("en", "weekly update"),
    ("en", "schedule activities"),
    ("en", "Hajin"),
    ("en", "workshops"),
    ("ar", "ورشة"),
    ("ar", "تحديث أسبوعي"),
    ("ar", "المجالس المحلية"),
    ("ku", "kargeh"),
    ("ku", "rûniştin"),
    ("ku", "Nûçeya heftane"),
    ("en", "weekly update schedule meetings"),
    ("ar", "تحديث أسبوعي جدول الأنشطة"),
    ("ku", "Nûçeya heftane bernameya çalakî"),
]
WINDOWS = [(20, 0), (7, 0), (7, 7), (5, 17), (3, 40)]


@pytest.fixture
def hidden(items, site_tree):
    """Pages that match "workshop" and are indexed but may not be found: expired (live, so indexed),
    private (a view restriction), and unpublished behind the index's back."""
    now = timezone.now()
    expired = NewsPageFactory(
        parent=site_tree["news"], title_en="Workshop expired", expire_at=now - datetime.timedelta(days=1)
    )
    private = NewsPageFactory(parent=site_tree["news"], title_en="Workshop private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    indexer.index_pages([expired.pk, private.pk])
    return {"expired": expired, "private": private}


def _is_group_read(sql: str) -> bool:
    """A statement reading one rank group newest first (from either full-text table)."""
    return f"ORDER BY {FTS}.rowid DESC" in sql or f"ORDER BY {LEAD}.rowid DESC" in sql


def _scope(lang, with_outside=True):
    filters = selectors.ItemFilters()
    sql, params = searchable_pages(filters, lang)
    return Scope(lang, sql, tuple(params), outside=outside_pages(filters) if with_outside else None)


def _both(lang, q, limit, offset, mode="all"):
    from search.backends import get_backend

    backend = get_backend()
    match = Match(tuple(normalise.query_terms(q, lang)), mode=mode)
    scope = _scope(lang)
    with backend.session():
        read = backend.search(match, scope, limit, offset)
        sorted_ = SQLBackend.search(backend, match, scope, limit, offset)
        counted = SQLBackend.count(backend, match, scope)
    return read, sorted_, counted


def _ranks_like_the_sorted_statement(lang, q, mode, hidden):
    """Every window of WINDOWS: the same pages in the same order and the same count, no hidden page."""
    for limit, offset in WINDOWS:
        read, sorted_, counted = _both(lang, q, limit, offset, mode)
        assert [pk for pk, _ in read.rows] == [pk for pk, _ in sorted_.rows], (limit, offset)
        assert read.total == counted, (limit, offset)
        assert hidden["expired"].pk not in [pk for pk, _ in read.rows]


@sqlite_only
@pytest.mark.parametrize("mode", ["all", ANY])
@pytest.mark.parametrize("lang, q", QUERIES)
def test_read_ranking_equals_the_sorted_statement(items, hidden, lang, q, mode, monkeypatch):
    """In ANY mode too (words matched first), with the queries above and words that no item has."""
    from search.backends import sqlite

    monkeypatch.setattr(sqlite, "FEW", 2)  # every query with more than two matches is read by groups
    if mode == ANY:
        q += " zzzunknown" if len(q.split()) < 3 else ""
    _ranks_like_the_sorted_statement(lang, q, mode, hidden)


@sqlite_only
def test_a_full_page_is_read_from_one_group_without_sorting(items, monkeypatch):
    """Forty items have "workshop" in the body and two in the title: a page of two is the title group,
    read newest first and stopped (no temporary B-tree), plus the count from the index alone. (The corpus
    is small: "many matches" is made to start at ten.)"""
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "FEW", 10)
    backend = get_backend()
    match, scope = Match(tuple(normalise.query_terms("workshop", "en"))), _scope("en")
    with CaptureQueriesContext(connection) as queries:
        ranked = backend.search(match, scope, 2)
    assert {pk for pk, _ in ranked.rows} == {items["news_hajin"].pk, items["news_kasra"].pk}
    assert ranked.total >= 42
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 3, statements  # a first look, the title group, the count
    assert "ORDER BY cms_search_lead_fts.rowid DESC" in statements[1]  # the title tier, from the lead
    assert "COUNT(*)" in statements[2] and "EXISTS" not in statements[2]  # from the full-text index alone
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + statements[1])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "TEMP B-TREE" not in plan, plan


@sqlite_only
def test_an_empty_tier_is_read_once_whatever_the_exact_forms(items, monkeypatch):
    """ "meetings councils": every weekly update has both words in its body, none in its title, summary
    or names. Each empty tier costs one read (the title and summary tiers from the lead table: short lists),
    not one for the exact forms and one for the others; the body tier's newest five all have the exact
    forms, so its one read is all of it."""
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "FEW", 2)
    match = Match(tuple(normalise.query_terms("meetings councils", "en")))
    bound = get_backend().bound(match, _scope("en"))
    assert get_backend().expression(bound, exact=True) != get_backend().expression(bound)
    with CaptureQueriesContext(connection) as queries:
        ranked = get_backend().search(match, _scope("en"), 5)
    reads = [query["sql"] for query in queries.captured_queries if _is_group_read(query["sql"])]
    assert len(reads) == 4, reads  # three empty tiers, the body tier
    assert all(f"ORDER BY {LEAD}.rowid" in sql for sql in reads[:2]), reads  # title, title or summary
    assert all(f"ORDER BY {FTS}.rowid" in sql for sql in reads[2:]), reads  # names, body
    assert ranked.rows == SQLBackend.search(get_backend(), match, _scope("en"), 5).rows


@sqlite_only
def test_a_tier_read_whole_still_ranks_the_exact_forms_first(items, site_tree, monkeypatch):
    """The title tier of "workshops" holds a few items: read whole, its old item with "workshops" as typed
    comes before the newer ones with "workshop"."""
    from search.backends import get_backend, sqlite

    old = NewsPageFactory(
        parent=site_tree["news"], title_en="Two workshops for teachers", date=datetime.date(2019, 1, 1)
    )
    indexer.index_pages([old.pk])
    monkeypatch.setattr(sqlite, "FEW", 2)
    match = Match(tuple(normalise.query_terms("workshops", "en")))
    ranked = get_backend().search(match, _scope("en"), 20)
    assert ranked.rows[0][0] == old.pk
    assert ranked.rows == SQLBackend.search(get_backend(), match, _scope("en"), 20).rows


@sqlite_only
def test_offers_without_a_page_list_are_read_by_groups(items, monkeypatch):
    """When too many pages miss the language for a list (half of them at 100,000 items), an offer reads its
    groups newest first, each match's page checked for the language: offers are then common, and a page
    of five is found among the newest matches instead of sorting every match of the other language."""
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "FEW", 2)
    backend, filters, offered, grouped = get_backend(), selectors.ItemFilters(), [], 0
    typed_in_another_script = [
        ("ar", "workshop"),
        ("ar", "weekly update football"),
        ("ar", "football"),
        ("en", "kargeh"),
    ]
    for lang, q in [*QUERIES, *typed_in_another_script, ("en", "دير الزور"), ("ku", "weekly")]:
        sql, params = searchable_pages(filters, lang)
        for other in {"ar", "en", "ku"} - {lang}:
            match = Match(tuple(normalise.query_terms(q, other)))
            scope = Scope(other, sql, tuple(params), without_lang=lang)
            with CaptureQueriesContext(connection) as queries:
                read = backend.search(match, scope, engine.OTHERS_LIMIT, count=False)
            assert read.rows == SQLBackend.search(backend, match, scope, engine.OTHERS_LIMIT, count=False).rows
            grouped += any(_is_group_read(query["sql"]) for query in queries.captured_queries)
            offered += read.rows
    assert items["news_football"].pk in {pk for pk, _ in offered}  # written in Kurmanji and English only
    assert grouped >= 3


@sqlite_only
def test_few_matches_are_ranked_in_one_sorted_statement(items):
    from search.backends import get_backend

    match, scope = Match(tuple(normalise.query_terms("Hajin", "en"))), _scope("en")
    with CaptureQueriesContext(connection) as queries:
        ranked = get_backend().search(match, scope, 20)
    assert ranked.total == len(ranked.rows) > 0
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 2 and "COUNT(*) OVER ()" in statements[1], statements


def test_the_count_takes_off_hidden_pages_still_indexed(client, items, hidden):
    """Expired and private pages keep their entries; a page unpublished by a bulk update keeps them too,
    and is taken off from the next content version on (as the plain lists see it)."""
    from cms.api import cache

    def count():
        return client.get("/api/v1/search/", {"q": "workshop", "lang": "en", "limit": 2}).json()["count"]

    hidden_ids = {page.pk for page in hidden.values()}
    assert set(SearchEntry.objects.filter(page_id__in=hidden_ids).values_list("page_id", flat=True)) == hidden_ids
    visible = count()
    read, sorted_, counted = _both("en", "workshop", 100, 0)
    assert visible == counted == len(sorted_.rows)
    Page.objects.filter(pk=items["news_hajin"].pk).update(live=False)
    cache.bump()
    assert count() == visible - 1


def test_outside_pages_are_the_indexed_pages_an_unfiltered_search_may_not_return(items, hidden):
    outside = outside_pages(selectors.ItemFilters())
    assert {hidden["expired"].pk, hidden["private"].pk} <= outside
    assert items["news_hajin"].pk not in outside
    assert outside_pages(selectors.ItemFilters(place_ids=frozenset({1}))) is None


def test_offers_read_only_pages_missing_the_language(client, items):
    """Nothing is offered when every indexed page has the language; an item written only in Arabic is."""
    assert engine.pages_without("en") == {items["report_water"].pk} | {
        page.pk for page in Page.objects.filter(pk__in=engine.pages_without("en"))
    }
    data = client.get("/api/v1/search/", {"q": "دير الزور", "lang": "en"}).json()
    assert items["report_water"].pk in [card["id"] for card in data["other_languages"]]
    everywhere = set(SearchEntry.objects.values_list("page_id", flat=True)) - engine.pages_without("ar")
    assert items["news_hajin"].pk in everywhere


@sqlite_only
def test_an_offer_reads_the_page_list_only_for_many_matches_in_the_language(client, items, monkeypatch):
    """A long list of pages missing the language costs every statement that carries it: it is read only when
    the other language has more matches than a sorted statement checks page by page (``FEW``), and the
    offers are the same either way."""
    from search.backends import sqlite

    monkeypatch.setattr(sqlite, "WITHIN_LOOK", 0)  # every list is "long"
    NewsPageFactory(parent=items["news_hajin"].get_parent(), title_en="Zebrafish survey")

    def searched(q, **params):
        with CaptureQueriesContext(connection) as queries:
            data = client.get("/api/v1/search/", {"q": q, "lang": "en", **params}).json()
        listed = [query["sql"] for query in queries.captured_queries if "json_each" in query["sql"]]
        return data, listed

    data, listed = searched("zebrafish")
    assert data["count"] == 1 and data["other_languages"] == [] and not listed
    few, listed = searched("دير الزور")
    assert items["report_water"].pk in [card["id"] for card in few["other_languages"]]
    assert not listed  # a few matches in Arabic: their pages checked one by one
    monkeypatch.setattr(sqlite, "FEW", 0)
    many, listed = searched("دير الزور", limit=10)  # (another address: not the answer cached above)
    assert many["other_languages"] == few["other_languages"] and listed


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's slices")
def test_an_offer_looks_at_its_matches_before_choosing_how_to_rank_them(client, items, monkeypatch):
    """An offer first counts (up to ``FEW + 1``) the matches it could show: none, nothing more is read; a
    few, one sorted statement; more, the newest slices, as a search does."""
    from search.backends import postgres

    def offer_statements(q):
        with CaptureQueriesContext(connection) as queries:
            data = client.get("/api/v1/search/", {"q": q, "lang": "en"}).json()
        offers = [query["sql"] for query in queries.captured_queries if "NOT LIKE '% en %'" in query["sql"]]
        return data, offers

    data, offers = offer_statements("zzzunknown")
    assert data["other_languages"] == [] and len(offers) == 2 and all("LIMIT 151" in sql for sql in offers), offers
    data, offers = offer_statements("دير الزور")
    assert items["report_water"].pk in [card["id"] for card in data["other_languages"]]
    assert not any("WITH r AS" in sql for sql in offers) and any("ORDER BY" in sql for sql in offers), offers
    monkeypatch.setattr(postgres, "FEW", 0)
    data, sliced = offer_statements("الزور دير")  # (not the answer kept by the response cache)
    assert items["report_water"].pk in [card["id"] for card in data["other_languages"]]
    assert any("WITH r AS" in sql for sql in sliced), sliced  # the newest slice's reads


MANY_WORDS = [
    ("en", "workshop Hajin advocacy weekly zzzunknown"),
    ("en", "advocacy Hajin meetings schedule councils"),
    ("en", "weekly update schedule activities meetings"),
    ("en", "Norwegian workshop dialogue session"),
    ("en", "school trainees zzzunknown qqqunknown"),  # a rare word and a common one, both in bodies only
    ("en", "school trainee football zzzunknown"),
    ("ar", "ورشة هجين تحديث أسبوعي المجالس"),
    ("ku", "kargeh Hecîn rûniştin heftane"),
]


@sqlite_only
@pytest.mark.parametrize("lang, q", MANY_WORDS)
def test_any_mode_with_many_words_ranks_like_the_sorted_statement(items, hidden, site_tree, lang, q, monkeypatch):
    """More words than the groups can spell out: the entries with a rare word (up to five matches here) are
    ranked apart, the rest read by groups of the common words; with five common words, sorted. An old item
    with a rare word in its body ties with newer items having a common word there: the date decides."""
    from search.backends import sqlite

    old = NewsPageFactory(
        parent=site_tree["news"],
        title_en="Archive note",
        body_en=paragraph("Notes for trainees."),
        date=datetime.date(2020, 1, 1),
    )
    indexer.index_pages([old.pk])
    monkeypatch.setattr(sqlite, "RARE_MAX", 5)
    _ranks_like_the_sorted_statement(lang, q, ANY, hidden)


@sqlite_only
def test_any_mode_with_many_words_reads_the_common_words_by_groups_without_the_rare_ones(items, monkeypatch):
    """No statement ranks every match of the common words: the entries with "Hajin" or "advocacy" are
    ranked among themselves, and the groups of "workshop" and "weekly" leave them out."""
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "RARE_MAX", 5)
    match = Match(tuple(normalise.query_terms("workshop Hajin advocacy weekly", "en")), mode=ANY)
    with CaptureQueriesContext(connection) as queries:
        ranked = get_backend().search(match, _scope("en"), 5)
    statements = [query["sql"] for query in queries.captured_queries]
    assert not any("COUNT(*) OVER ()" in sql for sql in statements), statements
    groups = [sql for sql in statements if _is_group_read(sql)]
    assert groups and all(f'NOT (("{LANG_NUMBER["en"]:02d}hajin"' in sql for sql in groups), groups
    assert ranked.rows[0][0] == items["news_hajin"].pk  # "workshop", "Hajin" and "advocacy"
    assert ranked.rows == SQLBackend.search(get_backend(), match, _scope("en"), 5).rows


@sqlite_only
def test_any_mode_with_many_common_words_is_sorted(items, monkeypatch):
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "RARE_MAX", 5)
    match, scope = (
        Match(tuple(normalise.query_terms("weekly update schedule activities zzzunknown", "en")), mode=ANY),
        _scope("en"),
    )
    with CaptureQueriesContext(connection) as queries:
        ranked = get_backend().search(match, scope, 10)
    assert ranked.total > 10 and len(queries.captured_queries) == 2  # each word's matches counted, then sorted
    assert "COUNT(*) OVER ()" in queries.captured_queries[1]["sql"]


def test_entry_ids_order_like_the_tie_break(items):
    entries = list(SearchEntry.objects.values_list("id", "date", "page_id", "lang"))
    assert all(pk == entry_id(day, page_id, lang) for pk, day, page_id, lang in entries)
    newest_first = sorted(entries, key=lambda entry: entry[0], reverse=True)
    by_rule = sorted(entries, key=lambda entry: (entry[1] or datetime.date.min, entry[2], entry[0]), reverse=True)
    assert [entry[0] for entry in newest_first] == [entry[0] for entry in by_rule]
    assert entry_id(None, 5, "ar") < entry_id(datetime.date(1899, 1, 1), 6, "ar")
    with pytest.raises(ValueError):
        entry_id(datetime.date(2024, 1, 1), 1 << 32, "en")


def test_entries_indexed_before_take_the_new_ids(site_tree):
    """Migration 0005: entries written with counter ids get ``entry_id`` ids, with their texts still found."""
    page = NewsPageFactory(parent=site_tree["news"], title_en="Narwhal count", date=datetime.date(2024, 3, 1))
    indexer.index_pages([page.pk])
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        for number, pk in enumerate(SearchEntry.objects.order_by("id").values_list("id", flat=True), start=1):
            cursor.execute(f"UPDATE {table} SET id = %s WHERE id = %s", [number, pk])
    written = SearchEntry.objects.count()
    assert written >= 2 and set(SearchEntry.objects.values_list("id", flat=True)) == set(range(1, written + 1))
    importlib.import_module("search.migrations.0005_entry_ids").rekey_entries(SearchEntry, connection)
    entries = SearchEntry.objects.values_list("id", "date", "page_id", "lang")
    assert all(pk == entry_id(day, page_id, lang) for pk, day, page_id, lang in entries)
    assert SearchEntry.objects.filter(page=page).count() >= 2
    found = engine.search("narwhal", "en", Page.objects.all(), offer_others=False)
    assert [hit.page_id for hit in found.hits] == [page.pk]


postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's newest slice")
#: Queries whose words are spread over several items: their any-word rankings mix one-word and two-word matches.
ANY_QUERIES = [
    ("en", "weekly workshop schedule zzzunknown"),
    ("ar", "ورشة تحديث المجالس"),
    ("ku", "kargeh rûniştin heftane"),
]
SUGGESTIONS = [("en", "works"), ("en", "weekly up"), ("ar", "ورش"), ("ar", "تحديث أ"), ("ku", "kar"), ("ku", "rûn")]


@postgresql_only
@pytest.mark.parametrize("slice_", [4, 12, 40, 10**6])
def test_the_newest_slice_gives_what_ranking_every_match_gives(items, hidden, slice_, monkeypatch):
    """PostgreSQL ranks the newest entries alone first (``search.backends.postgres``): whatever the slice,
    every window of every query, every suggestion and every offer from another language is what the sorted
    statement gives, with its count;
    and across these slices the shortcut is taken as well as refused."""
    from search.backends import get_backend, postgres

    monkeypatch.setattr(postgres, "SLICES", (max(1, slice_ // 4), slice_))  # the first refused or not
    monkeypatch.setattr(postgres, "FEW", 0)  # the corpus is small: every match count is "many"
    monkeypatch.setattr(postgres, "HEADS_MAX", slice_ // 8)  # older title, lead or exact matches: all read, or not
    monkeypatch.setattr(postgres, "LEVEL_MAX", slice_ // 4)  # older entries matching two words: read, or three
    backend, answered, newest = get_backend(), [], postgres.PostgresBackend._newest

    def recorded(self, *args):
        answered.append(newest(self, *args))
        return answered[-1]

    monkeypatch.setattr(postgres.PostgresBackend, "_newest", recorded)
    levels, alone, newest_in = [], [], postgres.PostgresBackend._newest_in

    def level_recorded(self, match, scope, wanted, start, level=2, last_level=True, **reads):
        levels.append(level)
        found = newest_in(self, match, scope, wanted, start, level, last_level, **reads)
        if reads.get("heads") is False:
            alone.append(found is not None)
        return found

    monkeypatch.setattr(postgres.PostgresBackend, "_newest_in", level_recorded)
    for lang, q in QUERIES + ANY_QUERIES:
        for mode in ("all", ANY):
            for limit, offset in WINDOWS:
                read, sorted_, counted = _both(lang, q, limit, offset, mode)
                assert [pk for pk, _ in read.rows] == [pk for pk, _ in sorted_.rows], (q, mode, limit, offset)
                assert read.total == sorted_.total == counted, (q, mode, limit, offset)
    for lang, q in SUGGESTIONS:
        match = Match(tuple(normalise.query_terms(q, lang)), prefix_last=True, title_only=True)
        with backend.session():
            read = backend.search(match, _scope(lang), 3, count=False)
            sorted_ = SQLBackend.search(backend, match, _scope(lang), 3, count=False)
        assert read.rows == sorted_.rows, q
    filters, offered = selectors.ItemFilters(), []
    for lang, q in [*QUERIES, ("en", "دير الزور")]:  # offers: pages missing ``lang``, in the other languages
        sql, params = searchable_pages(filters, lang)
        for other in {"ar", "en", "ku"} - {lang}:
            match = Match(tuple(normalise.query_terms(q, other)))
            for within in (None, engine.pages_without(lang)):
                scope = Scope(other, sql, tuple(params), without_lang=lang, within=within)
                with backend.session():
                    read = backend.search(match, scope, engine.OTHERS_LIMIT, count=False)
                    sorted_ = SQLBackend.search(backend, match, scope, engine.OTHERS_LIMIT, count=False)
                assert read.rows == sorted_.rows, (q, other, within)
                offered += read.rows
    assert offered  # some offers are made (an item is written only in Arabic)
    taken = [result for result in answered if result is not None]
    assert len(answered) > 2 * len(QUERIES) * len(WINDOWS)  # every search and suggestion tries it
    if slice_ == 10**6:
        assert taken  # the slice is every entry: wherever the page is all in the best group
    if slice_ == 4:
        assert len(taken) < len(answered)  # four entries: refused, every match is ranked
        assert 3 in levels  # more than one older entry matched two words: those matching three were read


@postgresql_only
def test_a_title_word_is_answered_from_the_newest_entries_and_counted_from_its_matches(items, hidden, monkeypatch):
    """Two items have "workshop" in the title: the count (hidden pages taken off) is read from the matches
    without a visibility check on each, and, the matches being many, a page of two is read among the
    newest entries. (The corpus is small: "many" is made to start at ten.)"""
    from search.backends import get_backend, postgres

    monkeypatch.setattr(postgres, "SLICES", (SearchEntry.objects.count(),))
    monkeypatch.setattr(postgres, "FEW", 10)
    match, scope = Match(tuple(normalise.query_terms("workshop", "en"))), _scope("en")
    with CaptureQueriesContext(connection) as queries:
        ranked = get_backend().search(match, scope, 2)
    assert {pk for pk, _ in ranked.rows} == {items["news_hajin"].pk, items["news_kasra"].pk}
    statements = [query["sql"] for query in queries.captured_queries if "to_tsquery" in query["sql"]]
    assert len(statements) == 2, statements  # the count, the newest slice
    assert "COUNT(*)" in statements[0] and "EXISTS" not in statements[0]
    assert "0 AS part" in statements[1] and "ORDER BY id DESC OFFSET" not in statements[1]  # from a constant id
    _, sorted_, counted = _both("en", "workshop", 100, 0)
    assert ranked.total == counted == len(sorted_.rows)
    assert hidden["expired"].pk not in [pk for pk, _ in sorted_.rows]


@postgresql_only
def test_an_older_title_match_comes_before_the_newest_body_matches(site_tree, monkeypatch):
    """The newest entries hold a full page of body matches, but an older item has the word in its title:
    the page found among the newest is refused, and the older item comes first."""
    from news.factories import paragraph
    from search.backends import postgres

    old = NewsPageFactory(parent=site_tree["news"], date=datetime.date(2020, 1, 1), title_en="Narwhal census")
    newer = _daily(site_tree, 2030, 6, "Weekly note", body_en=paragraph("A narwhal was seen near the coast."))
    indexer.index_pages([old.pk, *(page.pk for page in newer)])
    monkeypatch.setattr(postgres, "SLICES", (SearchEntry.objects.filter(page__in=newer).count(),))
    monkeypatch.setattr(postgres, "FEW", 0)
    data = engine.search("narwhal", "en", searchable_pages(selectors.ItemFilters(), "en"), limit=2)
    assert [hit.page_id for hit in data.hits] == [old.pk, newer[-1].pk]
    assert data.count == 7


@postgresql_only
@pytest.mark.parametrize("mode", ["all", ANY])
def test_an_older_title_match_is_read_with_the_newest_summary_matches_and_nothing_else_is_ranked(
    site_tree, mode, monkeypatch
):
    """The newest entries hold a full page of items with the word in their summary; an older item has it
    in its title. The older title matches are read with the newest entries, so an entry left out has the
    word in its summary at best: the page is answered there, with the older item first, and no other match
    is ranked (the sorted statement over every match is not run)."""
    from search.backends import postgres

    old = NewsPageFactory(parent=site_tree["news"], date=datetime.date(2020, 1, 1), title_en="Narwhal census")
    older_summaries = _daily(site_tree, 2021, 3, "Note", summary_en="A narwhal.")
    newer = _daily(site_tree, 2030, 6, "Weekly note", summary_en="A narwhal was seen near the coast.")
    indexer.index_pages([old.pk, *(page.pk for page in older_summaries + newer)])
    monkeypatch.setattr(postgres, "SLICES", (SearchEntry.objects.filter(page__in=newer).count(),))
    monkeypatch.setattr(postgres, "FEW", 0)
    ranked_every_match = []
    sorted_search = SQLBackend.search
    monkeypatch.setattr(
        SQLBackend, "search", lambda *args, **kw: ranked_every_match.append(1) or sorted_search(*args, **kw)
    )
    match = Match(tuple(normalise.query_terms("narwhal", "en")), mode=mode)
    with get_backend().session():
        ranked = get_backend().search(match, _scope("en"), 3)
    assert [pk for pk, _ in ranked.rows] == [old.pk, newer[-1].pk, newer[-2].pk]
    assert ranked.total == 10 and not ranked_every_match
    _, sorted_, counted = _both("en", "narwhal", 3, 0, mode)
    assert [pk for pk, _ in sorted_.rows] == [pk for pk, _ in ranked.rows] and counted == 10


def _daily(site_tree, year, days, title, **fields):
    """News items dated 1 January ``year`` onwards, one a day, titled ``title`` and the day's number."""
    return [
        NewsPageFactory(parent=site_tree["news"], date=datetime.date(year, 1, day), title_en=f"{title} {day}", **fields)
        for day in range(1, days + 1)
    ]


def _slice_read(match, limit):
    """The backend's page for ``match`` and the slice statements it ran."""
    backend = get_backend()
    with CaptureQueriesContext(connection) as queries, backend.session():
        ranked = backend.search(match, _scope("en"), limit, count=False)
    return [pk for pk, _ in ranked.rows], [
        query["sql"] for query in queries.captured_queries if "AS part" in query["sql"]
    ]


def _newest_entries(pages) -> int:
    """How many entries a slice needs to hold every entry of ``pages`` (the newest), whatever else is indexed."""
    first = SearchEntry.objects.filter(page__in=pages).order_by("id").values_list("id", flat=True).first()
    return SearchEntry.objects.filter(id__gte=first).count()


@postgresql_only
def test_a_page_of_the_newest_title_matches_is_answered_without_reading_older_entries(site_tree, monkeypatch):
    """The newest entries fill the page with the word in their title, in the form typed: nothing older can
    rank before them, so the slice is read alone (no reads of older title, summary or exact matches), and
    the older title matches come after, as the sorted statement has them."""
    from search.backends import postgres

    old, newer = _daily(site_tree, 2020, 3, "Narwhal census"), _daily(site_tree, 2030, 6, "Narwhal note")
    indexer.index_pages([page.pk for page in old + newer])
    monkeypatch.setattr(postgres, "SLICES", (_newest_entries(newer),))
    monkeypatch.setattr(postgres, "FEW", 0)
    rows, slices = _slice_read(Match(tuple(normalise.query_terms("narwhal", "en"))), 3)
    assert rows == [newer[-1].pk, newer[-2].pk, newer[-3].pk]
    assert len(slices) == 1 and "UNION ALL" not in slices[0], slices  # the slice alone, answered
    _, sorted_, _ = _both("en", "narwhal", 9, 0)
    assert [pk for pk, _ in sorted_.rows] == [page.pk for page in reversed(old + newer)]
    _, sorted_, _ = _both("en", "narwhal", 3, 0)
    assert [pk for pk, _ in sorted_.rows] == rows


@postgresql_only
def test_an_any_word_page_of_the_newest_entries_with_more_words_needs_no_older_title_reads(site_tree, monkeypatch):
    """Any-word search: the newest entries fill the page with two of the words, and every older entry
    matching two is read with them. Nothing left out can rank before the page (it has fewer words), so
    the older title, summary and exact matches are not read."""
    from news.factories import paragraph
    from search.backends import postgres

    older = _daily(site_tree, 2020, 3, "Narwhal")
    newer = _daily(site_tree, 2030, 6, "Coastal note", body_en=paragraph("A narwhal and a walrus were counted."))
    indexer.index_pages([page.pk for page in older + newer])
    monkeypatch.setattr(postgres, "SLICES", (_newest_entries(newer),))
    monkeypatch.setattr(postgres, "FEW", 0)
    rows, slices = _slice_read(Match(tuple(normalise.query_terms("narwhal walrus zzzunknown", "en")), mode=ANY), 3)
    assert rows == [newer[-1].pk, newer[-2].pk, newer[-3].pk]
    assert len(slices) == 1 and slices[0].count("UNION ALL") == 1, slices  # the slice and the two-word read
    _, sorted_, _ = _both("en", "narwhal walrus zzzunknown", 3, 0, ANY)
    assert [pk for pk, _ in sorted_.rows] == rows


@postgresql_only
def test_an_older_item_matching_more_words_comes_before_the_newest_title_matches(site_tree, monkeypatch):
    """Any-word search: the newest entries hold a full page of items with one word in the title, in the
    form typed, but an older item has two of the words in its body: it is read with them, and comes first."""
    from news.factories import paragraph
    from search.backends import postgres

    old = NewsPageFactory(
        parent=site_tree["news"],
        date=datetime.date(2020, 1, 1),
        title_en="Coastal survey",
        body_en=paragraph("A narwhal and a walrus were counted."),
    )
    newer = _daily(site_tree, 2030, 6, "Narwhal note")
    indexer.index_pages([old.pk, *(page.pk for page in newer)])
    monkeypatch.setattr(postgres, "SLICES", (SearchEntry.objects.filter(page__in=newer).count(),))
    monkeypatch.setattr(postgres, "FEW", 0)
    data = engine.search("narwhal walrus zzzunknown", "en", searchable_pages(selectors.ItemFilters(), "en"), limit=2)
    assert data.mode == ANY
    assert [hit.page_id for hit in data.hits] == [old.pk, newer[-1].pk]
    assert data.count == 7


@postgresql_only
def test_an_unfiltered_search_counts_first_and_ranks_no_match_and_few_matches_at_once(items):
    from search.backends import get_backend

    def statements(q):
        match, scope = Match(tuple(normalise.query_terms(q, "en"))), _scope("en")
        with CaptureQueriesContext(connection) as queries:
            ranked = get_backend().search(match, scope, 20)
        return ranked, [query["sql"] for query in queries.captured_queries if "to_tsquery" in query["sql"]]

    ranked, sql = statements("zzznowhere")
    assert ranked.total == 0 and len(sql) == 1 and "COUNT(*)" in sql[0]  # nothing to rank
    ranked, sql = statements("Hajin")
    assert ranked.total == len(ranked.rows) > 0
    assert len(sql) == 2 and "COUNT(*) OVER" not in sql[1] and "ORDER BY id DESC OFFSET" not in sql[1]
    _, sorted_, counted = _both("en", "Hajin", 20, 0)
    assert ranked.rows == sorted_.rows and ranked.total == counted


@sqlite_only
@pytest.mark.parametrize("lang, q", [*SUGGESTIONS, ("en", "workshops"), ("ar", "الورشة ت"), ("ku", "Nûçeya he")])
def test_suggestions_are_read_from_the_lead_table_and_rank_like_the_sorted_statement(items, hidden, lang, q):
    """A title being typed is read from the lead table alone (its lists hold titles and summaries, not every
    body or name with the prefix), in the order the sorted statement gives, hidden pages left out."""
    from search.backends import get_backend

    backend = get_backend()
    match = Match(tuple(normalise.query_terms(q, lang)), prefix_last=True, title_only=True)
    scope = _scope(lang)
    for limit in (1, 3, 20):
        with CaptureQueriesContext(connection) as queries:
            read = backend.search(match, scope, limit, count=False)
        assert read.rows == SQLBackend.search(backend, match, scope, limit, count=False).rows, limit
        statements = [query["sql"] for query in queries.captured_queries]
        assert statements and all(f"FROM {FTS} " not in sql for sql in statements), statements
        assert hidden["private"].pk not in [pk for pk, _ in read.rows]
    assert read.rows or q == "Nûçeya he"


@sqlite_only
def test_the_lead_table_follows_renames_and_rebuilds(items, site_tree, monkeypatch):
    """The lead table is kept by its own triggers: a renamed title is found under its new words only, by a
    suggestion and by a search's title tier; a rebuild fills it again like the table of every column."""
    from search.backends import get_backend, sqlite

    monkeypatch.setattr(sqlite, "FEW", 0)  # every search reads its tiers, the title tier from the lead
    page = NewsPageFactory(parent=site_tree["news"], title_en="Pangolin census", summary_en="Counted in spring.")
    indexer.index_pages([page.pk])

    def found(q, title_only):
        match = Match(tuple(normalise.query_terms(q, "en")), prefix_last=title_only, title_only=title_only)
        return [pk for pk, _ in get_backend().search(match, _scope("en"), 5, count=False).rows]

    assert found("pangol", True) == found("pangolin", False) == [page.pk]
    page.title_en = "Armadillo census"
    page.save_revision().publish()
    assert found("pangol", True) == found("pangolin", False) == []
    assert found("armadi", True) == found("armadillo", False) == [page.pk]

    def rows(table):
        with connection.cursor() as cursor:
            census = Match(tuple(normalise.query_terms("census", "en")))
            census = get_backend().expression(get_backend().bound(census, _scope("en")), ("title",))
            cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid", [census])
            return [row[0] for row in cursor.fetchall()]

    before = rows(LEAD)
    assert before == rows(FTS) and len(before) == 1
    indexer.rebuild()
    assert rows(LEAD) == rows(FTS) and len(rows(LEAD)) == 1
    assert found("armadi", True) == [page.pk]


@sqlite_only
def test_a_search_walks_the_matches_of_its_own_language_only(items):
    """Both full-text tables keep each word's matches per language: an Arabic word looked up for an English
    search walks no Arabic article, and a place name (indexed in every language) walks one language's
    entries at a time, whichever script it is typed in."""
    backend = get_backend()

    def walked(q, typed_in, lang, table):
        match = backend.bound(Match(tuple(normalise.query_terms(q, typed_in))), _scope(lang))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [backend.expression(match)])
            return {rowid & 15 for (rowid,) in cursor.fetchall()}  # the languages of the entries walked

    for table in (FTS, LEAD):
        assert walked("ورشة", "ar", "ar", table) == {LANG_NUMBER["ar"]}
        assert walked("ورشة", "ar", "en", table) == set()
    for q, typed_in in (("Hajin", "en"), ("هجين", "ar")):
        for lang in ("ar", "ku", "en"):
            assert walked(q, typed_in, lang, FTS) == {LANG_NUMBER[lang]}, (q, lang)
