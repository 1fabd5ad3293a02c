"""Keeping stored documents in step with content: the change signal (``cms.changes.content_changed``) says
which items a change touches; their documents are rebuilt inside the change's transaction (a few items) or
forgotten there and rebuilt by a background task after commit (many).

Every language is rebuilt, whatever ``change.languages`` says: a language without its own text shows
another's through the fallback chain, so a change in one language can change the others' documents.

Beyond what the change names, a document also shows the paths and visibility of the pages its body links
to: when pages move, are restricted or leave, the pages linking to them are rebuilt too; and when a
scheduled go-live or expiry time passes (no signal: only the clock changed), the pages linking to the
pages concerned are forgotten (``on_schedule_passed``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, ReferenceIndex, Site

from cms import changes
from cms.api import cache

from . import links, store
from .tasks import rebuild

LINK_TARGET_CHANGES = {changes.MOVED, changes.RESTRICTED, changes.UNPUBLISHED, changes.DELETED}


def linking_pages(page_ids) -> set[int]:
    """Pages whose content references any of ``page_ids`` (body links, chosen pages), in one query."""
    if not page_ids:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id__in=[str(pk) for pk in page_ids], base_content_type=page_type
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def refresh(page_ids) -> None:
    """Rebuild these documents (None: all) inside the change's own transaction, so they commit together with
    the content; for many, forget them now and rebuild them in a background task after commit (meanwhile
    requests build the few they need from committed content)."""
    page_ids = None if page_ids is None else set(page_ids)
    if page_ids is not None and not page_ids:
        return
    if page_ids is not None and len(page_ids) <= getattr(settings, "READMODEL_TASK_THRESHOLD", 50):
        store.build(page_ids)
        return
    store.invalidate(page_ids)
    task_ids = sorted(page_ids) if page_ids is not None else None
    if connection.in_atomic_block:
        transaction.on_commit(lambda: rebuild.enqueue(task_ids), robust=True)
    else:
        rebuild.enqueue(task_ids)


def content_changed(sender, change, **kwargs):
    if change.action == changes.SETTINGS:
        refresh(None)
        return
    # What an item is filed under and its date decide the related items of others: written at once, in the
    # change's transaction, whether its documents are rebuilt now or later.
    links.write(change.page_ids)
    ids = set(change.page_ids)
    if change.action in LINK_TARGET_CHANGES:
        ids |= linking_pages(ids)
    refresh(ids)


def site_changed(sender, instance=None, raw=False, **kwargs):
    """Paths are written below the default site's root: a site change can change every path."""
    if not raw:
        refresh(None)


def rendition_changed(sender, instance=None, raw=False, **kwargs):
    """A rendition made (or removed) after its image was saved changes the documents showing the image."""
    if raw or instance is None:
        return
    from news.changes import _media_referrers

    image = type(instance).image.field.related_model.objects.filter(pk=instance.image_id).first()
    if image is not None:
        refresh(_media_referrers([image]))
        cache.bump_now_and_after_commit()


def on_schedule_passed(since: float, until: float) -> None:
    """Pages whose go-live or expiry time passed in ``(since, until]`` appear or vanish without a signal:
    documents linking to them are forgotten (their links are written only to public pages)."""
    start, end = (datetime.fromtimestamp(value, UTC) for value in (since, until))
    passed = Q(go_live_at__gt=start, go_live_at__lte=end) | Q(expire_at__gt=start, expire_at__lte=end)
    ids = set(Page.objects.filter(passed).values_list("pk", flat=True))
    if ids:
        store.invalidate(linking_pages(ids))


def connect():
    from wagtail.images import get_image_model

    changes.content_changed.connect(content_changed, dispatch_uid="readmodel-content-changed")
    post_save.connect(site_changed, sender=Site, dispatch_uid="readmodel-site-saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="readmodel-site-deleted")
    rendition_model = get_image_model().get_rendition_model()
    post_save.connect(rendition_changed, sender=rendition_model, dispatch_uid="readmodel-rendition-saved")
    post_delete.connect(rendition_changed, sender=rendition_model, dispatch_uid="readmodel-rendition-deleted")
    cache.SCHEDULE_HOOKS.append(on_schedule_passed)
