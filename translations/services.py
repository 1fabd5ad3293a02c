"""Writes of the translators' workspace: review marks (the per-language readiness a single publish for all
languages lacks)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms import changes, languages

from . import registry, status
from .models import ReviewMark


def _announce(obj, code: str) -> None:
    """Readers' answers change (the language version appears or disappears): tell every listener."""
    if isinstance(obj, Page):
        changes.emit(
            changes.Change(
                changes.SAVED,
                page_ids=frozenset({obj.pk}),
                languages=frozenset({code}),
                obj=obj,
                model=obj._meta.label_lower,
            )
        )
    else:
        status.refresh(obj)


def _check(obj, code: str) -> None:
    if code not in languages.enabled_codes():
        raise ValidationError(f"{code!r} is not an enabled language.")
    if code == languages.source_code():
        raise ValidationError("The source language cannot be marked for review: every translation depends on it.")
    if registry.kind_of(type(obj)) is None:
        raise ValidationError(f"{obj._meta.verbose_name} has no translations.")


def mark_for_review(obj, code: str, user=None, note: str = "") -> ReviewMark:
    """Mark the ``code`` version of ``obj`` as needing review: served as not available (the fallback applies
    and is marked) until cleared."""
    _check(obj, code)
    mark, _ = ReviewMark.objects.update_or_create(
        content_type=registry.content_type_for(type(obj)),
        object_id=obj.pk,
        lang=code,
        defaults={"marked_by": user, "note": note[:255]},
    )
    obj.__dict__.pop("_translation_reviews", None)
    status.refresh(obj)
    _announce(obj, code)
    return mark


def clear_review(obj, code: str) -> bool:
    _check(obj, code)
    deleted, _ = ReviewMark.objects.filter(
        content_type=registry.content_type_for(type(obj)), object_id=obj.pk, lang=code
    ).delete()
    obj.__dict__.pop("_translation_reviews", None)
    status.refresh(obj)
    _announce(obj, code)
    return bool(deleted)
