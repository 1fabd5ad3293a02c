"""Query counts that do not grow with the page size, and HTTP caching the website's proxy relies on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.factories import ImageFactory
from news.factories import DialogueSessionPageFactory, NewsPageFactory, StatementPageFactory

DETAIL_MAX_QUERIES = 25


@pytest.fixture
def many_items(newsroom):
    images = [ImageFactory() for _ in range(3)]
    for n in range(30):
        factory = (NewsPageFactory, StatementPageFactory, DialogueSessionPageFactory)[n % 3]
        parent = newsroom[("news", "statements", "sessions")[n % 3]]
        page = factory(parent=parent, title_en=f"Item {n}", main_image=images[n % 3])
        page.topics.set([newsroom["topic"]])
        page.save()
    return newsroom


def _count(api, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("endpoint", ["news/", "statements/", "dialogue-sessions/", "items/"])
def test_list_queries_do_not_grow_with_limit(api, many_items, endpoint):
    """A list of 100 cards costs the same number of queries as a list of 3 (once what is read once per content
    version, the restricted subtrees and the default site, has been read)."""
    _count(api, endpoint, {"limit": 1, "lang": "en"})
    small = _count(api, endpoint, {"limit": 3, "lang": "en"})
    large = _count(api, endpoint, {"limit": 100, "lang": "en"})
    assert large == small
    filtered = _count(api, endpoint, {"limit": 100, "topic": "human-rights", "place": "deir-ezzor"})
    assert filtered <= small + 3


def test_detail_has_a_small_fixed_query_count(api, many_items, django_assert_max_num_queries):
    """An item page costs a fixed handful of queries, related cards and their images included."""
    item = many_items["news_item"]
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = api.get(f"news/{item.pk}/", {"lang": "ku"})
    assert len(response.data["related"]) == 4
    assert all(card["image"] is not None for card in response.data["related"])


def test_etag_and_not_modified(api, newsroom):
    """The proxy in front of the website revalidates with If-None-Match and gets an empty 304."""
    first = api.get("news/", {"lang": "en"})
    assert first["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = api.client.get("/api/v1/news/", {"lang": "en"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Content-Language"] == "en"
    other_language = api.get("news/", {"lang": "ku"})
    assert other_language["ETag"] != etag
    stale = api.client.get("/api/v1/news/", {"lang": "en"}, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_etag_changes_when_content_changes(api, newsroom):
    before = api.get("news/", {"lang": "en"})["ETag"]
    item = newsroom["news_item"]
    item.title_en = "Workshop in Hajin, updated"
    item.save()
    assert api.get("news/", {"lang": "en"})["ETag"] != before


def test_errors_are_not_cached(api, newsroom):
    response = api.get("news/", {"limit": "0"})
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_revalidation_and_cache_hits_are_answered_before_the_view(api, newsroom, monkeypatch):
    """A 304 and a response-cache hit come from the content version alone, before sessions, authentication
    or the view: they still carry the CORS headers and the API's content security policy."""
    from cms.api.base import PublicAPIView

    origin = "http://localhost:3000"
    first = api.client.get("/api/v1/news/", {"lang": "en"}, HTTP_ORIGIN=origin)
    assert first.status_code == 200

    def refuse(*args, **kwargs):
        raise AssertionError("the view ran")

    monkeypatch.setattr(PublicAPIView, "dispatch", refuse)
    again = api.client.get("/api/v1/news/", {"lang": "en"}, HTTP_ORIGIN=origin, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == origin
    hit = api.client.get("/api/v1/news/", {"lang": "en"}, HTTP_ORIGIN=origin)
    assert hit.status_code == 200 and hit.content == first.content
    assert hit["Access-Control-Allow-Origin"] == origin
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in hit and "Set-Cookie" not in again
