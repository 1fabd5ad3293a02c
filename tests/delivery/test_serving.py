"""The CMS's own page addresses: a redirect to the frontend URL of a public page, or a JSON 404; never a
page, never a 500, and never a route to a page the API hides."""

import json
from urllib.parse import quote, unquote

import pytest
from django.test import Client

from tests.delivery.conftest import FRONTEND

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=True)


def _redirect(response, expected):
    assert response.status_code == 302, (response.status_code, response.content[:300])
    assert unquote(response["Location"]) == expected


def _not_found(response):
    assert response.status_code == 404, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")
    assert json.loads(response.content)["status"] == 404


def test_home_and_sections_redirect_to_the_frontend(newsroom, client):
    _redirect(client.get("/"), f"{FRONTEND}/ar/")
    for section in ("news", "statements", "dialogue-sessions"):
        _redirect(client.get(f"/{section}/"), f"{FRONTEND}/ar/{section}/")
        _redirect(client.get(f"/en/{section}/"), f"{FRONTEND}/en/{section}/")
        _redirect(client.get(f"/ku/{section}"), f"{FRONTEND}/ku/{section}/")
    _redirect(client.get("/en/"), f"{FRONTEND}/en/")


def test_items_in_each_language(newsroom, client):
    _redirect(client.get("/en/news/workshop-in-hajin/"), f"{FRONTEND}/en/news/workshop-in-hajin/")
    _redirect(client.get("/ku/news/xebata-li-hecînê/"), f"{FRONTEND}/ku/news/xebata-li-hecînê/")
    arabic = "/ar/news/ورشة-عمل-في-هجين/"
    _redirect(client.get(quote(arabic)), FRONTEND + arabic)
    # Wagtail's own address of the page (no language prefix) is still understood
    _redirect(client.get(quote("/news/ورشة-عمل-في-هجين/")), FRONTEND + arabic)
    _redirect(client.get("/news/workshop-in-hajin/"), f"{FRONTEND}/en/news/workshop-in-hajin/")


@pytest.mark.parametrize(
    "path",
    [
        "/nothing/",
        "/en/news/no-such-item/",
        "/de/news/",
        "/news/../../etc/passwd",
        "/%00/",
        "/" + "a/" * 300,
        "/favicon.ico",
        "/%E0%A4%A/",
        "/.env",
    ],
)
def test_unknown_paths_are_json_404(newsroom, client, path):
    _not_found(client.get(path))


def test_hidden_pages_are_404_everywhere(newsroom, hidden, client):
    from cms.paths import Paths

    for page in hidden.values():
        for code in ("ar", "en"):
            _not_found(client.get(quote(Paths().path(page, code))))
        _not_found(client.get(quote(page.url_path[len(newsroom["home"].url_path) - 1 :])))
    # the alias of the restricted page sits in a public section: still a 404
    _not_found(client.get("/ar/statements/alias-of-private/"))


def test_other_methods_are_405_problems(newsroom, client):
    response = client.post("/en/news/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/problem+json")
    assert "GET" in response["Allow"]


def test_no_site_at_all_is_a_404_not_a_500(db, client):
    from wagtail.models import Site

    Site.objects.all().delete()
    _not_found(client.get("/"))
    _not_found(client.get("/news/"))


def test_production_settings_give_the_same_answers(newsroom, settings):
    settings.DEBUG = False
    client = Client()
    _redirect(client.get("/en/news/"), f"{FRONTEND}/en/news/")
    _not_found(client.get("/en/news/nope/"))


def test_wagtail_redirects_point_at_the_frontend(newsroom, client):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/old-workshop", redirect_page=newsroom["news_item"])
    response = client.get("/old-workshop/")
    assert response.status_code in (301, 302)
    assert response["Location"].startswith(f"{FRONTEND}/")
    assert "/news/" in unquote(response["Location"])


def test_page_chooser_shows_frontend_urls(newsroom, admin_client):
    response = admin_client.get(f"/admin/choose-page/{newsroom['news'].pk}/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert FRONTEND in response.content.decode()


# -- no frontend configured (development): the CMS shows public pages itself ----------------------------------


@pytest.fixture
def no_frontend(settings):
    settings.CMS_FRONTEND_URL = ""


def test_without_a_frontend_view_live_shows_the_published_page(newsroom, no_frontend, client):
    page = newsroom["news_item"]
    page.title_en = "A newer draft title"
    page.save_revision()
    # "View live" (the page's URL, in the admin's language: Arabic here) is on the CMS itself
    assert unquote(page.full_url) == "http://testserver/ar/news/ورشة-عمل-في-هجين/"
    response = client.get("/en/news/workshop-in-hajin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Workshop in Hajin</h1>" in html and "A newer draft title" not in html
    arabic = client.get(quote("/ar/news/ورشة-عمل-في-هجين/")).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "<h1>ورشة عمل في هجين</h1>" in arabic
    for path in ("/", "/en/news/", "/ku/"):
        assert client.get(path).status_code == 200, path


def test_without_a_frontend_hidden_pages_are_still_404(newsroom, hidden, no_frontend, client):
    from cms.paths import Paths

    for page in hidden.values():
        for code in ("ar", "en"):
            _not_found(client.get(quote(Paths().path(page, code))))
    _not_found(client.get("/ar/statements/alias-of-private/"))


def test_without_a_frontend_feeds_and_sitemap_link_to_the_cms(newsroom, no_frontend, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/news/workshop-in-hajin/</loc>" in sitemap
    feed = client.get("/feeds/en/news.xml").content.decode()
    assert "<link>http://testserver/en/news/workshop-in-hajin/</link>" in feed


def test_redirects_to_hidden_pages_stay_404(newsroom, hidden, client):
    """An editor's redirect to a draft, scheduled, expired or restricted page, or to an alias of one, must not
    name the hidden page's path in ``Location``: the old address answers as one that never existed."""
    from wagtail.contrib.redirects.models import Redirect

    for name, page in hidden.items():
        Redirect.objects.create(old_path=f"/old-{name}", redirect_page=page, is_permanent=name != "draft")
    never = client.get("/never-existed/")
    for name in hidden:
        response = client.get(f"/old-{name}/")
        _not_found(response)
        assert "Location" not in response
        assert response.content == never.content
    Redirect.objects.create(old_path="/old-public", redirect_page=newsroom["news_item"], is_permanent=False)
    _redirect(client.get("/old-public/?utm=1"), f"{FRONTEND}/ar/news/ورشة-عمل-في-هجين/")
