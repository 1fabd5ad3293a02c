"""Known traps of wagtail-modeltranslation on Wagtail 8, one test each.

Whoever deploys relies on ``migrate`` finishing on its own; readers rely on every language having a URL;
editors rely on copying a page with an Arabic slug, and on pages made by scripts (imports, the demo seed)
being the same as pages made in the admin; everyone who searches relies on empty translations not being
indexed as the word "None".
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from news.factories import NewsPageFactory, paragraph
from news.models import NewsPage

BASE_DIR = Path(settings.BASE_DIR)


def manage(args, database, *, env=None, timeout=240, input_text=None):
    """Run ``manage.py`` in a child process on its own SQLite file, with no terminal and stdin closed."""
    child_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=child_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def columns(database, table):
    with sqlite3.connect(database) as connection:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


@pytest.fixture(scope="module")
def fresh_database(tmp_path_factory):
    """A database made from nothing by the project's ``migrate``, as on a new server."""
    database = tmp_path_factory.mktemp("fresh") / "cms.sqlite3"
    result = manage(["migrate"], database)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return database


# -- (a) ---------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_migrate_never_waits_for_input(fresh_database):
    """Whoever deploys: ``manage.py migrate`` with no terminal finishes (the timeout above would stop a
    prompt) and leaves every translated column of Wagtail's Page and of our models in place."""
    page_columns = columns(fresh_database, "wagtailcore_page")
    for field in ("title", "slug", "url_path", "seo_title", "search_description"):
        for code in settings.CMS_LANGUAGES:
            assert f"{field}_{code}" in page_columns
    news_columns = columns(fresh_database, "news_newspage")
    assert {f"summary_{code}" for code in settings.CMS_LANGUAGES} <= news_columns


@pytest.mark.slow
def test_migrate_twice_is_a_no_op(fresh_database):
    """Deploy scripts run ``migrate`` on every release; the second run changes nothing and asks nothing."""
    before = columns(fresh_database, "wagtailcore_page")
    result = manage(["migrate"], fresh_database)
    assert result.returncode == 0, result.stderr[-4000:]
    assert columns(fresh_database, "wagtailcore_page") == before


# -- (b) ---------------------------------------------------------------------------------------------------

TREE_SCRIPT = """
import json
from wagtail.models import Page
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory

root = Page.get_first_root_node()
home = HomePageFactory(parent=root)
news = NewsIndexPageFactory(parent=home)
item = NewsPageFactory(parent=news, title_ar="ورشة عمل", title_en="Workshop")
out = {}
for name, page in {"root": root, "home": home, "news": news, "item": item}.items():
    page = Page.objects.get(pk=page.pk)
    out[name] = {c: [getattr(page, "url_path_" + c), getattr(page, "slug_" + c)] for c in ("ar", "ku", "en")}
print("RESULT" + json.dumps(out))
"""


@pytest.mark.slow
def test_pages_in_a_fresh_database_get_translated_url_paths(fresh_database):
    """Readers: in a brand-new database, every language's URL path starts at the root and runs through
    each parent's path in that language ("/home/news/ورشة-عمل/", never "home/news/..." or "None")."""
    result = manage(["shell", "-c", TREE_SCRIPT], fresh_database)
    assert result.returncode == 0, result.stderr[-4000:]
    tree = json.loads(result.stdout.split("RESULT", 1)[1])
    for code in ("ar", "ku", "en"):
        assert tree["root"][code][0] == "/"
        parent_path = "/"
        for name in ("home", "news", "item"):
            path, slug = tree[name][code]
            slug = slug or tree[name]["ar"][1]
            assert path == f"{parent_path}{slug}/", (code, name, path)
            parent_path = path
    assert tree["item"]["ar"][0] == "/home/news/ورشة-عمل/"
    assert tree["item"]["en"][0] == "/home/news/workshop/"


@pytest.mark.django_db
def test_test_database_has_translated_url_paths_from_the_root(site_tree):
    """Test writers: the test database is made by the same ``migrate``, so its root page has its paths."""
    root = Page.get_first_root_node()
    for code in ("ar", "ku", "en"):
        assert getattr(root, f"url_path_{code}") == "/"
        assert getattr(site_tree["news"], f"url_path_{code}") == f"/home/{getattr(site_tree['news'], f'slug_{code}')}/"


# -- (c) ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_copy_form_accepts_an_arabic_slug(site_tree, admin_client):
    """Editors copy last year's announcement and give the copy an Arabic slug; the copy gets it in
    Arabic, and the other languages get theirs."""
    original = NewsPageFactory(parent=site_tree["news"], title_ar="إعلان الدورة", title_en="Course announcement")
    original.save_revision().publish()
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    opened = admin_client.get(url)
    assert opened.status_code == 200
    data = {
        "new_title_ar": "إعلان الدورة الثانية",
        "new_title_ku": "Daxuyaniya xula duyemîn",
        "new_title_en": "Second course announcement",
        "new_slug_ar": "إعلان-الدورة-الثانية",
        "new_slug_ku": "daxuyaniya-xula-duyemîn",
        "new_slug_en": "second-course-announcement",
        "new_parent_page": str(site_tree["news"].pk),
        "publish_copies": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.status_code == 200 else ""
    copy = NewsPage.objects.exclude(pk=original.pk).get()
    assert (copy.slug_ar, copy.slug_ku, copy.slug_en) == (
        "إعلان-الدورة-الثانية",
        "daxuyaniya-xula-duyemîn",
        "second-course-announcement",
    )
    assert copy.title_ar == "إعلان الدورة الثانية"
    assert copy.url_path_ar == "/home/news/إعلان-الدورة-الثانية/"
    assert copy.url_path_ku == f"{site_tree['news'].url_path_ku}daxuyaniya-xula-duyemîn/"
    assert copy.live
    original.refresh_from_db()
    assert original.slug_ar == "إعلان-الدورة"


@pytest.mark.django_db
def test_copy_form_reports_a_taken_arabic_slug(site_tree, admin_client):
    """Editors who keep the prefilled Arabic slug get a form error (it is taken), not a crash."""
    original = NewsPageFactory(parent=site_tree["news"], title_ar="إعلان الدورة")
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    data = {
        "new_title_ar": "إعلان الدورة",
        "new_slug_ar": original.slug_ar,
        "new_parent_page": str(site_tree["news"].pk),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "new_slug_ar" in response.context["form"].errors
    assert NewsPage.objects.count() == 1


# -- (d) ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_made_in_code_with_english_active(site_tree):
    """Scripts (imports, the demo seed) that run with English active still make a valid page: it saves,
    gets a URL path in every language, and no English text lands in the Arabic columns."""
    news = site_tree["news"]
    with translation.override("en"):
        page = NewsPage(title="Training for journalists", summary="Twelve journalists.", body=paragraph("Text"))
        news.add_child(instance=page)
        page.save_revision().publish()
    stored = NewsPage.objects.get(pk=page.pk)
    assert stored.title_en == "Training for journalists"
    assert stored.summary_en == "Twelve journalists."
    assert stored.slug_en == "training-for-journalists"
    assert not stored.title_ar and not stored.summary_ar and not list(stored.body_ar)
    assert not stored.title_ku and not stored.summary_ku
    for code in ("ar", "ku", "en"):
        path = getattr(stored, f"url_path_{code}")
        assert path == f"{getattr(news, f'url_path_{code}')}training-for-journalists/"
    assert stored.live


@pytest.mark.django_db
def test_arabic_added_later_to_a_page_made_in_english(site_tree):
    """Translators add the Arabic later; the page then has its Arabic slug and path."""
    with translation.override("en"):
        page = NewsPage(title="Training")
        site_tree["news"].add_child(instance=page)
    page = NewsPage.objects.get(pk=page.pk)
    page.title_ar = "تدريب"
    page.save()
    stored = NewsPage.objects.get(pk=page.pk)
    assert (stored.title_ar, stored.title_en) == ("تدريب", "Training")
    assert stored.slug_ar == "تدريب"
    assert stored.url_path_ar == f"{site_tree['news'].url_path_ar}تدريب/"
    assert stored.url_path_en == f"{site_tree['news'].url_path_en}training/"


# -- (e) ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_empty_translations_are_not_indexed_as_none(site_tree):
    """Readers and editors searching: a page written only in Arabic is not found by the word "None",
    and the index holds no "None" for its empty Kurmanji and English fields."""
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل", summary_ar="ملخص")
    page.save_revision().publish()
    page = NewsPage.objects.get(pk=page.pk)
    assert page.title_ku is None and page.summary_en is None  # the fields really are empty

    backend = get_search_backend()
    backend.add(page)
    assert list(backend.search("None", NewsPage)) == []
    assert list(backend.search("ورشة", NewsPage)) == [page]

    # The stored index text (plain text columns on SQLite; *_text beside the vectors on PostgreSQL).
    entries = IndexEntry.objects.filter(object_id=str(page.pk))
    assert entries.exists()
    for entry in entries:
        texts = [getattr(entry, name, None) for name in ("title", "body", "autocomplete", "title_text", "body_text")]
        texts = [text for text in texts if isinstance(text, str)]
        assert any("ورشة" in text for text in texts)
        assert not any("None" in text.split() for text in texts), texts


@pytest.mark.parametrize("parent", [None, "", "abc", "999999", "1\x00"])
def test_copy_without_a_valid_parent_is_sent_back_to_the_form(site_tree, admin_client, parent):
    """A hand-made copy request without a usable parent page is refused with a message, not a server error,
    and copies nothing."""
    original = NewsPageFactory(parent=site_tree["news"], title_ar="إعلان")
    data = {"new_title": "نسخة", "new_slug": "نسخة"}
    if parent is not None:
        data["new_parent_page"] = parent
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert NewsPage.objects.count() == 1
