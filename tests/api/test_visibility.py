"""Nothing that is not public ever leaves the API, whichever endpoint is asked."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.factories import DocumentFactory, ImageFactory
from home.models import HomeFeaturedItem
from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory
from news.models import StatementAttachment


def _draft(page, tree):
    page.live = False
    page.save()


def _future(page, tree):
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save()


def _expired(page, tree):
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()


def _restricted(page, tree):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")


def _restricted_ancestor(page, tree):
    PageViewRestriction.objects.create(page=tree["archive"], restriction_type=PageViewRestriction.LOGIN)


CASES = {
    "draft": _draft,
    "future go_live_at": _future,
    "past expire_at": _expired,
    "view restriction": _restricted,
    "restricted ancestor": _restricted_ancestor,
}


@pytest.fixture
def hidden_setup(newsroom):
    archive = NewsIndexPageFactory(
        parent=newsroom["home"],
        title_ar="أرشيف",
        title_en="Archive",
        slug_ar="archive",
        slug_ku="archive",
        slug_en="archive",
    )
    return {**newsroom, "archive": archive}


@pytest.mark.parametrize("case", CASES)
def test_hidden_item_never_appears(api, hidden_setup, case):
    """Drafts, scheduled, expired and restricted items must not leak through any public surface."""
    tree = hidden_setup
    parent = tree["archive"] if case == "restricted ancestor" else tree["news"]
    hidden = NewsPageFactory(parent=parent, title_ar="خبر مخفي", title_en="Hidden item", project=tree["project"])
    hidden.topics.set([tree["topic"]])
    hidden.save()
    HomeFeaturedItem.objects.create(page=tree["home"], item=hidden, sort_order=0)
    HomeFeaturedItem.objects.create(page=tree["home"], item=tree["statement"], sort_order=1)
    path = f"/en/{'archive' if case == 'restricted ancestor' else 'news'}/hidden-item/"
    assert api.get("resolve/", {"path": path}).status_code == 200, "visible before the case applies"

    CASES[case](hidden, tree)

    for endpoint in ("news/", "items/"):
        ids = {card["id"] for card in api.get(endpoint, {"limit": 100}).data["results"]}
        assert hidden.pk not in ids and tree["news_item"].pk in ids
    for endpoint in (f"news/{hidden.pk}/", f"items/{hidden.pk}/"):
        response = api.get(endpoint)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert api.get("resolve/", {"path": path}).status_code == 404
    related = api.get(f"news/{tree['news_item'].pk}/").data["related"]
    assert hidden.pk not in {card["id"] for card in related}
    assert tree["statement"].pk in {card["id"] for card in related}
    featured = api.get("home/").data["featured"]
    assert [card["id"] for card in featured] == [tree["statement"].pk]


def test_private_collection_media_never_appears(api, newsroom):
    """Images and documents in a private collection are never linked, even from a public item."""
    private = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    secret_image = ImageFactory(collection=private)
    public_image = ImageFactory()
    item = newsroom["news_item"]
    item.main_image = secret_image
    item.save()
    other = NewsPageFactory(parent=newsroom["news"], title_en="With a picture", main_image=public_image)
    statement = StatementPageFactory(parent=newsroom["statements"], title_en="Signed statement")
    public_doc, secret_doc = DocumentFactory(), DocumentFactory(collection=private)
    StatementAttachment.objects.create(page=statement, document=public_doc, sort_order=0)
    StatementAttachment.objects.create(page=statement, document=secret_doc, sort_order=1)

    cards = {card["id"]: card for card in api.get("items/", {"limit": 100}).data["results"]}
    assert cards[item.pk]["image"] is None
    assert cards[other.pk]["image"]["id"] == public_image.pk
    detail = api.get(f"news/{item.pk}/").data
    assert detail["image"] is None and detail["seo"]["image"] is None
    attachments = api.get(f"statements/{statement.pk}/").data["statement"]["attachments"]
    assert [a["id"] for a in attachments] == [public_doc.pk]
    assert attachments[0]["url"].startswith("http://testserver/documents/")


@pytest.mark.parametrize("restriction", ["password", "login", "expired original", "unpublished original"])
def test_alias_of_a_hidden_page_is_hidden_everywhere(api, hidden_setup, restriction):
    """An alias shows its original's content: a restricted, expired or unpublished original must not be
    readable through an alias placed in a public section (lists, details, related, resolve, search)."""
    tree = hidden_setup
    original = NewsPageFactory(
        parent=tree["archive"],
        title_ar="تقرير داخلي",
        title_en="Internal report zebrafinch",
        summary_en="An internal report.",
        project=tree["project"],
    )
    original.topics.set([tree["topic"]])
    original.save()
    alias = original.create_alias(parent=tree["news"], update_slug="internal-report-alias")
    path = f"/en/news/{alias.slug_en or 'internal-report-alias'}/"
    assert alias.pk in {c["id"] for c in api.get("news/", {"limit": 100}).data["results"]}, "public before"
    assert alias.pk in {r["id"] for r in api.get("search/", {"q": "zebrafinch", "lang": "en"}).data["results"]}

    if restriction == "password":
        PageViewRestriction.objects.create(page=tree["archive"], restriction_type="password", password="x")
    elif restriction == "login":
        PageViewRestriction.objects.create(page=original, restriction_type=PageViewRestriction.LOGIN)
    elif restriction == "expired original":
        original.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        original.save()
    else:
        original.unpublish()
        alias.refresh_from_db()
        alias.live = True  # even if the alias row itself stayed live
        alias.save()

    for endpoint in ("news/", "items/"):
        assert alias.pk not in {c["id"] for c in api.get(endpoint, {"limit": 100}).data["results"]}
    for endpoint in (f"news/{alias.pk}/", f"items/{alias.pk}/"):
        assert api.get(endpoint).status_code == 404
    assert api.get("resolve/", {"path": path}).status_code == 404
    assert alias.pk not in {c["id"] for c in api.get(f"news/{tree['news_item'].pk}/").data["related"]}
    for endpoint in ("search/", "search/suggest/"):
        body = api.get(endpoint, {"q": "zebrafinch", "lang": "en"}).content.decode()
        assert "zebrafinch" not in body.lower()


def test_the_rule_compiled_once_per_version_selects_what_the_queryset_selects(hidden_setup):
    """``public_sql`` (the rule compiled once per content version, the time put in at each call) and
    ``public_pages`` agree on every way of being hidden, the alias of a hidden page included, and the
    compiled rule follows each change at once."""
    from django.db import connection
    from wagtail.models import Page

    from cms.visibility import public_pages, public_sql
    from news.models import NewsPage

    tree = hidden_setup

    def compiled_ids(types=()):
        sql, params = public_sql("p.id", types)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT p.id FROM wagtailcore_page p WHERE EXISTS ({sql})", params)
            return {row[0] for row in cursor.fetchall()}

    def rule_ids(types=()):
        queryset = Page.objects.type(*types) if types else Page.objects.all()
        return set(public_pages(queryset).values_list("pk", flat=True))

    pages = {}
    for name, hide in CASES.items():
        parent = tree["archive"] if name == "restricted ancestor" else tree["news"]
        slug = name.replace(" ", "-")
        page = NewsPageFactory(parent=parent, title_en=name, slug_ar=slug, slug_ku=slug, slug_en=slug)
        before = compiled_ids((NewsPage,))
        assert page.pk in before and before == rule_ids((NewsPage,))
        hide(page, tree)
        pages[name] = page
        assert page.pk not in compiled_ids((NewsPage,)), name
        assert compiled_ids((NewsPage,)) == rule_ids((NewsPage,)), name
    elsewhere = NewsIndexPageFactory(
        parent=tree["home"], title_en="Elsewhere", slug_ar="elsewhere", slug_ku="elsewhere", slug_en="elsewhere"
    )
    alias = tree["news_item"].create_alias(parent=elsewhere, update_slug="alias-of-item")
    assert alias.pk in compiled_ids()
    tree["news_item"].unpublish()
    assert alias.pk not in compiled_ids() and compiled_ids() == rule_ids()
