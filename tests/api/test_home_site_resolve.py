"""home/, site/ and resolve/: what the website's front page, header, footer and router rely on."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from home.factories import SiteSettingsFactory
from home.models import HomeFeaturedItem, MenuItem, SocialLink
from news.factories import NewsPageFactory


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_home_has_sections_and_featured_cards(api, newsroom, code):
    """The front page shows the intro, links to the three sections and the featured items in editors' order."""
    home = newsroom["home"]
    home.intro_en = "Research and dialogue in north-east Syria."
    home.save()
    HomeFeaturedItem.objects.create(page=home, item=newsroom["session"], sort_order=0)
    HomeFeaturedItem.objects.create(page=home, item=newsroom["news_item"], sort_order=1)
    data = api.get("home/", {"lang": code}).data
    assert [card["id"] for card in data["featured"]] == [newsroom["session"].pk, newsroom["news_item"].pk]
    assert [section["type"] for section in data["sections"]] == ["news", "statement", "dialogue_session"]
    assert data["sections"][0]["path"] == f"/{code}/news/"
    assert data["path"] == f"/{code}/"
    if code == "en":
        assert data["intro"] == "Research and dialogue in north-east Syria."
        assert data["title"] == "Home"
    elif code == "ku":
        assert data["title"] == "Destpêk"
        assert data["intro"] == "Research and dialogue in north-east Syria."
        assert data["fallback"]["sources"]["intro"] == "en"


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_site_settings_menu_and_social_links(api, newsroom, code):
    """Header and footer: organisation name, contact, menu (public pages only) and social links."""
    settings = SiteSettingsFactory(email="info@example.org")
    draft = NewsPageFactory(parent=newsroom["news"], title_en="Draft page")
    draft.live = False
    draft.save()
    MenuItem.objects.create(settings=settings, link_page=newsroom["statements"], sort_order=0)
    MenuItem.objects.create(settings=settings, link_page=draft, label_en="Hidden", sort_order=1)
    MenuItem.objects.create(settings=settings, link_url="https://example.org/", label_en="Elsewhere", sort_order=2)
    SocialLink.objects.create(settings=settings, platform="telegram", url="https://t.me/aso")
    data = api.get("site/", {"lang": code}).data
    assert data["email"] == "info@example.org" and data["phone"] == settings.phone
    assert [item["path"] for item in data["menu"]] == [f"/{code}/statements/", None]
    assert data["menu"][0]["label"] == {"ar": "البيانات", "ku": "Daxuyanî", "en": "Statements"}[code]
    assert data["menu"][1]["url"] == "https://example.org/"
    assert data["social_links"] == [{"platform": "telegram", "url": "https://t.me/aso"}]
    expected_name = settings.organisation_name_en if code == "en" else settings.organisation_name_ar
    assert data["organisation_name"] == expected_name


@pytest.mark.parametrize(
    ("path", "code", "title"),
    [
        ("/en/news/workshop-in-hajin/", "en", "Workshop in Hajin"),
        ("/ar/news/ورشة-عمل-في-هجين/", "ar", "ورشة عمل في هجين"),
        ("/ar/news/%D9%88%D8%B1%D8%B4%D8%A9-%D8%B9%D9%85%D9%84-%D9%81%D9%8A-%D9%87%D8%AC%D9%8A%D9%86/", "ar", None),
        ("/ku/news/xebata-li-hecînê/", "ku", "Xebata li Hecînê"),
        ("https://aso.example/en/news/workshop-in-hajin", "en", "Workshop in Hajin"),
        ("/ku/news/workshop-in-hajin/", "ku", "Xebata li Hecînê"),
    ],
)
def test_resolve_finds_an_item_by_frontend_path(api, newsroom, path, code, title):
    """The website's router turns any incoming path into the item to render, in the path's language."""
    response = api.get("resolve/", {"path": path})
    assert response.status_code == 200
    assert response["X-Language-Reason"] == "path"
    assert response["Content-Language"] == code
    item = response.data["item"]
    assert item["id"] == newsroom["news_item"].pk
    assert response.data["redirect"] is None
    if title:
        assert item["title"] == title


def test_resolve_lang_parameter_wins_over_the_path(api, newsroom):
    response = api.get("resolve/", {"path": "/ar/news/ورشة-عمل-في-هجين/", "lang": "en"})
    assert response.data["item"]["title"] == "Workshop in Hajin"
    assert response["X-Language-Reason"] == "query"


def test_resolve_unknown_path_and_sections_are_404(api, newsroom):
    for path in ("/en/news/no-such-item/", "/en/news/", "/en/"):
        response = api.get("resolve/", {"path": path})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_resolve_follows_and_reports_redirects(api, newsroom):
    """Old addresses keep working: the router learns the new path and that the move is permanent."""
    Redirect.add_redirect("/en/news/old-workshop-name/", redirect_to=newsroom["news_item"], is_permanent=True)
    Redirect.add_redirect("/en/news/moved-away/", redirect_to="https://example.org/report", is_permanent=False)
    data = api.get("resolve/", {"path": "/en/news/old-workshop-name/"}).data
    assert data["item"]["id"] == newsroom["news_item"].pk
    assert data["redirect"] == {
        "from": "/en/news/old-workshop-name/",
        "to": "/en/news/workshop-in-hajin/",
        "permanent": True,
    }
    outside = api.get("resolve/", {"path": "/en/news/moved-away/"}).data
    assert outside["item"] is None
    assert outside["redirect"]["to"] == "https://example.org/report"
    assert outside["redirect"]["permanent"] is False
    draft_target = NewsPageFactory(parent=newsroom["news"], title_en="Soon")
    draft_target.live = False
    draft_target.save()
    Redirect.add_redirect("/en/news/to-a-draft/", redirect_to=draft_target)
    assert api.get("resolve/", {"path": "/en/news/to-a-draft/"}).status_code == 404


@pytest.mark.parametrize("taxonomy", ["topics", "places", "projects", "organisations", "people"])
@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_taxonomies_give_slugs_usable_as_filters(api, newsroom, taxonomy, code):
    """Filter menus of the website list these names; each slug works as the matching list filter."""
    data = api.get(f"{taxonomy}/", {"lang": code}).data
    assert data["count"] == len(data["results"]) > 0
    filter_name = {"topics": "topic", "places": "place", "projects": "project", "organisations": "organisation"}
    for entry in data["results"]:
        assert entry["name"]
        if taxonomy in filter_name:
            assert api.get("items/", {filter_name[taxonomy]: entry["slug"]}).status_code == 200
    topic_names = {e["slug"]: e["name"] for e in api.get("topics/", {"lang": code}).data["results"]}
    assert topic_names["human-rights"] == {"ar": "حقوق الإنسان", "ku": "Mafên mirovan", "en": "Human rights"}[code]
