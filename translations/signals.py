"""Keeps statuses right through every change.

Live changes (publish, a save of live content, a revert published, a move, snippet, image and settings
edits, deletions) arrive through the one change signal, ``cms.changes.content_changed``. What it leaves out
on purpose, because readers do not see it, still matters to translators and is caught here from the model
signals: a new snippet or image, a page that was never published (its row holds its first draft), and site
settings (whose change signal is sent only after the transaction commits).

Copies: a copied page gets the original's states, so an outdated translation stays outdated in the copy.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from cms import changes

from . import registry, status
from .models import TranslationState


def _refresh_existing(obj) -> None:
    model = type(obj)
    fresh = model._base_manager.filter(pk=obj.pk).first() if obj.pk is not None else None
    if fresh is not None:
        status.refresh(fresh.specific if isinstance(fresh, Page) else fresh)


def on_change(sender, change, **kwargs):
    obj = change.obj
    if obj is None:
        return
    if change.action == changes.DELETED:
        if isinstance(obj, Page):
            status.forget(Page, obj.pk)
        return
    if change.action in (changes.PUBLISHED, changes.SAVED, changes.UNPUBLISHED):
        if isinstance(obj, Page) and registry.kind_of(type(obj)) is not None:
            status.refresh(obj)
        return
    if change.action == changes.MOVED and isinstance(obj, Page):
        _refresh_existing(obj)
        return
    if change.action in (changes.TAXONOMY, changes.MEDIA, changes.SETTINGS):
        if registry.kind_of(type(obj)) is not None:
            _refresh_existing(obj)


def on_save(sender, instance, created=False, raw=False, **kwargs):
    """What the change signal does not announce: new objects, never-published pages, settings."""
    if raw:
        return
    kind = registry.kind_of(type(instance))
    if kind is None:
        return
    if kind == "page":
        if getattr(instance, "live", False) and not created:
            return
    elif kind != "settings" and not created:
        return
    status.refresh(instance)


def on_delete(sender, instance, **kwargs):
    if registry.kind_of(type(instance)) is not None and not isinstance(instance, Page):
        status.forget(type(instance), instance.pk)


def on_page_copied(page, copy) -> None:
    """Give a copy the original's states (called from the ``after_copy_page`` hook and ``Page.copy``)."""
    content_type = registry.content_type_for(Page)
    states = TranslationState.objects.filter(content_type=content_type, object_id=page.pk)
    TranslationState.objects.filter(content_type=content_type, object_id=copy.pk).delete()
    TranslationState.objects.bulk_create(
        [
            TranslationState(
                content_type=content_type,
                object_id=copy.pk,
                lang=s.lang,
                field=s.field,
                source_fingerprint=s.source_fingerprint,
                source_text=s.source_text,
                translated_fingerprint=s.translated_fingerprint,
                history=s.history,
            )
            for s in states
        ]
    )
    status.refresh(type(copy)._base_manager.get(pk=copy.pk).specific)


def connect():
    changes.content_changed.connect(on_change, dispatch_uid="translations-status")
    for model in registry.tracked_models():
        post_save.connect(on_save, sender=model, dispatch_uid=f"translations-saved-{model._meta.label_lower}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"translations-deleted-{model._meta.label_lower}")
