"""Item lists and details: the contract the website's section pages and item pages rely on."""

import datetime

import pytest

from cms import languages
from news.factories import NewsPageFactory

SECTIONS = {"news/": "news", "statements/": "statement", "dialogue-sessions/": "dialogue_session"}
CARD_FIELDS = {"id", "type", "lang", "dir", "title", "slug", "path", "date", "summary", "image", "topics", "fallback"}


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
@pytest.mark.parametrize(("endpoint", "item_type"), list(SECTIONS.items()))
def test_section_lists_cards_in_each_language(api, newsroom, code, endpoint, item_type):
    """Section pages of the website render these cards in the reader's language."""
    response = api.get(endpoint, {"lang": code})
    assert response.status_code == 200
    assert set(response.data) == {"count", "next", "previous", "results"}
    assert response["Content-Language"] == code
    for card in response.data["results"]:
        assert set(card) == CARD_FIELDS
        assert card["type"] == item_type
        assert card["path"].startswith(f"/{code}/")
        assert card["dir"] == languages.KNOWN[card["lang"]].direction


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_items_mixes_all_types_newest_first(api, newsroom, code):
    """The home page's "latest" strip shows every type together, each card saying its type."""
    response = api.get("items/", {"lang": code})
    results = response.data["results"]
    assert response.data["count"] == 4
    assert {card["type"] for card in results} == {"news", "statement", "dialogue_session"}
    dates = [card["date"] for card in results]
    assert dates == sorted(dates, reverse=True)


def test_items_type_filter(api, newsroom):
    response = api.get("items/", {"type": "statement,dialogue_session"})
    assert {card["type"] for card in response.data["results"]} == {"statement", "dialogue_session"}
    assert response.data["count"] == 2


def test_english_card_reads_english_columns(api, newsroom):
    item = newsroom["news_item"]
    card = next(c for c in api.get("news/", {"lang": "en"}).data["results"] if c["id"] == item.pk)
    assert card["title"] == "Workshop in Hajin"
    assert card["summary"] == "Summary in English."
    assert card["path"] == "/en/news/workshop-in-hajin/"
    assert card["lang"] == "en" and card["dir"] == "ltr"
    assert card["topics"] == [{"slug": "human-rights", "name": "Human rights"}]
    assert card["fallback"]["used"] is False


@pytest.mark.parametrize("code", ["ku", "en"])
def test_arabic_only_item_falls_back_and_says_so(api, newsroom, code):
    """An item written only in Arabic is still listed in Kurmanji and English; the card stays in the requested
    language and its ``fallback`` names the Arabic fields and their direction, so the frontend marks them."""
    item = newsroom["only_arabic"]
    card = next(c for c in api.get("news/", {"lang": code}).data["results"] if c["id"] == item.pk)
    assert card["title"] == "خبر بالعربية فقط"
    assert card["lang"] == code and card["dir"] == "ltr"
    assert card["fallback"]["used"] is True and card["fallback"]["dir"] == "rtl"
    assert {"title", "summary"} <= set(card["fallback"]["fields"])
    assert card["fallback"]["from"] == "ar"
    detail = api.get(f"news/{item.pk}/", {"lang": code}).data
    assert detail["fallback"]["used"] is True
    assert "body" in detail["fallback"]["fields"]
    available = {t["lang"]: t["available"] for t in detail["translations"]}
    assert available == {"ar": True, "ku": False, "en": False}


@pytest.mark.parametrize("code", ["ku", "en"])
def test_translated_only_drops_fallbacks(api, newsroom, code):
    """A language-pure listing (e.g. a Kurmanji feed) asks for items really written in that language."""
    response = api.get("items/", {"lang": code, "translated": "only"})
    ids = {card["id"] for card in response.data["results"]}
    assert newsroom["only_arabic"].pk not in ids
    assert all(card["lang"] == code for card in response.data["results"])
    # The session has a Kurmanji title but no Kurmanji summary: partial without a summary is not available.
    expected = {"ku": {newsroom["news_item"].pk}}.get(code)
    if expected:
        assert ids == expected
    else:
        assert ids == {newsroom["news_item"].pk, newsroom["statement"].pk, newsroom["session"].pk}


def test_taxonomy_filters(api, newsroom):
    """Topic, place, project and organisation pages of the website list items through these filters."""

    def ids(params):
        return {card["id"] for card in api.get("items/", params).data["results"]}

    news, statement, session = newsroom["news_item"].pk, newsroom["statement"].pk, newsroom["session"].pk
    assert ids({"topic": "human-rights"}) == {news, statement}
    assert ids({"place": "hajin"}) == {news}
    assert ids({"place": "deir-ezzor"}) == {news}, "a governorate matches its towns"
    assert ids({"place": "nes"}) == {news}, "a region matches its governorates' towns"
    assert ids({"project": "civic-space"}) == {news}
    assert ids({"organisation": "npa"}) == {news, session}
    assert ids({"topic": "human-rights", "place": "amouda"}) == {statement}


def test_date_filters_and_ordering(api, newsroom):
    dated = [api.get("items/", {"ordering": "date"}).data["results"][i]["date"] for i in range(4)]
    assert dated == sorted(dated)
    middle = datetime.date.fromisoformat(dated[1])
    response = api.get("items/", {"date_from": dated[1], "date_to": dated[2]})
    assert all(dated[1] <= card["date"] <= dated[2] for card in response.data["results"])
    assert response.data["count"] == 2
    assert api.get("items/", {"date_to": (middle - datetime.timedelta(days=1)).isoformat()}).data["count"] == 1


@pytest.mark.parametrize("code", ["ar", "en"])
def test_title_ordering(api, newsroom, code):
    for ordering, reverse in (("title", False), ("-title", True)):
        titles = [card["title"] for card in api.get("items/", {"lang": code, "ordering": ordering}).data["results"]]
        assert titles == sorted(titles, reverse=reverse)


def test_pagination_links(api, newsroom):
    """The frontend's "more" button follows ``next`` until it is null."""
    first = api.get("items/", {"limit": 3})
    assert len(first.data["results"]) == 3 and first.data["previous"] is None
    assert "offset=3" in first.data["next"] and "limit=3" in first.data["next"]
    second = api.get(first.data["next"].replace("http://testserver", ""))
    assert len(second.data["results"]) == 1 and second.data["next"] is None
    assert second.data["previous"] is not None
    assert not {c["id"] for c in first.data["results"]} & {c["id"] for c in second.data["results"]}
    beyond = api.get("items/", {"offset": 50})
    assert beyond.data["results"] == [] and beyond.data["count"] == 4


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_news_detail(api, newsroom, code):
    """The item page of the website renders everything from this one answer."""
    item = newsroom["news_item"]
    data = api.get(f"news/{item.pk}/", {"lang": code}).data
    assert data["id"] == item.pk and data["type"] == "news"
    assert data["project"]["slug"] == "civic-space" and data["project"]["phase"] == 2
    assert data["project"]["funder"]["slug"] == "npa"
    assert [p["slug"] for p in data["partners"]] == ["npa"]
    assert [p["slug"] for p in data["places"]] == ["hajin"]
    assert data["body"] and data["body"][0]["type"] == "paragraph"
    assert data["statement"] is None and data["session"] is None
    assert data["seo"]["title"] == data["title"]
    assert [t["lang"] for t in data["translations"]] == languages.enabled_codes()
    paths = {t["lang"]: t["path"] for t in data["translations"]}
    assert paths["en"] == "/en/news/workshop-in-hajin/"
    assert data["path"] == paths[code]
    assert [card["id"] for card in data["related"]] == [newsroom["statement"].pk], "shares the topic"


def test_statement_detail(api, newsroom):
    data = api.get(f"statements/{newsroom['statement'].pk}/", {"lang": "en"}).data
    assert data["statement"]["kind"] == "position"
    assert data["statement"]["reference"] == "ASO-2024-1"
    assert data["statement"]["attachments"] == []
    assert data["title"] == "Statement on the elections"


def test_session_detail(api, newsroom):
    data = api.get(f"dialogue-sessions/{newsroom['session'].pk}/", {"lang": "en"}).data
    session = data["session"]
    assert session["participants"] == {"total": 20, "women": 9, "men": 11, "age_groups": []}
    assert session["outcomes"] == ["An outcome."]
    assert session["recommendations"] == ["A recommendation."]
    assert [p["slug"] for p in session["facilitators"]] == ["trainer"]
    assert [o["slug"] for o in session["organisers"]] == ["npa"]
    assert data["people"] == session["facilitators"]


def test_session_outcomes_fall_back_to_arabic_in_kurmanji(api, newsroom):
    data = api.get(f"dialogue-sessions/{newsroom['session'].pk}/", {"lang": "ku"}).data
    assert data["session"]["outcomes"] == ["An outcome."]
    assert data["fallback"]["sources"]["session.outcomes"] == "en"


def test_detail_of_another_type_is_404(api, newsroom):
    """An id belongs to one section; ``/news/<statement id>/`` must not render a statement as news."""
    statement = newsroom["statement"].pk
    response = api.get(f"news/{statement}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert api.get(f"statements/{statement}/").status_code == 200
    assert api.get(f"items/{statement}/").data["type"] == "statement"
    assert api.get(f"items/{newsroom['news'].pk}/").status_code == 404, "an index page is not an item"


def test_many_items_page_through_without_duplicates(api, site_tree):
    existing = api.get("news/").data["count"]
    for _ in range(25):
        NewsPageFactory(parent=site_tree["news"], date=datetime.date(2024, 3, 1))
    seen = []
    url = "news/?limit=7"
    while url:
        data = api.get(url.replace("http://testserver", "")).data
        seen += [card["id"] for card in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == existing + 25
