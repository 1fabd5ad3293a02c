"""Webhooks: the website hears of every public change within seconds, signed, retried, logged.

``cms.changes.content_changed`` is turned into events (publish, unpublish, delete, move, slug change,
settings, taxonomy); once the transaction that made the change has committed, one :class:`WebhookDelivery`
row per matching endpoint is written and a task queued (``delivery.tasks.deliver``). The request itself is
sent by the worker, so publishing never waits for a receiver, nor fails because of one.

Payloads carry only public facts: the item's type and id, the event, and its frontend paths per language.
A publish is sent only for a page the public may see (``cms.visibility``), with the paths of the languages it
is available in (``cms.availability``); unpublish and delete send the id and paths only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from cms import changes, languages
from cms.availability import is_available
from cms.paths import Paths
from cms.visibility import public_pages

from . import models

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-CMS-Signature"
EVENT_HEADER = "X-CMS-Event"
DELIVERY_HEADER = "X-CMS-Delivery"

PAGE_TYPES = {
    "news.newspage": "news",
    "news.statementpage": "statement",
    "news.dialoguesessionpage": "dialogue_session",
    "news.newsindexpage": "news_section",
    "news.statementindexpage": "statement_section",
    "news.dialoguesessionindexpage": "dialogue_session_section",
    "home.homepage": "home",
}


# -- signing ----------------------------------------------------------------------------------------------


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """``t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">``: the timestamp is signed too, so a receiver can
    refuse old replays (see :func:`verify`)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, body: bytes, header: str, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does: check the signature and that the timestamp is recent."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# -- endpoints --------------------------------------------------------------------------------------------


def endpoints() -> list[SimpleNamespace]:
    """Active endpoints: those configured in the admin, then those of the environment (``CMS_WEBHOOKS``)."""
    found = [
        SimpleNamespace(pk=e.pk, url=e.url, secret=e.secret, events=e.events or [], languages=e.languages or [])
        for e in models.WebhookEndpoint.objects.filter(active=True)
    ]
    for entry in getattr(settings, "CMS_WEBHOOKS", None) or []:
        if not isinstance(entry, dict) or not entry.get("url") or not entry.get("secret"):
            logger.warning("CMS_WEBHOOKS: an entry without url or secret is ignored")
            continue
        found.append(
            SimpleNamespace(
                pk=None,
                url=entry["url"],
                secret=entry["secret"],
                events=list(entry.get("events") or []),
                languages=list(entry.get("languages") or []),
            )
        )
    return found


# -- payloads ---------------------------------------------------------------------------------------------


def _frontend_path(paths: Paths, url_path: str | None, code: str) -> str | None:
    """The frontend path of a stored ``url_path`` in ``code`` (old paths exist only as strings)."""
    if not url_path:
        return None
    page = SimpleNamespace(url_path=url_path, **{build_localized_fieldname("url_path", code): url_path})
    return paths.path(page, code)


def _page_type(page) -> str:
    label = page._meta.label_lower
    if label == "wagtailcore.page" and page.specific_class is not None:
        label = page.specific_class._meta.label_lower
    return PAGE_TYPES.get(label, label)


def _current_paths(paths: Paths, page, codes) -> dict:
    """``{lang: {"old": None, "new": path}}`` from the page's stored (or last known) paths."""
    result = {}
    for code in codes:
        url_path = getattr(page, build_localized_fieldname("url_path", code), None) or page.url_path
        result[code] = {"old": None, "new": _frontend_path(paths, url_path, code)}
    return result


def _item(event: str, page, paths_data: dict, now: str) -> dict:
    body = {"event": event, "occurred_at": now, "type": _page_type(page), "id": page.pk, "paths": paths_data}
    return {"event": event, "languages": set(paths_data), "body": body}


def _page_events(change, paths: Paths, now: str) -> list[dict]:
    """Publish, move and slug-change events of public pages; a restriction makes its pages unpublished."""
    result = []
    everyone = languages.enabled_codes()
    public_ids = set(public_pages(Page.objects.filter(pk__in=change.page_ids)).values_list("pk", flat=True))
    hidden_by_restriction = set()
    if change.action == changes.RESTRICTED and change.obj is not None:
        # Only pages the restriction itself hid were public: a draft, a scheduled page or a page already
        # restricted above must not have its address announced, not even as unpublished.
        before = public_pages(Page.objects.filter(pk__in=change.page_ids), ignoring_restrictions_of=change.obj)
        hidden_by_restriction = set(before.values_list("pk", flat=True)) - public_ids
    changed_id = getattr(change.obj, "pk", None)
    for page in Page.objects.filter(pk__in=change.page_ids).specific():
        if page.pk not in public_ids:
            if page.pk in hidden_by_restriction:
                result.append(_item("unpublish", page, _current_paths(paths, page, everyone), now))
            continue
        available = [code for code in everyone if is_available(page, code)]
        moved = {
            code: {"old": _frontend_path(paths, old, code), "new": _frontend_path(paths, new, code)}
            for code, (old, new) in change.paths.get(page.pk, {}).items()
            if code in available
        }
        if moved:
            result.append(_item("move" if change.action == changes.MOVED else "slug_change", page, moved, now))
        if change.action == changes.RESTRICTED:
            result.append(_item("publish", page, _current_paths(paths, page, available), now))
        elif change.action != changes.MOVED and page.pk == changed_id:
            langs = [code for code in available if code in change.languages]
            if langs:
                result.append(_item("publish", page, _current_paths(paths, page, langs), now))
    return result


def _events_for(change) -> list[dict]:
    """The notifications a change makes, before endpoints filter them: ``{"event", "languages", "body"}``."""
    paths = Paths()
    now = timezone.now().isoformat()
    codes = [code for code in languages.enabled_codes() if code in change.languages]
    if change.action in (changes.PUBLISHED, changes.SAVED, changes.RESTRICTED, changes.MOVED):
        return _page_events(change, paths, now)
    if change.action in (changes.UNPUBLISHED, changes.DELETED) and change.obj is not None:
        event = "unpublish" if change.action == changes.UNPUBLISHED else "delete"
        return [_item(event, change.obj, _current_paths(paths, change.obj, languages.enabled_codes()), now)]
    if change.action == changes.TAXONOMY:
        obj = change.obj
        pages = sorted(public_pages(Page.objects.filter(pk__in=change.page_ids)).values_list("pk", flat=True))
        body = {"type": change.model, "id": getattr(obj, "pk", None), "slug": getattr(obj, "slug", None)}
        body.update(event="taxonomy", occurred_at=now, pages=pages)
        return [{"event": "taxonomy", "languages": set(codes), "body": body}]
    if change.action == changes.SETTINGS:
        body = {"event": "settings", "occurred_at": now, "type": change.model, "id": getattr(change.obj, "pk", None)}
        return [{"event": "settings", "languages": set(codes), "body": body}]
    return []


def on_change(sender, change, **kwargs):
    """Listener of ``content_changed``: compute the events now (the objects are at hand), write and queue the
    deliveries once the transaction commits (a rolled-back change sends nothing)."""
    try:
        events = _events_for(change)
    except Exception:  # a webhook must never make a publish fail
        logger.exception("webhooks: could not compute the events of a %s change", change.action)
        return
    if events:
        transaction.on_commit(lambda: queue(events), robust=True)


def queue(events: list[dict]) -> list[models.WebhookDelivery]:
    """One delivery per (event, matching endpoint), each queued for the worker."""
    from .tasks import enqueue

    created = []
    for endpoint in endpoints():
        for item in events:
            if endpoint.events and item["event"] not in endpoint.events:
                continue
            langs = item["languages"]
            if endpoint.languages and langs and not (langs & set(endpoint.languages)):
                continue
            body = dict(item["body"])
            if endpoint.languages and "paths" in body:
                body["paths"] = {code: value for code, value in body["paths"].items() if code in endpoint.languages}
            delivery = models.WebhookDelivery.objects.create(
                endpoint_id=endpoint.pk,
                url=endpoint.url,
                secret=endpoint.secret,
                event=item["event"],
                body=json.dumps(body, ensure_ascii=False, sort_keys=True),
            )
            try:
                enqueue(delivery)
            except Exception:  # the row stays pending: ``webhook_worker`` queues it again when it starts
                logger.exception("webhooks: could not queue delivery %s", delivery.pk)
            created.append(delivery)
    return created


def connect():
    changes.content_changed.connect(on_change, dispatch_uid="delivery-webhooks")
