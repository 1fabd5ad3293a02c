"""API throttling: per client, 429 problem+json with Retry-After, on every public endpoint, counted in the cache.

A careless bot sent 300 rapid requests and got no 429. The suite runs with throttling off; these tests turn it
on with a small rate.
"""

import uuid

import pytest
from django.urls import get_resolver, reverse

pytestmark = pytest.mark.django_db

RATE = 3


@pytest.fixture
def throttled(settings):
    settings.CMS_API_THROTTLE_RATE = f"{RATE}/minute"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    return settings


def public_api_urls():
    """One address per endpoint of the public API (details with an id that does not exist)."""
    resolver = get_resolver("cms.api.urls")
    urls = []
    for pattern in resolver.url_patterns:
        name = pattern.name
        if name in (None, "api-not-found"):
            continue
        kwargs = {group: "999999" for group in pattern.pattern.regex.groupindex}
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_every_public_endpoint_is_listed():
    urls = public_api_urls()
    assert "/api/v1/items/" in urls and "/api/v1/search/suggest/" in urls and "/api/v1/docs/" in urls
    assert len(urls) >= 20


@pytest.mark.parametrize("url", public_api_urls())
def test_every_endpoint_answers_429_past_the_rate(client, throttled, url):
    for _ in range(RATE):
        assert client.get(url).status_code != 429
    response = client.get(url)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 429 and body["title"] == "Too many requests"
    assert body["type"].endswith("#problem-too-many-requests")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "no-store" in response["Cache-Control"]


def test_the_limit_is_per_client_over_all_endpoints(client, throttled):
    for url in ("/api/v1/languages/", "/api/v1/items/", "/api/v1/site/"):
        assert client.get(url).status_code != 429
    assert client.get("/api/v1/news/").status_code == 429
    # Another address has its own allowance.
    assert client.get("/api/v1/news/", REMOTE_ADDR="203.0.113.9").status_code != 429


def test_x_forwarded_for_is_not_believed_without_trusted_proxies(client, throttled):
    """A client cannot escape its limit by writing a new address into X-Forwarded-For each time."""
    for number in range(RATE):
        client.get("/api/v1/languages/", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert client.get("/api/v1/languages/", HTTP_X_FORWARDED_FOR="198.51.100.200").status_code == 429


def test_behind_trusted_proxies_the_client_is_the_address_the_proxy_saw(client, throttled):
    throttled.CMS_TRUST_PROXY_HEADERS = True
    throttled.CMS_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(RATE):
        client.get("/api/v1/languages/", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7", **proxy)
    assert client.get("/api/v1/languages/", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    # Another visitor behind the same proxy is not affected, whatever they write at the left of the header.
    other = client.get("/api/v1/languages/", HTTP_X_FORWARDED_FOR="198.51.100.7, 198.51.100.8", **proxy)
    assert other.status_code == 200


def test_exempt_addresses_are_never_throttled(client, throttled):
    throttled.CMS_API_THROTTLE_EXEMPT = ["127.0.0.1"]
    for _ in range(RATE * 3):
        assert client.get("/api/v1/languages/").status_code == 200


def test_throttling_off_lets_everything_through(client, throttled):
    throttled.CMS_API_THROTTLE_RATE = None
    for _ in range(RATE * 3):
        assert client.get("/api/v1/languages/").status_code == 200
