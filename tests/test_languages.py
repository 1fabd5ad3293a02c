"""The languages module, Django's view of our languages, and switching a language on by configuration.

Everyone relies on this: the admin, the API, search and translators' tools read the enabled languages,
their direction and fallbacks from ``cms/languages.py``; readers of Kurmanji rely on Django accepting
``ku`` at all (it ships no catalog for it); the centre relies on enabling Sorani with ``CMS_LANGUAGES`` alone.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from cms import languages

BASE_DIR = Path(settings.BASE_DIR)


# -- The module ---------------------------------------------------------------------------------------------


def test_default_languages_source_first():
    """Arabic is the source language editors write in; Kurmanji and English follow."""
    assert languages.parse_enabled(None) == ["ar", "ku", "en"]
    assert settings.CMS_LANGUAGES == ["ar", "ku", "en"]
    assert settings.LANGUAGE_CODE == "ar"
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == "ar"
    assert list(settings.MODELTRANSLATION_LANGUAGES) == ["ar", "ku", "en"]


def test_parse_enabled_normalises_and_refuses_unknown_codes():
    """Whoever deploys gets a clear error for a typo, not a site without a language."""
    assert languages.parse_enabled(" EN , ar,en ") == ["en", "ar"]
    assert languages.parse_enabled("ar,ku,en,ckb") == ["ar", "ku", "en", "ckb"]
    with pytest.raises(ValueError, match="kmr"):
        languages.parse_enabled("ar,kmr")
    with pytest.raises(ValueError):
        languages.parse_enabled(" , ")


@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("ku", "ltr"), ("en", "ltr"), ("ckb", "rtl")])
def test_direction_of_each_language(code, direction):
    """The admin and the API tell the frontend which way each language runs."""
    assert languages.KNOWN[code].direction == direction
    assert languages.KNOWN[code].bidi is (direction == "rtl")


def test_fallback_chains_end_in_the_source_language():
    """Readers of a language an item is not translated into yet see the nearest language written."""
    assert languages.fallback_chain("ku") == ["ar", "en"]
    assert languages.fallback_chain("en") == ["ar"]
    assert languages.fallback_chain("ar") == ["en"]
    assert languages.fallback_chain("ckb", ["ar", "ku", "en", "ckb"]) == ["ku", "ar", "en"]
    assert languages.fallback_chain("ku", ["en", "ku"]) == ["en"]
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES["ku"] == ("ar", "en")


@pytest.mark.parametrize(
    "tag, code",
    [("ar-SY", "ar"), ("ku_TR", "ku"), ("kmr", "ku"), ("KMR-Latn", "ku"), ("EN-gb", "en"), ("fr", None), ("", None)],
)
def test_base_code(tag, code):
    """The API maps what browsers and apps send to an enabled language."""
    assert languages.base_code(tag) == code


def test_get_refuses_disabled_languages():
    assert languages.get("ku").native_name == "Kurmancî"
    with pytest.raises(KeyError):
        languages.get("ckb")


def test_localized_verbose_name():
    """Editors see "title · العربية" on the Arabic title input."""
    assert languages.localized_verbose_name("title", "ar") == "title · العربية"
    assert languages.localized_verbose_name("title", "ku") == "title · Kurmancî"


# -- Django and Kurmanji ------------------------------------------------------------------------------------


def test_django_accepts_kurmanji():
    """Kurmanji readers: Django's negotiation knows ``ku`` (catalog found, language info present)."""
    assert translation.check_for_language("ku")
    info = translation.get_language_info("ku")
    assert info["name_local"] == "Kurmancî"
    assert info["bidi"] is False
    assert translation.get_language_info("ar")["bidi"] is True


@pytest.mark.parametrize("header, code", [("ku", "ku"), ("ku-TR,ku;q=0.9", "ku"), ("en-US,en;q=0.8", "en")])
def test_language_negotiation_picks_kurmanji(header, code):
    """A browser set to Kurmanji gets Kurmanji, not the Arabic default."""
    request = RequestFactory().get("/", headers={"accept-language": header})
    assert translation.get_language_from_request(request) == code


def test_kurmanji_interface_strings_are_kurmanji_or_english():
    """Kurmanji editors: strings of our catalog are Kurmanji; strings it lacks are English (the text they
    are written in), never Arabic, which a left-to-right Kurmanji admin would show garbled."""
    with translation.override("ku"):
        assert translation.gettext("News") == "Nûçe"
        assert translation.gettext("Save") == "Save"
        assert translation.gettext("This field is required.") == "This field is required."
    with translation.override("ar"):
        assert translation.gettext("This field is required.") != "This field is required."


# -- Sorani switched on by configuration --------------------------------------------------------------------

CKB_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from bs4 import BeautifulSoup
from wagtail.models import Page
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsPage

root = Page.get_first_root_node()
home = HomePageFactory(parent=root)
news = NewsIndexPageFactory(parent=home)
page = NewsPageFactory(parent=news, title_ckb="هەواڵی نوێ", summary_ckb="پوختە")
stored = NewsPage.objects.get(pk=page.pk)
with translation.override("ckb"):
    title_in_ckb = stored.title
user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
client = Client()
client.force_login(user)
response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
html = BeautifulSoup(response.content.decode(), "html.parser")
inputs = {
    name: [html.find(attrs={"name": name}).get("dir"), html.find(attrs={"name": name}).get("lang")]
    for name in ("title_ckb", "summary_ckb", "title_ar", "title_ku")
}
body = html.find(attrs={"id": "body_ckb", "data-block": True}).find_parent("div", class_="cms-lang")
print("RESULT" + json.dumps({
    "title_ckb": stored.title_ckb,
    "slug_ckb": stored.slug_ckb,
    "url_path_ckb": stored.url_path_ckb,
    "title_in_ckb": title_in_ckb,
    "bidi": translation.get_language_info("ckb")["bidi"],
    "check": translation.check_for_language("ckb"),
    "status": response.status_code,
    "inputs": inputs,
    "body": [body["dir"], body["lang"]],
}))
"""


@pytest.mark.slow
def test_sorani_switched_on_by_configuration(tmp_path):
    """The centre enables Sorani with ``CMS_LANGUAGES=ar,ku,en,ckb``: ``migrate`` adds its columns, a page
    is saved with a Sorani title, Django knows it as right-to-left, and the admin shows its inputs RTL."""
    database = tmp_path / "ckb.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "CMS_LANGUAGES": "ar,ku,en,ckb",
    }

    def run(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )

    migrated = run("migrate")
    assert migrated.returncode == 0, migrated.stderr[-4000:]
    with sqlite3.connect(database) as connection:
        page_columns = {row[1] for row in connection.execute("PRAGMA table_info(wagtailcore_page)")}
        news_columns = {row[1] for row in connection.execute("PRAGMA table_info(news_newspage)")}
        topic_columns = {row[1] for row in connection.execute("PRAGMA table_info(news_topic)")}
    assert {"title_ckb", "slug_ckb", "url_path_ckb", "seo_title_ckb", "search_description_ckb"} <= page_columns
    assert {"summary_ckb", "body_ckb"} <= news_columns
    assert "name_ckb" in topic_columns

    result = run("shell", "-c", CKB_SCRIPT)
    assert result.returncode == 0, result.stderr[-4000:]
    out = json.loads(result.stdout.split("RESULT", 1)[1])
    assert out["title_ckb"] == "هەواڵی نوێ"
    assert out["title_in_ckb"] == "هەواڵی نوێ"
    assert out["slug_ckb"] == "هەواڵی-نوێ"
    assert out["url_path_ckb"] == "/home/news/هەواڵی-نوێ/"
    assert out["bidi"] is True
    assert out["check"] is True
    assert out["status"] == 200
    assert out["inputs"] == {
        "title_ckb": ["rtl", "ckb"],
        "summary_ckb": ["rtl", "ckb"],
        "title_ar": ["rtl", "ar"],
        "title_ku": ["ltr", "ku"],
    }
    assert out["body"] == ["rtl", "ckb"]
