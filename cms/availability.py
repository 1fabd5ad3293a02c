"""One availability rule: whether a text is written in a language, and whether an item exists in a
language. The same rule in Python (for objects already loaded) and in SQL (for filters and ordering), used by
``translations[]``, ``translated=only``, ordering by title, search, feeds and the sitemap.

An item exists in a language when its version there is complete, or partial with the title and the summary
written (a card can be shown), and is not marked "needs review" by an editor or translator. In practice:
the title is written in that language; the summary too whenever the source language has one; and no review
mark. Review marks and the per-field status live in the ``translations`` app (``translations.status``):
Python reads the marks (once per object, or primed in bulk), SQL excludes the item-language pairs whose
stored status says "not available" (``TranslationStatus``, refreshed on every change).

A value is *written* when it holds something a reader can see: not ``None``, not whitespace, not rich text
whose markup encloses nothing (``<p> </p>``), not a stream whose blocks are all empty. Saving normalises
blank translations to empty (``cms.pages``, snippets), so the SQL side only has to recognise empty and
whitespace-only columns.
"""

from __future__ import annotations

import html
import re

from django.apps import apps
from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname

TAG = re.compile(r"<[^>]*>")
# Rich text that encloses only images or embeds still shows something.
VISIBLE_ELEMENT = re.compile(r"<(embed|img|iframe)\b", re.IGNORECASE)
# Whitespace as both databases and Python must see it (PostgreSQL's \s alone misses the no-break and
# zero-width spaces that pasted text brings).
BLANK_CHARACTERS = r"[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]"
BLANK_SQL = rf"^{BLANK_CHARACTERS}*$"
BLANK = re.compile(BLANK_SQL)


def own_value(obj, field: str, code: str):
    """The value of ``field`` written in ``code`` itself (its own column), or None."""
    return getattr(obj, build_localized_fieldname(field, code), None)


def written(value) -> bool:
    """Whether ``value`` holds something a reader can see."""
    if value is None:
        return False
    if isinstance(value, str):
        if "<" in value:
            if VISIBLE_ELEMENT.search(value):
                return True
            value = html.unescape(TAG.sub("", value))
        return BLANK.match(value) is None
    if hasattr(value, "source") and isinstance(getattr(value, "source", None), str):  # RichText
        return written(value.source)
    if hasattr(value, "raw_data") or isinstance(value, (list, tuple)):  # StreamValue, ListValue
        return any(written(getattr(child, "value", child)) for child in value)
    if isinstance(value, dict):  # StructValue
        return any(written(child) for child in value.values())
    return True  # a number, a date, a chosen image or document


KEY_FIELDS = ("title", "summary")


def _tracks_translations() -> bool:
    return apps.is_installed("translations")


def review_codes(obj) -> frozenset[str]:
    """Languages of ``obj`` marked "needs review" (one query per object, unless primed in bulk by
    ``translations.status.entries_for``)."""
    cached = obj.__dict__.get("_translation_reviews")
    if cached is not None:
        return cached
    codes: frozenset[str] = frozenset()
    if _tracks_translations() and obj.pk is not None:
        from translations.models import ReviewMark
        from translations.registry import content_type_for

        marks = ReviewMark.objects.filter(content_type=content_type_for(type(obj)), object_id=obj.pk)
        codes = frozenset(marks.values_list("lang", flat=True))
    obj.__dict__["_translation_reviews"] = codes
    return codes


def prime_review_codes(objects) -> None:
    """Load the review marks of many objects of one kind in one query, for :func:`review_codes`."""
    objects = [obj for obj in objects if obj.pk is not None and "_translation_reviews" not in obj.__dict__]
    if not objects or not _tracks_translations():
        return
    from translations.models import ReviewMark
    from translations.registry import content_type_for

    marks: dict = {}
    rows = ReviewMark.objects.filter(
        content_type=content_type_for(type(objects[0])), object_id__in=[obj.pk for obj in objects]
    ).values_list("object_id", "lang")
    for object_id, lang in rows:
        marks.setdefault(object_id, set()).add(lang)
    for obj in objects:
        obj.__dict__["_translation_reviews"] = frozenset(marks.get(obj.pk, ()))


def is_available(obj, code: str) -> bool:
    """An item exists in a language when its title is written there, its summary too whenever the source
    language has one (complete, or partial with title and summary), and it is not marked for review."""
    from cms import languages

    if not written(own_value(obj, "title", code)):
        return False
    source = languages.source_code()
    if code != source:
        for name in KEY_FIELDS[1:]:
            if written(own_value(obj, name, source)) and not written(own_value(obj, name, code)):
                return False
    return code not in review_codes(obj)


def written_q(field: str, code: str, prefix: str = "") -> Q:
    """SQL counterpart of :func:`written` for a text column: not NULL, not empty, not only whitespace."""
    column = prefix + build_localized_fieldname(field, code)
    return Q(**{f"{column}__isnull": False}) & ~Q(**{f"{column}__regex": BLANK_SQL})


def available_q(code: str, prefix: str = "") -> Q:
    """SQL counterpart of :func:`is_available` for page querysets: the title written in the row, and the
    page-language pair not stored as unavailable (summary missing, or marked for review)."""
    condition = written_q("title", code, prefix)
    if _tracks_translations():
        from translations.models import PAGE, TranslationStatus

        unavailable = TranslationStatus.objects.filter(kind=PAGE, lang=code, available=False).values("object_id")
        condition &= ~Q(**{f"{prefix}pk__in": unavailable})
    return condition


def blank_to_empty(obj, fields, codes) -> None:
    """Store blank translations (whitespace, empty rich text) as empty, so SQL and Python agree."""
    for field in fields:
        for code in codes:
            name = build_localized_fieldname(field, code)
            value = getattr(obj, name, None)
            if isinstance(value, str) and value and not written(value):
                model_field = obj._meta.get_field(name)
                setattr(obj, name, None if model_field.null else "")


def _normalise_blank_translations(sender, instance, raw=False, **kwargs):
    from modeltranslation.translator import NotRegistered, translator

    from cms import languages

    try:
        fields = translator.get_options_for_model(sender).all_fields
    except NotRegistered:
        return
    blank_to_empty(instance, fields, languages.enabled_codes())


def connect():
    """Every model with translated fields stores blank translations as empty (registration happens after
    this app is ready, so the receiver looks the model up when it saves)."""
    from django.db.models.signals import pre_save

    pre_save.connect(_normalise_blank_translations, dispatch_uid="cms-blank-translations")
