"""Links inside rich text as the website receives them. The website routes on these paths, and relies on
never being handed a link to something the public cannot see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.api.body import serialize_stream
from cms.factories import DocumentFactory
from news.factories import NewsPageFactory, StatementPageFactory

from .conftest import BASE_URL, index_for


@pytest.fixture
def workshop(site_tree):
    return NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل في هجين",
        slug_ar="ورشة-عمل-في-هجين",
        title_ku="Xebat li Hecînê",
        slug_ku="xebat-li-hecine",
        title_en="Workshop in Hajin",
        slug_en="workshop-in-hajin",
    )


def paragraph_linking(site_tree, code, html):
    page = NewsPageFactory(
        parent=site_tree["news"], title_en="Linking", **{f"body_{code}": [{"type": "paragraph", "value": html}]}
    )
    page.refresh_from_db()
    [block] = serialize_stream(getattr(page, f"body_{code}"), index_for([page], code))
    return block["value"]


@pytest.mark.parametrize(
    "code, path",
    [
        ("ar", "/ar/news/ورشة-عمل-في-هجين/"),
        ("ku", "/ku/news/xebat-li-hecine/"),
        ("en", "/en/news/workshop-in-hajin/"),
    ],
)
def test_page_link_becomes_frontend_path_in_the_same_language(site_tree, workshop, code, path):
    html = f'<p>Read <a linktype="page" id="{workshop.pk}">the report</a>.</p>'

    assert paragraph_linking(site_tree, code, html) == f'<p>Read <a href="{path}">the report</a>.</p>'


def test_document_link_becomes_absolute_download_url(site_tree):
    document = DocumentFactory()
    html = f'<p><a linktype="document" id="{document.pk}">PDF</a></p>'

    assert paragraph_linking(site_tree, "en", html) == (
        f'<p><a href="{BASE_URL}documents/{document.pk}/{document.filename}">PDF</a></p>'
    )


def test_external_mail_and_anchor_links_are_kept(site_tree):
    html = (
        '<p><a href="https://example.org/a?b=1&amp;c=2">site</a> '
        '<a href="mailto:info@example.org">mail</a> <a href="#outcomes">below</a></p>'
    )

    assert paragraph_linking(site_tree, "en", html) == html


def hidden_pages(site_tree):
    news = site_tree["news"]
    draft = NewsPageFactory(parent=news, live=False)
    expired = NewsPageFactory(parent=news, expire_at=timezone.now() - datetime.timedelta(hours=1))
    restricted = NewsPageFactory(parent=news)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    restricted_section = site_tree["statements"]
    PageViewRestriction.objects.create(page=restricted_section, restriction_type=PageViewRestriction.LOGIN)
    under_restricted = StatementPageFactory(parent=restricted_section)
    deleted = NewsPageFactory(parent=news)
    deleted_pk = deleted.pk
    deleted.delete()
    return {
        "draft": draft.pk,
        "expired": expired.pk,
        "restricted": restricted.pk,
        "under a restricted section": under_restricted.pk,
        "deleted": deleted_pk,
        "not a number": "abc",
    }


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_links_to_pages_the_public_cannot_see_lose_the_link_but_keep_the_text(site_tree, code):
    targets = hidden_pages(site_tree)
    html = "".join(f'<p>before <a linktype="page" id="{pk}">{name}</a> after</p>' for name, pk in targets.items())

    result = paragraph_linking(site_tree, code, html)

    assert result == "".join(f"<p>before {name} after</p>" for name in targets)


def test_hidden_link_next_to_a_visible_one_leaves_the_visible_one_intact(site_tree, workshop):
    draft = NewsPageFactory(parent=site_tree["news"], live=False)
    html = f'<p><a linktype="page" id="{draft.pk}">draft</a> and <a linktype="page" id="{workshop.pk}">workshop</a></p>'

    assert paragraph_linking(site_tree, "en", html) == (
        '<p>draft and <a href="/en/news/workshop-in-hajin/">workshop</a></p>'
    )


def test_unknown_link_types_are_removed(site_tree):
    html = '<p><a linktype="snippet" id="1">x</a></p>'

    assert paragraph_linking(site_tree, "en", html) == "<p>x</p>"
