"""``/api/v1/search/`` and ``/api/v1/search/suggest/``: the contract the public website relies on (cards like
the lists, a highlighted snippet in the requested language, best match first, filters, items of other
languages offered apart), and the promise to bots and users that nothing they type causes a 500 or reveals
unpublished or private content."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.factories import NewsPageFactory
from search.models import SearchEntry

SEARCH, SUGGEST = "/api/v1/search/", "/api/v1/search/suggest/"


@pytest.fixture
def one_item(site_tree):
    return NewsPageFactory(parent=site_tree["news"], title_en="Workshop", title_ar="ورشة")


def get(client, url, **params):
    return client.get(url, params)


def ids(response):
    return [card["id"] for card in response.json()["results"]]


@pytest.mark.parametrize(
    "lang, q, key, marked",
    [
        ("ar", "بالورشة هجين", "news_hajin", "<mark>هجين</mark>"),
        ("ku", "Hecin", "news_hajin", "<mark>Hecînê</mark>"),
        ("en", "workshops Hajin", "news_hajin", "<mark>workshop</mark>"),
    ],
)
def test_search_contract_in_each_language(client, items, lang, q, key, marked):
    response = get(client, SEARCH, q=q, lang=lang)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    data = response.json()
    assert set(data) >= {"count", "next", "previous", "results", "other_languages"}
    first = data["results"][0]
    assert first["id"] == items[key].pk
    assert first["lang"] == lang and first["match_lang"] == lang
    assert {"id", "type", "title", "path", "date", "summary", "topics", "fallback", "snippet"} <= set(first)
    assert first["path"].startswith(f"/{lang}/")
    assert marked in first["snippet"]


def test_best_match_first_title_beats_body(client, items):
    """Forty synthetic items mention a workshop in their body; the items titled so come first."""
    response = get(client, SEARCH, q="workshop", lang="en")
    top = ids(response)[:2]
    assert set(top) == {items["news_hajin"].pk, items["news_kasra"].pk}
    assert response.json()["count"] >= 40


def test_pagination(client, items):
    first = get(client, SEARCH, q="workshop", lang="en", limit=5).json()
    second = get(client, SEARCH, q="workshop", lang="en", limit=5, offset=5).json()
    assert len(first["results"]) == 5 and first["next"] and first["previous"] is None
    assert not set(ids_of(first)) & set(ids_of(second))
    assert second["other_languages"] == []


def ids_of(data):
    return [card["id"] for card in data["results"]]


def test_filters(client, items):
    assert ids(get(client, SEARCH, q="workshop", lang="en", type="dialogue_session"))[:1] != [items["news_hajin"].pk]
    by_place = ids(get(client, SEARCH, q="workshop", lang="en", place="deir-ezzor"))
    assert set(by_place) == {items["news_hajin"].pk, items["news_kasra"].pk}
    assert ids(get(client, SEARCH, q="session", lang="en", topic="idps")) == [items["session_idps"].pk]
    assert ids(get(client, SEARCH, q="dialogue", lang="en", project="civic-space")) == [items["session_governance"].pk]
    old = get(client, SEARCH, q="weekly update", lang="en", date_to="2023-01-05").json()
    assert old["count"] == 5


def test_unknown_filter_slug_is_a_problem(client, items):
    response = get(client, SEARCH, q="workshop", lang="en", place="atlantis")
    assert response.status_code == 404  # as on the lists: the filtered collection does not exist
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["parameter"] == "place"


def test_items_only_in_another_language_are_offered_apart_and_flagged(client, items):
    data = get(client, SEARCH, q="دير الزور", lang="en").json()
    assert items["report_water"].pk not in ids_of(data)
    offered = {card["id"]: card for card in data["other_languages"]}
    assert offered[items["report_water"].pk]["match_lang"] == "ar"
    assert "<mark>" in offered[items["report_water"].pk]["snippet"] or offered[items["report_water"].pk]["snippet"]
    assert items["news_hajin"].pk not in offered  # it exists in English: found in results, not offered


def test_all_words_then_any_word(client, items):
    data = get(client, SEARCH, q="Hajin elections", lang="en").json()
    assert data["match"] == "any"
    assert {items["news_hajin"].pk, items["statement_elections"].pk} <= set(ids_of(data))
    assert get(client, SEARCH, q="Hajin workshop", lang="en").json()["match"] == "all"


@pytest.mark.parametrize(
    "q",
    [
        "*",
        "AND OR NOT",
        "title_norm:x",
        "NEAR(a b)",
        "{title_norm} : x",
        "a OR",
        "(((",
        "😀🙂",
        "مدرسة school Dibistan",
        "x" * 200,
        "-",
        "\\",
        "%",
        "_",
        "١٢٣",
    ],
)
def test_odd_queries_give_results_never_a_500(client, one_item, q):
    for url in (SEARCH, SUGGEST):
        response = get(client, url, q=q, lang="en")
        assert response.status_code == 200, (url, q, response.content[:300])


@pytest.mark.parametrize("q", ["", "   ", "x" * 1000, "a\x00b", "bell\x07", "\x1b[0m"])
def test_bad_queries_are_problems(client, one_item, q):
    for url in (SEARCH, SUGGEST):
        response = get(client, url, q=q, lang="en")
        assert response.status_code == 400, (url, q)
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["parameter"] == "q"


def test_missing_q_and_unknown_parameters_are_problems(client, one_item):
    assert get(client, SEARCH, lang="en").status_code == 400
    assert get(client, SEARCH, q="x", lang="xx").status_code == 400
    assert get(client, SEARCH, q="x", sort="best").status_code == 400
    assert get(client, SUGGEST, q="x", limit="999").status_code == 400


@pytest.fixture
def hidden(site_tree):
    """One page per way of not being public, each titled with the same unique word."""
    now = timezone.now()
    pages = {
        "draft": NewsPageFactory(parent=site_tree["news"], title_en="Zanzibar draft", live=False),
        "future": NewsPageFactory(
            parent=site_tree["news"], title_en="Zanzibar future", go_live_at=now + datetime.timedelta(days=3)
        ),
        "expired": NewsPageFactory(
            parent=site_tree["news"], title_en="Zanzibar expired", expire_at=now - datetime.timedelta(days=1)
        ),
        "private": NewsPageFactory(parent=site_tree["news"], title_en="Zanzibar private"),
        "public": NewsPageFactory(parent=site_tree["news"], title_en="Zanzibar public"),
    }
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="password", password="x")
    return pages


def test_only_public_pages_are_found(client, hidden):
    assert ids(get(client, SEARCH, q="zanzibar", lang="en")) == [hidden["public"].pk]
    titles = [s["title"] for s in get(client, SUGGEST, q="zanz", lang="en").json()["results"]]
    assert titles == ["Zanzibar public"]


def test_stale_index_rows_are_never_returned(client, hidden):
    """A page unpublished behind the index's back (a bulk update sends no signal) keeps its row, but the
    visibility rule is applied at query time."""
    from wagtail.models import Page

    Page.objects.filter(pk=hidden["public"].pk).update(live=False)
    assert SearchEntry.objects.filter(page=hidden["public"]).exists()
    assert get(client, SEARCH, q="zanzibar", lang="en").json()["count"] == 0
    assert get(client, SUGGEST, q="zanzibar", lang="en").json()["results"] == []


@pytest.mark.parametrize(
    "lang, q, title",
    [
        ("ar", "ورشة تدريبية للش", "ورشة تدريبية للشباب في الكسرة"),
        ("ku", "Kargeha perwerdeh", "Kargeha perwerdehiyê ji bo ciwanan li Kesrayê"),
        ("en", "training works", "Training workshop for young people in Al-Kasra"),
    ],
)
def test_suggest_completes_titles_in_the_language(client, items, lang, q, title):
    response = get(client, SUGGEST, q=q, lang=lang)
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["title"] == title
    assert results[0]["path"].startswith(f"/{lang}/")
    assert results[0]["type"] == "news"


def test_suggest_is_normalised(client, items):
    titles = [s["title"] for s in get(client, SUGGEST, q="الامان النفس", lang="ar").json()["results"]]
    assert titles == ["جلسة حوارية عن الأمان النفسي والاجتماعي"]
    titles = [s["title"] for s in get(client, SUGGEST, q="ewlehiya derun", lang="ku").json()["results"]]
    assert titles == ["Rûniştina diyalogê li ser ewlehiya derûnî û civakî"]


@pytest.mark.parametrize("q", ["Women's participation", "women’s participation", '"local councils" Tabqa', "'Tabqa'"])
def test_quotes_and_apostrophes_are_searched_not_refused(client, items, q):
    """Readers type them; the API used to answer 400 "contains a quote"."""
    data = get(client, SEARCH, q=q, lang="en").json()
    assert items["news_women_tabqa"].pk in ids_of(data)
    suggest = get(client, SUGGEST, q=q, lang="en")
    assert suggest.status_code == 200


def test_a_query_of_quotes_only_finds_nothing_without_error(client, one_item):
    data = get(client, SEARCH, q='"\'"', lang="en").json()
    assert (data["count"], data["results"]) == (0, [])
