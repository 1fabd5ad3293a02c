"""The contract every search backend must keep, checked through ``/api/v1/search/`` on the database the suite
runs on (SQLite in ``make test``, PostgreSQL in ``make test-postgres``; the backend is chosen by the
database). The relevance set (``test_relevance.py``) and the visibility rules (``test_api.py``) run the same
way; this module pins the ranking order and the updates on publish, unpublish and rename.

Relied on by whoever adds a backend (Elasticsearch/OpenSearch, see the README): it is done when this module,
``test_api.py`` and ``test_relevance.py`` pass against it.
"""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from news.factories import NewsPageFactory, PlaceFactory, TopicFactory, paragraph
from search.backends import get_backend

SEARCH = "/api/v1/search/"


def search(client, q, lang="en", **params):
    response = client.get(SEARCH, {"q": q, "lang": lang, **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def ids(data):
    return [card["id"] for card in data["results"]]


@pytest.fixture
def news(site_tree):
    def make(day=1, **fields):
        return NewsPageFactory(parent=site_tree["news"], date=datetime.date(2024, 1, day), **fields)

    return make


def test_the_backend_is_the_databases_own(db):
    from django.db import connection

    expected = {"sqlite": "SQLiteBackend", "postgresql": "PostgresBackend"}[connection.vendor]
    assert type(get_backend()).__name__ == expected


def test_field_weight_title_then_summary_then_names_then_body(client, news):
    """Every item says "Zebrafield" once, in a different field; the newest is the body one, so recency alone
    would put it first."""
    body = news(day=4, title_en="One", body_en=paragraph("About Zebrafield."))
    names = news(day=3, title_en="Two")
    names.topics.add(TopicFactory(name_en="Zebrafield", name_ar="زيبرا"))
    names.save()
    summary = news(day=2, title_en="Three", summary_en="Zebrafield again.")
    title = news(day=1, title_en="Zebrafield news")
    assert ids(search(client, "zebrafield")) == [title.pk, summary.pk, names.pk, body.pk]


def test_every_word_in_a_better_field_wins_over_one_word_in_the_title(client, news):
    split = news(day=2, title_en="Quokka report", body_en=paragraph("Wallaby."))
    together = news(day=1, title_en="Quokka and wallaby report")
    assert ids(search(client, "quokka wallaby")) == [together.pk, split.pk]


def test_recency_breaks_ties(client, news):
    older, newer = news(day=1, title_en="Okapi one"), news(day=9, title_en="Okapi two")
    assert ids(search(client, "okapi")) == [newer.pk, older.pk]


def test_the_exact_form_ranks_above_the_same_stem(client, news):
    stem_only = news(day=9, title_en="Narwhal workshop")
    exact = news(day=1, title_en="Narwhal workshops")
    assert ids(search(client, "narwhal workshops")) == [exact.pk, stem_only.pk]


def test_the_exact_kurmanji_letters_rank_above_folded_ones(client, news):
    folded = news(day=9, title_en="x", title_ku="Pesê mezin")
    exact = news(day=1, title_en="y", title_ku="Peşê mezin")
    assert ids(search(client, "Peşê", lang="ku")) == [exact.pk, folded.pk]


def test_the_arabic_word_as_typed_ranks_above_other_forms_of_its_stem(client, news):
    plural = news(day=9, title_ar="ورش المدينة")
    singular = news(day=1, title_ar="ورشة المدينة")
    data = search(client, "ورشة", lang="ar")
    assert ids(data) == [singular.pk, plural.pk]


def test_all_words_first_then_more_words_before_fewer(client, news):
    """No item has all five words: the one with four comes first, then three, then the rest."""
    four = news(day=1, title_en="Alpaca", summary_en="Bison camel dingo.")
    three = news(day=5, title_en="Alpaca bison camel")
    one = news(day=9, title_en="Alpaca alone")
    data = search(client, "alpaca bison camel dingo emu")
    assert data["match"] == "any"
    assert ids(data) == [four.pk, three.pk, one.pk]
    assert search(client, "alpaca bison")["match"] == "all"


def test_words_nothing_has_are_left_out_of_the_any_word_fallback(client, news):
    """The words "emu" and "zzyzx" are in no entry: the fallback ranks like the query without them (same items, order,
    count and snippets), and no statement after the look for each word reads them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    news(day=1, title_en="Alpaca", summary_en="Bison camel.")
    news(day=5, title_en="Alpaca bison")
    news(day=9, title_en="Camel alone", body_en=paragraph("A camel and an alpaca."))
    typed = search(client, "alpaca bison camel")
    assert typed["match"] == "all"
    typed = search(client, "alpaca zzyzx bison camel emu")
    without = search(client, "alpaca camel bison zzyzx")
    assert typed["match"] == without["match"] == "any"
    assert ids(typed) == ids(without) and len(ids(typed)) == 3
    assert [card["snippet"] for card in typed["results"]] == [card["snippet"] for card in without["results"]]
    with CaptureQueriesContext(connection) as queries:
        search(client, "alpaca zzyzx bison")
    after = [query["sql"] for query in queries.captured_queries if "alpaca" in query["sql"]]
    looked = [position for position, sql in enumerate(after) if "zzyzx" in sql and "IS NOT NULL" in sql]
    assert looked and not any("zzyzx" in sql for sql in after[looked[-1] + 1 :]), after
    assert ids(search(client, "zzyzx qqxqq")) == []


def test_count_and_pages_agree(client, news):
    made = [news(day=day, title_en=f"Gazelle {day}") for day in range(1, 8)]
    first, second = search(client, "gazelle", limit=3), search(client, "gazelle", limit=3, offset=6)
    assert first["count"] == second["count"] == 7
    assert ids(first) == [page.pk for page in reversed(made)][:3]
    assert ids(second) == [made[0].pk]
    assert search(client, "gazelle", limit=3, offset=9)["count"] == 7


@pytest.fixture
def count_max(monkeypatch):
    """Counting stops after 5 matches, and every count is a "many matches" count (the fast paths)."""
    from search import engine
    from search.backends import postgres, sql, sqlite

    for module in (engine, sql, postgres, sqlite):
        monkeypatch.setattr(module, "COUNT_MAX", 5)
    monkeypatch.setattr(postgres, "FEW", 0)
    monkeypatch.setattr(sqlite, "FEW", 2)
    return 5


@pytest.mark.parametrize("filtered", [False, True])
def test_counting_stops_past_count_max_and_says_so(client, news, count_max, filtered):
    """Past ``COUNT_MAX`` the count is ``COUNT_MAX`` with ``count_exact`` false, the same on every page, and
    next links go on while pages are full; at or under it, the count is exact. Unfiltered searches count
    from the full-text index, filtered ones through the visibility check: both stop."""
    made = [news(day=day, title_en=f"Gazelle {day}") for day in range(1, 8)]
    params = {"date_from": "2024-01-01"} if filtered else {}
    first = search(client, "gazelle", limit=3, **params)
    assert (first["count"], first["count_exact"]) == (count_max, False)
    assert ids(first) == [page.pk for page in reversed(made)][:3] and first["next"]
    second = search(client, "gazelle", limit=3, offset=3, **params)
    assert (second["count"], second["count_exact"], len(second["results"])) == (count_max, False, 3)
    assert "offset=6" in second["next"]
    last = search(client, "gazelle", limit=3, offset=6, **params)
    assert ids(last) == [made[0].pk] and last["next"] is None
    for page in made[:2]:
        page.unpublish()
    exact = search(client, "gazelle", limit=3, **params)
    assert (exact["count"], exact["count_exact"]) == (5, True)
    assert search(client, "gazelle", limit=3, offset=3, **params)["next"] is None


def test_names_are_found_in_every_language_below_the_languages_own_text(client, news):
    town = PlaceFactory(name_ar="هجين", name_en="Hajin", name_ku="Hecîn")
    tagged = news(day=9, title_ar="ورشة عمل", title_en="A workshop")
    tagged.places.add(town)
    tagged.save()
    written = news(day=1, title_ar="تقرير عن هجين")
    assert ids(search(client, "Hajin", lang="ar")) == [tagged.pk]
    assert ids(search(client, "Hecîn", lang="en")) == [tagged.pk]
    assert ids(search(client, "هجين", lang="ar")) == [written.pk, tagged.pk]


def test_publish_unpublish_and_rename_reach_the_results(client, news):
    page = news(title_en="Pangolin count")
    assert ids(search(client, "pangolin")) == [page.pk]
    page.unpublish()
    assert ids(search(client, "pangolin")) == []
    page.save_revision().publish()
    assert ids(search(client, "pangolin")) == [page.pk]
    page.refresh_from_db()
    topic = TopicFactory(name_en="Wildlife")
    page.topics.add(topic)
    page.save()
    assert ids(search(client, "wildlife")) == [page.pk]
    topic.name_en = "Fauna"
    topic.save()
    assert ids(search(client, "fauna")) == [page.pk]
    assert ids(search(client, "wildlife")) == []


def test_private_and_stale_rows_are_never_returned(client, news):
    from wagtail.models import Page

    private, stale, public = (news(title_en=f"Mongoose {n}") for n in ("private", "stale", "public"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    Page.objects.filter(pk=stale.pk).update(live=False)
    data = search(client, "mongoose")
    assert (ids(data), data["count"]) == ([public.pk], 1)
