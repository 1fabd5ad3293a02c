"""``/healthz`` and the Redis cache.

The health check answers JSON naming each dependency ok or down (503 when one is down) and nothing else: no
host, no error text. The cache runs on the local Redis (``127.0.0.1:6379``, database 5, a key prefix of the
test's own) exactly as production configures it from ``CACHE_URL``; CI requires Redis (``CMS_REQUIRE_REDIS=1``).
"""

import os
import socket
import sys
import uuid

import pytest
from django.core.cache import caches

from cms.settings.env import cache_settings

from .conftest import run

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/5"


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url():
    if not redis_available():
        if os.environ.get("CMS_REQUIRE_REDIS") == "1":
            pytest.fail("CMS_REQUIRE_REDIS=1 but no Redis answers at 127.0.0.1:6379", pytrace=False)
        pytest.skip("no Redis at 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture
def redis_cache(settings, redis_url):
    prefix = f"cms-test-{uuid.uuid4().hex}"
    settings.CACHES = cache_settings(redis_url, key_prefix=prefix)
    yield prefix
    client = redis_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def test_healthz_says_ok_when_all_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = cache_settings("redis://127.0.0.1:1/0")  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"] == {"database": "ok", "cache": "down"}
    assert "127.0.0.1" not in response.content.decode()  # no address, no error text


def test_healthz_is_503_when_the_database_is_down(prod_env, tmp_path):
    """In a process of its own, pointed at a database file that cannot be opened."""
    env = prod_env(DATABASE_URL=f"sqlite:///{tmp_path}/missing-folder/cms.sqlite3", CMS_SSL_REDIRECT="false")
    code = (
        "import os, json\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cms.settings.production')\n"
        "import django\ndjango.setup()\nfrom django.test import Client\n"
        "response = Client(HTTP_HOST='cms.example.org').get('/healthz')\n"
        "print(json.dumps([response.status_code, response.json(), response.content.decode()]))"
    )
    result = run([sys.executable, "-c", code], env)
    assert result.returncode == 0, result.stderr[-3000:]
    status, body, raw = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body["status"] == "down" and body["checks"] == {"database": "down", "cache": "ok"}
    assert "missing-folder" not in raw and "sqlite" not in raw


def test_healthz_answers_plain_http_in_production(prod_env):
    """Load balancers probe over plain HTTP: the health check is not redirected to HTTPS."""
    code = (
        "import os, json\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cms.settings.production')\n"
        "import django\ndjango.setup()\nfrom django.test import Client\nclient = Client(HTTP_HOST='cms.example.org')\n"
        "print(json.dumps([client.get('/healthz').status_code, client.get('/api/v1/languages/').status_code]))"
    )
    result = run([sys.executable, "-c", code], prod_env())
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "[200, 301]"


def test_the_cache_is_redis_when_cache_url_says_so(redis_cache):
    cache = caches["default"]
    assert type(cache).__name__ == "RedisCache"
    cache.set("probe", {"value": 1}, timeout=30)
    assert cache.get("probe") == {"value": 1}
    keys = [key.decode() for key in redis_client().keys(f"{redis_cache}:*")]
    assert keys == [f"{redis_cache}:1:probe"]


def test_healthz_checks_redis(client, redis_cache):
    assert client.get("/healthz").json()["checks"]["cache"] == "ok"


def test_api_throttling_counts_in_redis(client, settings, redis_cache):
    settings.CMS_API_THROTTLE_RATE = "2/minute"
    statuses = [client.get("/api/v1/languages/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    keys = [key.decode() for key in redis_client().keys(f"{redis_cache}:*throttle*")]
    assert keys == [f"{redis_cache}:1:throttle_api_127.0.0.1"]


def test_sessions_can_live_in_redis(client, settings, redis_cache, admin_user):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    session_keys = [key.decode() for key in redis_client().keys(f"{redis_cache}:*django.contrib.sessions*")]
    assert len(session_keys) == 1


def test_cache_url_forms():
    assert cache_settings("redis://cache:6379/2", "x")["default"]["LOCATION"] == "redis://cache:6379/2"
    assert cache_settings(None)["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache_settings("dummy://")["default"]["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"
    with pytest.raises(Exception, match="CACHE_URL must start with redis://"):
        cache_settings("memcached://cache:11211")
