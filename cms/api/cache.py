"""HTTP caching of the public API: one content version, conditional requests without work, a response cache.

Why a content version: an ETag that hashes the body forces the body to be built before a 304 can be sent,
so a revalidation costs as much as the full answer. Instead every public answer is a function of the
published content, the request's URL, host and ``Accept-Language``, and the clock (scheduled go-live and
expiry times). The content is summed up by a *version*, a random token replaced whenever the change signal
(``cms.changes.content_changed``) fires, and whenever the next scheduled go-live or expiry time (the
*horizon*, stored with the version) has passed. The ETag is a hash of the version and the request; so a
304 and a response-cache hit are answered before any view code runs.

Where the version lives: every worker process must see the same one. It is kept in the ``versions`` cache
when ``settings.CACHES`` defines one, else in the default cache when that is shared between processes
(Redis, Memcached, database, files: what ``CACHE_URL`` configures), else (the local-memory default) in a
small file-based cache under the system's temporary folder, keyed by the project folder and database, which
every process of one machine shares.

The version is replaced twice for each change: at once (inside the transaction) and again after commit, so
an answer built from not yet committed data under the first new version is never served after the commit.

Responses (200 only) are kept in the default cache under their ETag: an entry outlives no change because
the key itself changes. ``CMS_API_RESPONSE_CACHE = False`` turns the response cache off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

VERSION_KEY = "cms:content-version"
#: Seconds a shared per-version value is kept: a replaced version's values are never read again, and one of
#: the current version that has expired is computed again by the next worker that needs it.
SHARED_TIMEOUT = 3600
_LOCAL_BACKENDS = ("LocMemCache", "DummyCache")
_file_cache = None
_per_version: dict[str, tuple[str, object]] = {}
_request_state: ContextVar[State | None] = ContextVar("cms_content_state", default=None)

#: Called with ``(since, until)`` (Unix times) when a scheduled go-live or expiry time has passed, before the
#: version is replaced: stored answers that depend on it are dropped there (``readmodel.listeners``).
SCHEDULE_HOOKS: list = []


@dataclass(frozen=True)
class State:
    """The content version, when it was last replaced (Last-Modified) and when it must be replaced next
    because a scheduled go-live or expiry time comes (``horizon``, a Unix time; None when nothing is
    scheduled)."""

    token: str
    modified: float
    horizon: float | None


def _backend_name(alias: str) -> str:
    return settings.CACHES.get(alias, {}).get("BACKEND", "").rsplit(".", 1)[-1]


def version_store():
    """The cache every worker process shares for the content version (see the module's docstring)."""
    global _file_cache
    if "versions" in settings.CACHES:
        return caches["versions"]
    if settings.CACHES.get("default") and _backend_name("default") not in _LOCAL_BACKENDS:
        return caches["default"]
    if _file_cache is None:
        database = str(settings.DATABASES["default"].get("NAME", ""))
        scope = hashlib.sha256(f"{settings.BASE_DIR}|{database}".encode()).hexdigest()[:16]
        folder = os.path.join(tempfile.gettempdir(), f"cms-content-version-{scope}")
        _file_cache = FileBasedCache(folder, {"TIMEOUT": None})
    return _file_cache


def _horizon(now) -> float | None:
    """The next go-live or expiry time of any page (the moment the public set of pages changes by itself)."""
    from wagtail.models import Page

    found = Page.objects.filter(Q(go_live_at__gt=now) | Q(expire_at__gt=now)).aggregate(
        go_live=Min("go_live_at", filter=Q(go_live_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    times = [value.timestamp() for value in found.values() if value is not None]
    return min(times) if times else None


def bump() -> State:
    """Replace the content version (every ETag and response-cache key changes with it). When a scheduled
    time of the version replaced has passed unnoticed (no request came in between), its hooks run first:
    after this, the new version's start would hide that time from them."""
    _run_schedule_hooks(version_store().get(VERSION_KEY))
    now = timezone.now()
    state = State(uuid.uuid4().hex, time.time(), _horizon(now))
    version_store().set(VERSION_KEY, state, None)
    return state


def bump_now_and_after_commit() -> None:
    bump()
    if connection.in_atomic_block:
        transaction.on_commit(bump, robust=True)


def current() -> State:
    """The content version; replaced first when there is none yet or a scheduled time has passed."""
    state = version_store().get(VERSION_KEY)
    if state is None:
        return bump()
    if state.horizon is not None and time.time() >= state.horizon:
        return bump()
    return state


def _run_schedule_hooks(state: State | None) -> None:
    if state is not None and state.horizon is not None and time.time() >= state.horizon:
        for hook in SCHEDULE_HOOKS:
            hook(state.modified, time.time())


@contextmanager
def within(state: State | None):
    """A request answered under ``state`` (the version its ETag names): what is kept per version is read for
    that version, without reading the version again."""
    if state is None:
        yield
        return
    token = _request_state.set(state)
    try:
        yield
    finally:
        _request_state.reset(token)


def per_version(name: str, compute, *, shared: bool = False):
    """``compute()``, kept in this process until the content version changes: for what depends on the content
    alone (the restricted subtrees, the default site and its root), read on every request but changed only
    by the changes that replace the version. The time of day is never part of such a value.

    ``shared``: also kept in the store of the version (every process of the site reads it), for values that
    cost a worker more to compute than to read (the list of every public item at 100,000 items: 0.2 s of
    SQL). Each new worker (gunicorn replaces them every few thousand requests) and each worker after a change
    then reads it instead of computing it again.

    Inside a transaction of our own nothing is kept or read: it may hold a change not yet committed (which
    another process, reading under the same new version, cannot see yet) or one about to be rolled back."""
    if _in_own_transaction():
        return compute()
    token = (_request_state.get() or current()).token
    held = _per_version.get(name)
    if held is not None and held[0] == token:
        return held[1]
    key = f"cms:per-version:{name}:{token}"
    value = version_store().get(key) if shared else None
    if value is None:
        value = compute()
        if shared:
            version_store().set(key, value, SHARED_TIMEOUT)
    _per_version[name] = (token, value)
    return value


def _in_own_transaction() -> bool:
    """In an atomic block other than those a test case wraps each test in."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def forget() -> None:
    """Drop the content version and what was kept for it (tests whose database was rolled back)."""
    _per_version.clear()
    version_store().delete(VERSION_KEY)


# -- requests -------------------------------------------------------------------------------------------------


def etag_for(request, state: State) -> str:
    """What the answer to this request depends on, besides the content: scheme, host, path and query, and
    the language preference."""
    parts = (
        state.token,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        str(settings.DATABASES["default"].get("NAME", "")),
    )
    return '"' + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32] + '"'


def etag_matches(header: str, etag: str) -> bool:
    candidates = [candidate.strip() for candidate in header.split(",")]
    bare = etag.removeprefix("W/")
    return "*" in candidates or any(candidate.removeprefix("W/") == bare for candidate in candidates)


def last_modified(state: State) -> str:
    return formatdate(int(state.modified), usegmt=True)


def is_not_modified(request, etag: str, state: State) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since (second precision)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return int(state.modified) <= since
    return False


def cache_control() -> str:
    max_age = getattr(settings, "CMS_API_MAX_AGE", 60)
    stale = getattr(settings, "CMS_API_STALE_WHILE_REVALIDATE", 0)
    value = f"public, max-age={max_age}"
    return f"{value}, stale-while-revalidate={stale}" if stale else value


def response_cache_enabled() -> bool:
    return getattr(settings, "CMS_API_RESPONSE_CACHE", True)


def _response_key(etag: str) -> str:
    return "cms:response:" + etag.strip('"')


def cached_response(etag: str):
    """``(content, headers)`` stored for this ETag, or None."""
    if not response_cache_enabled():
        return None
    return caches["default"].get(_response_key(etag))


def store_response(etag: str, content: bytes, headers: dict) -> None:
    if response_cache_enabled():
        timeout = getattr(settings, "CMS_API_RESPONSE_CACHE_TIMEOUT", 3600)
        caches["default"].set(_response_key(etag), (content, headers), timeout)


# -- invalidation ---------------------------------------------------------------------------------------------


def content_changed(sender, change, **kwargs):
    bump_now_and_after_commit()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(purge_cdn, robust=True)


def model_changed(sender, instance=None, raw=False, **kwargs):
    """Redirects, sites and languages are not content but change answers (``resolve/``, paths)."""
    if not raw:
        bump_now_and_after_commit()


def purge_cdn() -> None:
    """Ask the CDN (``wagtail.contrib.frontend_cache``, configured by ``WAGTAILFRONTENDCACHE``) to forget the
    API's answers; the CDN keys by URL, so the whole API prefix is purged."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    base = getattr(settings, "CMS_API_PUBLIC_URL", "") or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if base:
        purge_urls_from_cache([base.rstrip("/") + "/api/v1/"])


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Locale, Site

    from cms import changes

    changes.content_changed.connect(content_changed, dispatch_uid="api-cache-content-changed")
    for model in (Redirect, Site, Locale):
        uid = model.__name__
        post_save.connect(model_changed, sender=model, dispatch_uid=f"api-cache-saved-{uid}")
        post_delete.connect(model_changed, sender=model, dispatch_uid=f"api-cache-deleted-{uid}")
