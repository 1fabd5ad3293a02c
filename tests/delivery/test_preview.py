"""Preview: signed single-item tokens exchanged for the draft at /api/v1/preview/, and the built-in preview.

The website's preview route relies on this contract: a valid token gives the latest revision in exactly the
shape of the item detail; anything else is a problem+json 401/404 and never the draft.
"""

import json
import re
import time
from urllib.parse import unquote

import pytest
from django.core import signing
from django.test import Client
from wagtail.models import Site

from delivery import preview
from tests.delivery.conftest import FRONTEND

pytestmark = pytest.mark.django_db


def get(path, params=None, **headers):
    response = Client().get(path, params or {}, **headers)
    response.data = json.loads(response.content) if response.content else None
    return response


def make_draft(page, title_en="Draft title in English", title_ar="عنوان المسودة"):
    page.title_en = title_en
    page.title_ar = title_ar
    page.save_revision()
    return page


def test_valid_token_gives_the_draft_in_the_item_shape(newsroom):
    page = make_draft(newsroom["news_item"])
    token = preview.make_token(page)
    response = get("/api/v1/preview/", {"token": token, "lang": "en"})
    assert response.status_code == 200, response.data
    assert response.data["title"] == "Draft title in English"
    assert response.data["lang"] == "en" and response.data["dir"] == "ltr"
    assert response["Cache-Control"] == "private, no-store"
    # the same keys as the public detail, which still shows the published title
    public = get(f"/api/v1/news/{page.pk}/", {"lang": "en"})
    assert public.data["title"] == "Workshop in Hajin"
    assert set(response.data) == set(public.data)
    arabic = get("/api/v1/preview/", {"token": token, "lang": "ar", "id": str(page.pk)})
    assert arabic.data["title"] == "عنوان المسودة" and arabic.data["dir"] == "rtl"


def test_a_never_published_draft_can_be_previewed(newsroom):
    from news.factories import NewsPageFactory

    draft = NewsPageFactory(parent=newsroom["news"], title_ar="مسودة", title_en="Only a draft", live=False)
    response = get("/api/v1/preview/", {"token": preview.make_token(draft), "lang": "en"})
    assert response.status_code == 200 and response.data["title"] == "Only a draft"
    assert get(f"/api/v1/news/{draft.pk}/").status_code == 404


def test_home_and_sections_have_a_preview_too(newsroom):
    home = get("/api/v1/preview/", {"token": preview.make_token(newsroom["home"]), "lang": "ku"})
    assert home.status_code == 200 and home.data["lang"] == "ku" and "sections" in home.data
    section = get("/api/v1/preview/", {"token": preview.make_token(newsroom["news"]), "lang": "en"})
    assert section.status_code == 200 and section.data["title"] == "News" and section.data["path"] == "/en/news/"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.data["status"] == status
    assert "Draft title" not in response.content.decode()


def test_missing_token_is_401(newsroom):
    _problem(get("/api/v1/preview/", {"lang": "en"}), 401)
    _problem(get("/api/v1/preview/", {"token": "", "lang": "en"}), 401)


@pytest.mark.parametrize("token", ["garbage", "a:b:c", "x" * 200, "é:ü", "eyJwYWdlIjoxfQ:1:abc", "e30:1:x"])
def test_malformed_token_is_401(newsroom, token):
    _problem(get("/api/v1/preview/", {"token": token, "lang": "en"}), 401)


def test_overlong_token_is_refused_as_a_bad_parameter(newsroom):
    response = get("/api/v1/preview/", {"token": "x" * 5000, "lang": "en"})
    _problem(response, 400)
    assert response.data["parameter"] == "token"


def test_tampered_token_is_401(newsroom):
    page = make_draft(newsroom["news_item"])
    token = preview.make_token(page)
    other = preview.make_token(newsroom["statement"])
    # the payload of another page with this token's signature
    forged = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    _problem(get("/api/v1/preview/", {"token": forged, "lang": "en"}), 401)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    _problem(get("/api/v1/preview/", {"token": flipped, "lang": "en"}), 401)
    # signed with another secret (or another salt)
    foreign = signing.dumps({"page": page.pk}, salt="something-else", compress=True)
    _problem(get("/api/v1/preview/", {"token": foreign, "lang": "en"}), 401)


def test_expired_token_is_401(newsroom, settings):
    page = make_draft(newsroom["news_item"])
    token = preview.make_token(page)
    settings.CMS_PREVIEW_TOKEN_MAX_AGE = 1
    time.sleep(2.1)
    response = get("/api/v1/preview/", {"token": token, "lang": "en"})
    _problem(response, 401)
    assert "expired" in response.data["detail"]


def test_another_items_token_is_404(newsroom):
    page = make_draft(newsroom["news_item"])
    token = preview.make_token(newsroom["statement"])
    _problem(get("/api/v1/preview/", {"token": token, "lang": "en", "id": str(page.pk)}), 404)


def test_token_of_a_deleted_page_is_404(newsroom):
    page = newsroom["only_arabic"]
    token = preview.make_token(page)
    page.delete()
    _problem(get("/api/v1/preview/", {"token": token, "lang": "ar"}), 404)


@pytest.mark.parametrize("lang", ["de", "xx", "", "ar-XX-y-z-" * 20])
def test_wrong_or_unknown_language_is_400(newsroom, lang):
    page = make_draft(newsroom["news_item"])
    response = get("/api/v1/preview/", {"token": preview.make_token(page), "lang": lang})
    _problem(response, 400)
    assert response.data["parameter"] == "lang"


def test_bad_id_and_unknown_parameter_are_400(newsroom):
    token = preview.make_token(newsroom["news_item"])
    _problem(get("/api/v1/preview/", {"token": token, "id": "abc"}), 400)
    _problem(get("/api/v1/preview/", {"token": token, "draft": "1"}), 400)


def test_preview_is_documented_and_answers_as_documented(newsroom):
    from tests.api.test_openapi import _validator

    schema = json.loads(Client().get("/api/v1/schema/").content)
    operation = schema["paths"]["/api/v1/preview/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"token", "id", "lang"}
    assert {"200", "401", "404"} <= set(operation["responses"])
    for page in (newsroom["news_item"], newsroom["session"], newsroom["home"], newsroom["news"]):
        for code in ("ar", "ku", "en"):
            response = get("/api/v1/preview/", {"token": preview.make_token(page), "lang": code})
            errors = list(_validator(schema, "/api/v1/preview/").iter_errors(response.data))
            assert not errors, (page, code, [e.message for e in errors[:3]])


# -- the admin's preview -----------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _admin_preview(client, page, mode):
    """What the admin's preview panel shows: the edit form posted to the preview view, then the preview."""
    from tests.admin.conftest import form_data

    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(edit_url))
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(preview_url, data)
    assert posted.status_code == 200 and json.loads(posted.content)["is_valid"], posted.content[:500]
    return client.get(preview_url, {"mode": mode})


@pytest.mark.parametrize(("mode", "direction"), [("ar", "rtl"), ("ku", "ltr"), ("en", "ltr")])
def test_builtin_preview_in_each_language(newsroom, editor_client, mode, direction):
    page = newsroom["news_item"]
    page.summary_ku = ""  # the draft has no Kurmanji summary
    page = make_draft(page)
    response = _admin_preview(editor_client, page, mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{mode}" dir="{direction}">' in html
    expected = {"ar": "عنوان المسودة", "ku": "Xebata li Hecînê", "en": "Draft title in English"}[mode]
    assert f"<h1>{expected}</h1>" in html
    if mode == "ku":  # the summary is not written in Kurmanji: the Arabic one is shown right to left
        assert '<p class="summary" dir="rtl" lang="ar">' in html


@pytest.mark.parametrize("name", ["home", "news", "statements", "sessions", "statement", "session", "only_arabic"])
def test_builtin_preview_of_every_page_type_is_not_an_error(newsroom, editor_client, name):
    for mode in ("ar", "en"):
        response = _admin_preview(editor_client, newsroom[name], mode)
        assert response.status_code == 200, (name, mode)
        assert b"<h1" in response.content


def test_preview_modes_are_the_languages_with_the_editors_first(newsroom):
    from django.utils import translation

    page = newsroom["news_item"]
    with translation.override("en"):
        assert [mode for mode, _ in page.preview_modes] == ["en", "ar", "ku"]
    with translation.override("ar"):
        assert page.preview_modes[0][0] == "ar"


def test_preview_goes_to_the_frontend_when_configured(newsroom, editor_client, settings):
    settings.CMS_FRONTEND_PREVIEW_URL = "https://www.example.org/api/preview?secret=1"
    page = make_draft(newsroom["news_item"])
    response = _admin_preview(editor_client, page, "ku")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://www.example.org/api/preview?secret=1&token=")
    assert "&lang=ku" in location
    from urllib.parse import parse_qs, urlsplit

    token = parse_qs(urlsplit(location).query)["token"][0]
    assert preview.read_token(token) == page.pk
    answer = get("/api/v1/preview/", {"token": token, "lang": "ku"})
    assert answer.status_code == 200 and answer.data["id"] == page.pk


def test_a_sites_own_preview_address_wins(newsroom, editor_client, settings):
    from delivery.models import DeliverySettings

    settings.CMS_FRONTEND_PREVIEW_URL = "https://env.example.org/preview"
    DeliverySettings.objects.create(site=newsroom["site"], preview_url="https://site.example.org/preview")
    response = _admin_preview(editor_client, make_draft(newsroom["news_item"]), "en")
    assert response["Location"].startswith("https://site.example.org/preview?token=")


def test_view_live_is_the_frontend_url_in_the_editors_language(newsroom, editor_client):
    from django.utils import translation

    page = newsroom["news_item"]
    with translation.override("en"):
        assert page.url == f"{FRONTEND}/en/news/workshop-in-hajin/"
        assert page.full_url == page.url
    with translation.override("ar"):
        assert unquote(page.get_url()) == f"{FRONTEND}/ar/news/ورشة-عمل-في-هجين/"
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'href="{FRONTEND}/' in html


def test_builtin_preview_images_load_from_the_host_serving_the_admin(newsroom, editor_client):
    """The preview's request is named after the page's Site; its images must not point there (another port
    or host than the admin's shows a broken image): root-relative URLs load from the admin's own host."""
    from cms.factories import ImageFactory
    from cms.renditions import ensure_renditions

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.example.org", 8000
    site.save()
    page = newsroom["news_item"]
    page.main_image = ImageFactory()
    ensure_renditions(page.main_image)
    page.save_revision().publish()
    html = _admin_preview(editor_client, page, "en").content.decode()
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert sources and all(source.startswith("/media/") for source in sources), sources
