"""Feeds and the sitemap, read as a feed reader and a search engine would (feedparser, an XML parser)."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote

import feedparser
import pytest
from django.test import Client
from wagtail.images import get_image_model

from cms.factories import ImageFactory
from cms.renditions import ensure_renditions
from tests.delivery.conftest import FRONTEND, HIDDEN_TITLES

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def fetch(path):
    response = Client(raise_request_exception=True).get(path)
    return response


@pytest.mark.parametrize("suffix", ["xml", "atom"])
@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_feed_per_language_declares_it_and_links_to_the_frontend(newsroom, hidden, code, suffix):
    response = fetch(f"/feeds/{code}/all.{suffix}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == ("rss20" if suffix == "xml" else "atom10")
    assert feed.feed.get("language", code) == code
    if suffix == "atom":
        assert b'xml:lang="' + code.encode() + b'"' in response.content
    titles = {entry.title for entry in feed.entries}
    expected = {
        "ar": {"ورشة عمل في هجين", "بيان حول الانتخابات", "جلسة حوارية", "خبر بالعربية فقط"},
        "ku": {"Xebata li Hecînê"},
        "en": {"Workshop in Hajin", "Statement on the elections", "A session"},
    }[code]
    assert titles == expected  # only what is written in the feed's language
    for entry in feed.entries:
        link = unquote(entry.link)
        assert link.startswith(f"{FRONTEND}/{code}/"), link
        assert entry.get("published") or entry.get("updated")
    assert not any(title in response.content.decode() for title in HIDDEN_TITLES)


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Rendition ids come back after each test's rollback: Wagtail's cache must not remember old ones."""
    get_image_model().get_rendition_model().cache_backend.clear()


def image(**kwargs):
    made = ImageFactory(file__width=1200, file__height=900, **kwargs)
    ensure_renditions(made)
    return made


def test_feed_items_have_summary_dates_and_enclosure(newsroom):
    page = newsroom["news_item"]
    page.main_image = image()
    page.save_revision().publish()
    feed = feedparser.parse(fetch("/feeds/en/news.xml").content)
    entry = next(e for e in feed.entries if e.title == "Workshop in Hajin")
    assert entry.summary == "Summary in English."
    assert entry.published_parsed.tm_year >= 2024
    assert [t.term for t in entry.tags] == ["Human rights"]
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert len(enclosures) == 1 and enclosures[0].type.startswith("image/")
    assert enclosures[0].href.startswith("http://testserver/media/")


def test_private_image_is_no_enclosure(newsroom):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    page = newsroom["news_item"]
    page.main_image = image(collection=private)
    page.save_revision().publish()
    feed = feedparser.parse(fetch("/feeds/en/news.xml").content)
    entry = next(e for e in feed.entries if e.title == "Workshop in Hajin")
    assert not [link for link in entry.links if link.rel == "enclosure"]


@pytest.mark.parametrize("kind", ["news", "statements", "dialogue-sessions"])
def test_feed_per_type(newsroom, kind):
    feed = feedparser.parse(fetch(f"/feeds/en/{kind}.xml").content)
    expected = {
        "news": "Workshop in Hajin",
        "statements": "Statement on the elections",
        "dialogue-sessions": "A session",
    }
    assert [entry.title for entry in feed.entries] == [expected[kind]]


@pytest.mark.parametrize("path", ["/feeds/de/news.xml", "/feeds/en/blog.xml", "/feeds/EN/news.xml", "/feeds/ar/.xml"])
def test_bad_feed_is_json_404(newsroom, path):
    response = fetch(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


# -- sitemap ---------------------------------------------------------------------------------------------


def _urls(content):
    root = ET.fromstring(content)
    assert root.tag == f"{SITEMAP}urlset"
    result = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = unquote(url.find(f"{SITEMAP}loc").text)
        alternates = {
            link.get("hreflang"): unquote(link.get("href"))
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        lastmod = url.find(f"{SITEMAP}lastmod")
        result[loc] = {"alternates": alternates, "lastmod": lastmod.text if lastmod is not None else None}
    return result


def test_sitemap_lists_every_language_version_with_alternates(newsroom, hidden):
    newsroom["news_item"].save_revision().publish()
    response = fetch("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    urls = _urls(response.content)
    news = {
        "ar": f"{FRONTEND}/ar/news/ورشة-عمل-في-هجين/",
        "ku": f"{FRONTEND}/ku/news/xebata-li-hecînê/",
        "en": f"{FRONTEND}/en/news/workshop-in-hajin/",
    }
    for url in news.values():
        assert urls[url]["alternates"] == {**news, "x-default": news["ar"]}
        assert urls[url]["lastmod"]
    statement_en = f"{FRONTEND}/en/statements/statement-on-the-elections/"
    assert set(urls[statement_en]["alternates"]) == {"ar", "en", "x-default"}  # not in Kurmanji
    assert f"{FRONTEND}/ku/statements/statement-on-the-elections/" not in urls
    for code in ("ar", "ku", "en"):
        assert f"{FRONTEND}/{code}/" in urls and f"{FRONTEND}/{code}/news/" in urls
    # every alternate is itself listed, and lists the same alternates back
    for loc, data in urls.items():
        for hreflang, href in data["alternates"].items():
            assert href in urls, (loc, hreflang, href)
            assert urls[href]["alternates"] == data["alternates"]
    text = response.content.decode()
    assert not any(title in text for title in HIDDEN_TITLES)
    for page in hidden.values():
        assert f"/{page.slug}/" not in unquote(text) or page.slug in ("",)
    assert "alias-of-private" not in text


def test_sitemap_splits_into_an_index(newsroom, settings):
    everything = _urls(fetch("/sitemap.xml").content)
    settings.CMS_SITEMAP_LIMIT = 5
    response = fetch("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    parts = [unquote(s.find(f"{SITEMAP}loc").text) for s in root.findall(f"{SITEMAP}sitemap")]
    assert len(parts) == -(-len(everything) // 5)
    collected = {}
    for number, url in enumerate(parts, start=1):
        assert url == f"http://testserver/sitemap-{number}.xml"
        chunk = _urls(fetch(f"/sitemap-{number}.xml").content)
        assert len(chunk) <= 5
        collected.update(chunk)
    assert collected == everything
    assert fetch(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    assert fetch("/sitemap-0.xml").status_code == 404
    settings.CMS_SITEMAP_LIMIT = 50_000
    assert fetch("/sitemap-1.xml").status_code == 404  # no parts while one file holds everything
