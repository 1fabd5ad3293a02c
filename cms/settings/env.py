"""Reading deploy-time configuration from the environment: small pure functions, so each is tested alone.

The settings modules call these with ``os.environ``; tests call them with a dictionary of their own and check
the Django settings they build (no network, no reload of the settings).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_list(environ: Mapping[str, str], name: str, default: str = "") -> list[str]:
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def env_bool(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(environ: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


# -- Cache -----------------------------------------------------------------------------------------------------

REDIS_SCHEMES = ("redis", "rediss", "unix")


def cache_settings(url: str | None, key_prefix: str = "cms") -> dict:
    """``CACHES`` from one URL: ``redis://host:6379/0`` (or ``rediss://``, ``unix://``) is Redis,
    ``locmem://`` or nothing is this process's memory, ``dummy://`` caches nothing.

    The cache holds the API throttling counters, login lockouts' cache and (when chosen) sessions, so several
    app server processes must share it: in production that means Redis.
    """
    url = (url or "").strip()
    scheme = urlsplit(url).scheme.lower() if url else "locmem"
    if scheme in REDIS_SCHEMES:
        default = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "TIMEOUT": 300,
            # A Redis that is down must not take the site down with it: fail fast, then report through /healthz.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    elif scheme == "locmem":
        default = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": urlsplit(url).netloc or "cms",
            "KEY_PREFIX": key_prefix,
        }
    elif scheme == "dummy":
        default = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with redis://, rediss://, unix://, locmem:// or dummy://, not {url!r}"
        )
    return {"default": default}


SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}


def session_engine(value: str | None) -> str:
    """``CMS_SESSIONS``: ``db`` (default), ``cached_db`` (read from the cache, written through to the database)
    or ``cache`` (the cache alone: sessions are lost when Redis is flushed)."""
    key = (value or "db").strip().lower()
    if key not in SESSION_ENGINES:
        raise ImproperlyConfigured(f"CMS_SESSIONS must be one of {', '.join(SESSION_ENGINES)}, not {value!r}")
    return SESSION_ENGINES[key]


# -- Databases -------------------------------------------------------------------------------------------------


def database_settings(primary_url: str, replica_urls: list[str], conn_max_age: int = 60) -> dict:
    """``DATABASES``: ``default`` is the primary; each URL of ``DATABASE_REPLICA_URLS`` becomes
    ``replica_1``, ``replica_2``… (read-only copies the router ``cms.db_router`` sends public API reads to)."""
    databases = {"default": dj_database_url.parse(primary_url, conn_max_age=conn_max_age)}
    for number, url in enumerate(replica_urls, start=1):
        replica = dj_database_url.parse(url, conn_max_age=conn_max_age)
        # The test run makes no database of its own for a replica: it reads the primary's test database.
        replica["TEST"] = {"MIRROR": "default"}
        databases[f"replica_{number}"] = replica
    return databases


# -- Media storage ---------------------------------------------------------------------------------------------


def media_storage(environ: Mapping[str, str]) -> dict:
    """The ``default`` entry of ``STORAGES``: the local ``MEDIA_ROOT``, or an S3-compatible bucket when
    ``CMS_MEDIA_S3_BUCKET`` is set (django-storages; credentials come from boto3's own variables
    ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` or the machine's role, never from settings)."""
    bucket = environ.get("CMS_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        # Objects are private: files are read through signed, expiring URLs (or through the CMS's own views),
        # so a file of a private collection is never public in the bucket.
        "default_acl": "private",
        "querystring_auth": env_bool(environ, "CMS_MEDIA_S3_SIGNED_URLS", True),
        "querystring_expire": env_int(environ, "CMS_MEDIA_S3_URL_EXPIRE", 3600, minimum=60),
        "file_overwrite": False,
        "location": environ.get("CMS_MEDIA_S3_PREFIX", "").strip("/"),
    }
    optional = {
        "endpoint_url": "CMS_MEDIA_S3_ENDPOINT_URL",
        "region_name": "CMS_MEDIA_S3_REGION",
        "custom_domain": "CMS_MEDIA_S3_CUSTOM_DOMAIN",
    }
    for option, name in optional.items():
        value = environ.get(name, "").strip()
        if value:
            options[option] = value
    if "endpoint_url" in options and urlsplit(options["endpoint_url"]).scheme not in ("http", "https"):
        raise ImproperlyConfigured("CMS_MEDIA_S3_ENDPOINT_URL must be an http(s) URL")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# -- Throttling ------------------------------------------------------------------------------------------------

RATE_PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def throttle_rate(value: str | None, default: str) -> str | None:
    """``CMS_API_THROTTLE_RATE``: ``<count>/<second|minute|hour|day>``, or ``off``."""
    raw = (value if value is not None else default).strip().lower()
    if raw in ("off", "none", "0", ""):
        return None
    count, _, period = raw.partition("/")
    if not count.isdigit() or int(count) < 1 or not period or period[0] not in RATE_PERIODS:
        raise ImproperlyConfigured(f"CMS_API_THROTTLE_RATE must look like 300/minute or be off, not {value!r}")
    return f"{int(count)}/{RATE_PERIODS[period[0]]}"
