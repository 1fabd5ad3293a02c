"""Stored documents: constant, small query counts; nothing serialised on a warm request; a stored document
never outlives a change it depends on (compared with a fresh build by the API's serializers)."""

import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from news import selectors
from news.factories import NewsPageFactory
from readmodel import links, store
from readmodel.models import ItemLink, StoredItem

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4


def fresh(page, code="en"):
    """The card and detail (without related) a fresh build gives, with the test client's base URL."""
    pages = store.load_pages([page.pk])
    card, detail = store.fresh_documents(pages, code, "http://testserver")[page.pk]
    detail.pop("related")
    return card, detail


def served_detail(api, page, code="en"):
    data = api.get(f"items/{page.pk}/", {"lang": code}).data
    data.pop("related")
    return data


def test_list_detail_and_resolve_cost_at_most_four_queries(
    api, items, no_response_cache, django_assert_max_num_queries
):
    page = items["pages"][0]
    api.get("news/", {"lang": "en"})  # warm the store
    for params in ({"lang": "en", "limit": 2}, {"lang": "en", "limit": 20}, {"lang": "ku", "offset": 3}):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert api.get("news/", params).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert api.get("items/", {"lang": "en"}).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        detail = api.get(f"news/{page.pk}/", {"lang": "en"})
    assert len(detail.data["related"]) == 4
    path = detail.data["path"]
    with django_assert_max_num_queries(MAX_QUERIES):
        resolved = api.get("resolve/", {"path": path})
    assert resolved.data["item"]["id"] == page.pk


def test_warm_requests_serialise_nothing(api, items, no_response_cache, monkeypatch):
    page = items["pages"][0]
    api.get("news/", {"lang": "en"})
    api.get(f"news/{page.pk}/", {"lang": "en"})

    def refuse(*args, **kwargs):
        raise AssertionError("serialised during a warm request")

    monkeypatch.setattr(store, "card_data", refuse)
    monkeypatch.setattr(store, "detail_data", refuse)
    monkeypatch.setattr(selectors, "load_items", refuse)  # no page is even loaded
    assert api.get("news/", {"lang": "en"}).status_code == 200
    assert api.get(f"news/{page.pk}/", {"lang": "en"}).status_code == 200
    found = api.get("search/", {"q": "Item", "lang": "en"})
    assert found.status_code == 200 and page.pk in [card["id"] for card in found.data["results"]]


def test_stored_answers_equal_fresh_builds(api, items, no_response_cache):
    page = items["pages"][2]
    card, detail = fresh(page)
    listed = {c["id"]: c for c in api.get("news/", {"lang": "en"}).data["results"]}
    assert listed[page.pk] == card
    assert served_detail(api, page) == detail
    call_command("check_delivery")


def test_check_delivery_finds_a_tampered_document(items):
    row = StoredItem.objects.filter(page=items["pages"][0], lang="en").get()
    row.card = row.card.replace("Item 0", "Tampered")
    row.save()
    with pytest.raises(CommandError):
        call_command("check_delivery")


def test_304_and_cache_hit_cost_no_query(api, items, django_assert_num_queries):
    first = api.get("news/", {"lang": "en"})
    assert first["Last-Modified"] and first["ETag"]
    with django_assert_num_queries(0):
        again = api.get("news/", {"lang": "en"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        since = api.get("news/", {"lang": "en"}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    with django_assert_num_queries(0):
        hit = api.get("news/", {"lang": "en"})
    assert hit.status_code == 200 and hit.content == first.content
    assert hit["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"


def test_publish_invalidates_the_response_cache(api, items):
    page = items["pages"][0]
    before = api.get("news/", {"lang": "en"})
    page.title_en = "Renamed item"
    page.save_revision().publish()
    after = api.get("news/", {"lang": "en"}, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Renamed item" in [c["title"] for c in after.data["results"]]


# -- dependencies ---------------------------------------------------------------------------------------------


def test_snippet_rename(api, items):
    page = items["pages"][1]
    api.get(f"news/{page.pk}/", {"lang": "en"})
    topic = items["topic"]
    topic.name_en = "Human rights"
    topic.save()
    assert served_detail(api, page)["topics"][0]["name"] == "Human rights"
    assert served_detail(api, page) == fresh(page)[1]


def test_image_alt_text_and_rendition(api, items):
    page = items["pages"][1]
    api.get(f"news/{page.pk}/", {"lang": "en"})
    image = items["image"]
    image.description_en = "A crowded meeting"
    image.save()
    assert served_detail(api, page)["image"]["alt"] == "A crowded meeting"
    image.get_rendition("max-400x400|format-webp")
    detail = served_detail(api, page)
    assert "small" in detail["image"]["renditions"]
    assert detail == fresh(page)[1]


def test_related_item_unpublished(api, items):
    page, gone = items["pages"][0], items["pages"][5]
    assert gone.pk in [c["id"] for c in api.get(f"news/{page.pk}/").data["related"]]
    gone.unpublish()
    related = [c["id"] for c in api.get(f"news/{page.pk}/").data["related"]]
    assert gone.pk not in related and len(related) == 4


def test_restriction_added_to_an_ancestor(api, items):
    page = items["pages"][0]
    assert api.get(f"news/{page.pk}/").status_code == 200
    PageViewRestriction.objects.create(page=items["news"], restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert api.get(f"news/{page.pk}/").status_code == 404
    assert api.get("news/").data["results"] == []
    assert items["statement"].pk in [c["id"] for c in api.get("items/").data["results"]]


def test_settings_change(api, items, django_capture_on_commit_callbacks):
    page = items["pages"][0]
    before = api.get(f"news/{page.pk}/")
    built = StoredItem.objects.get(page=page, lang="ar").built_at
    settings = SiteSettings.for_site(items["site"])
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    after = api.get(f"news/{page.pk}/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert StoredItem.objects.get(page=page, lang="ar").built_at > built


def test_scheduled_expiry_and_go_live_pass(api, items):
    leaving, coming = items["pages"][3], items["pages"][4]
    when = timezone.now() + timezone.timedelta(seconds=5)  # a loaded machine may take seconds to get there
    leaving.expire_at = when
    leaving.save()
    coming.go_live_at = when
    coming.save()
    first = api.get("news/", {"lang": "en"})
    ids = [c["id"] for c in first.data["results"]]
    assert leaving.pk in ids and coming.pk not in ids
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
    again = api.get("news/", {"lang": "en"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    ids = [c["id"] for c in again.data["results"]]
    assert leaving.pk not in ids and coming.pk in ids
    assert api.get(f"news/{leaving.pk}/").status_code == 404


def _related(api, page):
    return [card["id"] for card in api.get(f"items/{page.pk}/", {"lang": "en"}).data["related"]]


def test_related_items_follow_topics_and_dates_of_other_items(api, items, no_response_cache):
    """The links of another item are written when it changes: a new topic, a later date or a topic taken away
    changes the related items of the items sharing it at the next request."""
    page, other = items["pages"][0], items["pages"][1]
    latest = max(item.date for item in items["pages"])
    newcomer = NewsPageFactory(parent=items["news"], title_en="Newcomer", date=latest + timezone.timedelta(days=1))
    newcomer.save_revision().publish()
    assert newcomer.pk not in _related(api, page)
    newcomer = newcomer.specific_class.objects.get(pk=newcomer.pk)
    newcomer.topics.set([items["topic"]])
    newcomer.save_revision().publish()
    assert _related(api, page)[0] == newcomer.pk  # the newest item sharing the topic comes first
    other = other.specific_class.objects.get(pk=other.pk)
    other.date = latest + timezone.timedelta(days=2)
    other.save_revision().publish()
    assert _related(api, page)[:2] == [other.pk, newcomer.pk]
    other = other.specific_class.objects.get(pk=other.pk)
    other.topics.set([])
    other.save_revision().publish()
    assert other.pk not in _related(api, page)
    call_command("check_delivery")


def test_related_items_queries_do_not_grow_with_the_archive(api, items, no_response_cache):
    """Two items sharing the topic or more cost the same queries: a range read per key, not a scan."""
    page = items["pages"][0]
    api.get(f"items/{page.pk}/")
    with CaptureQueriesContext(connection) as few:
        api.get(f"items/{page.pk}/")
    for n in range(8):
        extra = NewsPageFactory(parent=items["news"], title_en=f"Extra {n}")
        extra.topics.set([items["topic"]])
        extra.save_revision().publish()
    api.get(f"items/{page.pk}/")
    with CaptureQueriesContext(connection) as many:
        api.get(f"items/{page.pk}/")
    assert len(many) == len(few) <= MAX_QUERIES


def test_check_delivery_finds_a_stale_link(items):
    """A stored link that no longer says what the item's tables say is reported, and writing it again fixes it."""
    page = items["pages"][0]
    ItemLink.objects.filter(page=page).update(date=timezone.localdate() - timezone.timedelta(days=400))
    with pytest.raises(CommandError):
        call_command("check_delivery")
    links.write([page.pk])
    call_command("check_delivery")


def test_restricted_subtrees_and_site_are_read_once_per_content_version(api, items, no_response_cache):
    """The visibility rule's own rows are read once per content version, and read again after any change
    that replaces it (a restriction here), so the rule never uses rows older than the content."""
    api.get("news/", {"lang": "en"})
    with CaptureQueriesContext(connection) as warm:
        api.get("news/", {"lang": "en", "limit": 3})
    assert not [q for q in warm.captured_queries if "pageviewrestriction" in q["sql"] or "wagtailcore_site" in q["sql"]]
    restriction = PageViewRestriction.objects.create(
        page=items["pages"][0], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    ids = [card["id"] for card in api.get("news/", {"lang": "en"}).data["results"]]
    assert items["pages"][0].pk not in ids and items["pages"][1].pk in ids
    restriction.delete()
    ids = [card["id"] for card in api.get("news/", {"lang": "en"}).data["results"]]
    assert items["pages"][0].pk in ids


def test_a_rolled_back_change_leaves_nothing_kept_for_its_version(api, items, no_response_cache):
    """A restriction lifted in a transaction that is then rolled back: what was read inside it (without the
    restriction) is not kept, so the page stays hidden afterwards."""
    hidden = items["pages"][0]
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert hidden.pk not in [card["id"] for card in api.get("news/", {"lang": "en"}).data["results"]]
    with pytest.raises(RuntimeError), transaction.atomic():
        restriction.delete()
        assert hidden.pk in [card["id"] for card in api.get("news/", {"lang": "en"}).data["results"]]
        raise RuntimeError("the save failed")
    assert hidden.pk not in [card["id"] for card in api.get("news/", {"lang": "en"}).data["results"]]
    assert api.get(f"news/{hidden.pk}/").status_code == 404


def test_a_plain_list_is_a_slice_of_the_versions_ids(api, items, no_response_cache):
    """A plain list (no filter, date order) reads no page once its version's ids are kept: one query for the
    cards, whatever the window; its pages and count are those of the one rule's query, and a change is seen
    at the next request."""
    news = selectors.ItemFilters(types=(items["pages"][0].specific_class,))
    for ordering in ("-date", "date"):
        expected = list(selectors.item_queryset(news, "en", ordering).values_list("pk", flat=True))
        api.get("news/", {"lang": "en", "ordering": ordering})
        for offset, limit in ((0, 2), (2, 3), (5, 10), (40, 5)):
            with CaptureQueriesContext(connection) as warm:
                data = api.get("news/", {"lang": "en", "ordering": ordering, "offset": offset, "limit": limit}).data
            assert [card["id"] for card in data["results"]] == expected[offset : offset + limit]
            assert data["count"] == len(expected)
            assert not [q for q in warm.captured_queries if "wagtailcore_page" in q["sql"]]
            assert len(warm.captured_queries) <= 1
    gone = items["pages"][2]
    gone.unpublish()
    data = api.get("news/", {"lang": "en", "limit": 50}).data
    assert gone.pk not in [card["id"] for card in data["results"]] and data["count"] == len(expected) - 1
    filtered = api.get("news/", {"lang": "en", "topic": "rights"}).data
    assert filtered["count"] == len(expected) - 1


def test_what_searching_keeps_per_version_is_read_once(api, items, no_response_cache):
    """The pages outside an unfiltered search and those missing each language are read once per content
    version, not by every search (on PostgreSQL a search runs in a transaction of its own, where nothing
    is kept: they are read before it)."""
    params = {"q": "Item", "lang": "en"}
    api.get("search/", params)
    with CaptureQueriesContext(connection) as warm:
        assert api.get("search/", params).status_code == 200
    statements = [query["sql"] for query in warm.captured_queries]
    assert any("cms_search_fts" in sql or "to_tsquery" in sql for sql in statements)
    assert not any("DISTINCT" in sql for sql in statements), statements


def test_a_new_worker_reads_what_another_computed_for_the_version(api, items, no_response_cache):
    """The list of every public item and the pages a search leaves out or may offer are kept in the store
    every worker shares: a new worker (nothing of its own kept yet) reads them instead of computing them
    again (0.5 s at 100,000 items); after a change they are computed again, once."""
    from cms.api import cache

    def computed():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("search/", {"q": "Item", "lang": "en"}).status_code == 200
            assert api.get("news/", {"lang": "en"}).status_code == 200
        statements = [query["sql"] for query in queries.captured_queries]
        return {
            "public items": any("ORDER BY COALESCE(" in sql for sql in statements),
            "search outside": any("SELECT DISTINCT" in sql for sql in statements),
            "pages without a language": any("HAVING" in sql for sql in statements),
        }

    cache.bump()
    cache._per_version.clear()
    assert all(computed().values())  # the first worker under a new version
    cache._per_version.clear()  # another worker, or this one replaced
    assert not any(computed().values())
    cache.bump()
    assert all(computed().values())


def test_an_expiry_passed_before_the_next_change_still_drops_the_links_to_the_expired_page(api, items):
    """A page expires by the clock alone, and a change elsewhere replaces the content version before any
    request noticed the expiry: the stored documents linking to it are forgotten all the same (the version
    replaced hands its passed scheduled time to the hooks), so no detail links to it."""
    from cms.api import cache
    from news.factories import paragraph

    target = items["pages"][3]
    path = f"/en/news/{target.slug_en}/"
    linker = items["pages"][0]
    linker.body_en = paragraph(f'<a linktype="page" id="{target.pk}">the report</a>')
    linker.save_revision().publish()
    assert path in str(served_detail(api, linker))  # stored while the target is public
    when = timezone.now() + timezone.timedelta(seconds=2)
    type(target).objects.filter(pk=target.pk).update(expire_at=when)  # as saved long ago: no signal
    cache.bump()  # the version now knows the coming expiry
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
    NewsPageFactory(parent=items["news"], title_en="A change elsewhere")  # replaces the version first
    assert path not in str(api.get(f"items/{linker.pk}/", {"lang": "en"}).data)
    assert api.get(f"items/{target.pk}/", {"lang": "en"}).status_code == 404
