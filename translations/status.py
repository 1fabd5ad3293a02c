"""Status of each language version of an item, from its content and the stored fingerprints.

Rule, per language other than the source and per tracked field whose source text is written:

- the field is *missing* when the language has no text for it;
- it is *outdated* when the translation is the one last seen (same fingerprint) but the source text has
  changed since that translation was written (source fingerprint differs from the stored one);
- a translation seen for the first time, or changed since last seen, counts as written against today's source
  (it was brought up to date now); a translation seen before (a reverted revision) is judged against the
  source it was written for, which ``TranslationState.history`` remembers.

The item's status in a language: ``missing`` when no field is written, ``outdated`` when any field is
outdated (stale text is worse than a gap, so it comes first), ``partial`` when any field is missing,
else ``complete``. The source language is ``complete`` when its key fields are written, else ``missing``.

What counts is the content the object holds: for a page, its row, i.e. the live version once published
(drafts live in revisions and are not what readers get; the edit form shows the draft's own status).
:func:`refresh` is called by ``translations.signals`` after every change and writes the states and the
denormalised :class:`TranslationStatus` rows; :func:`evaluate` only reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from cms import languages
from cms.availability import written

from . import registry
from .fingerprints import display_text, fingerprint
from .models import COMPLETE, MISSING, OUTDATED, PAGE, PARTIAL, ReviewMark, TranslationState, TranslationStatus

HISTORY_SIZE = 20


@dataclass
class LanguageStatus:
    lang: str
    status: str
    outdated_fields: list[str] = field(default_factory=list)
    missing_fields: list[str] = field(default_factory=list)
    needs_review: bool = False
    available: bool = False


@dataclass
class Evaluation:
    languages: dict[str, LanguageStatus]
    # States to write: {(lang, field): (source fingerprint, source text, translated fingerprint)} for
    # translations brought up to date by this content.
    updates: dict = field(default_factory=dict)


def value_of(obj, name: str, code: str):
    return getattr(obj, build_localized_fieldname(name, code), None)


def _states_key(obj):
    return registry.content_type_for(type(obj)).pk, obj.pk


def evaluate(obj, states: dict | None = None, reviews: set[str] | None = None) -> Evaluation:
    """The status of ``obj`` in every enabled language. ``states`` maps ``(lang, field)`` to the stored
    :class:`TranslationState` (loaded when None); ``reviews`` the languages marked for review."""
    model = type(obj)
    if states is None or reviews is None:
        loaded_states, loaded_reviews = load([obj])
        states = loaded_states.get(obj.pk, {}) if states is None else states
        reviews = loaded_reviews.get(obj.pk, set()) if reviews is None else reviews
    source = languages.source_code()
    fields = registry.fields_of(model)
    keys = registry.key_fields(model)
    sources = {name: value_of(obj, name, source) for name in fields}
    to_translate = [name for name in fields if written(sources[name])]
    source_prints = {name: fingerprint(sources[name]) for name in to_translate}
    result = Evaluation(languages={})
    for code in languages.enabled_codes():
        if code == source:
            ok = bool(keys) and written(sources[keys[0]])
            result.languages[code] = LanguageStatus(code, COMPLETE if ok else MISSING, available=ok)
            continue
        missing, outdated, done = [], [], 0
        for name in to_translate:
            value = value_of(obj, name, code)
            if not written(value):
                missing.append(name)
                continue
            done += 1
            translated = fingerprint(value)
            state = states.get((code, name))
            if state is None:
                written_for = None
            elif state.translated_fingerprint == translated:
                written_for = state.source_fingerprint
            else:
                written_for = (state.history or {}).get(translated)
            if written_for is None:  # new to us: written against today's source
                result.updates[(code, name)] = (source_prints[name], sources[name], translated)
            elif written_for != source_prints[name]:
                outdated.append(name)
            elif state.translated_fingerprint != translated:  # a reverted, up-to-date translation
                result.updates[(code, name)] = (source_prints[name], sources[name], translated)
        if to_translate and done == 0:
            status = MISSING
        elif outdated:
            status = OUTDATED
        elif missing:
            status = PARTIAL
        else:
            status = COMPLETE
        # The availability rule of ``cms.availability``: the first key field (title, name) written, every
        # other key field with source text written too, and no review mark.
        has_keys = bool(keys) and written(value_of(obj, keys[0], code))
        has_keys = has_keys and all(written(value_of(obj, name, code)) for name in keys[1:] if name in to_translate)
        review = code in reviews
        result.languages[code] = LanguageStatus(
            code,
            status,
            outdated_fields=outdated,
            missing_fields=missing,
            needs_review=review,
            available=has_keys and not review,
        )
    return result


def load(objects) -> tuple[dict, dict]:
    """States and review marks of many objects of one kind at once (two queries):
    ``({pk: {(lang, field): state}}, {pk: {lang, ...}})``."""
    objects = list(objects)
    if not objects:
        return {}, {}
    content_type = registry.content_type_for(type(objects[0]))
    pks = [obj.pk for obj in objects]
    states: dict = defaultdict(dict)
    for state in TranslationState.objects.filter(content_type=content_type, object_id__in=pks):
        states[state.object_id][(state.lang, state.field)] = state
    reviews: dict = defaultdict(set)
    for object_id, lang in ReviewMark.objects.filter(content_type=content_type, object_id__in=pks).values_list(
        "object_id", "lang"
    ):
        reviews[object_id].add(lang)
    return states, reviews


def _section(obj) -> str:
    if isinstance(obj, Page):
        parent = obj.get_parent() if obj.depth and obj.depth > 1 else None
        if parent is not None and parent.depth > 2:
            return (value_of(parent, "title", languages.source_code()) or parent.title or "")[:100]
        return ""
    return str(obj._meta.verbose_name_plural)[:100]


def _label(obj) -> str:
    source = languages.source_code()
    for name in ("title", "name", "organisation_name"):
        value = value_of(obj, name, source)
        if written(value):
            return str(value)[:255]
    if registry.kind_of(type(obj)) == "image":
        return obj.title[:255]
    return str(obj)[:255]


@transaction.atomic
def refresh(obj) -> Evaluation:
    """Bring the stored states and statuses of ``obj`` up to date with its content (a few queries)."""
    model = type(obj)
    kind = registry.kind_of(model)
    if kind is None or obj.pk is None:
        return Evaluation(languages={})
    content_type = registry.content_type_for(model)
    states_by_obj, reviews_by_obj = load([obj])
    states, reviews = states_by_obj.get(obj.pk, {}), reviews_by_obj.get(obj.pk, set())
    result = evaluate(obj, states, reviews)
    new, changed = [], []
    for (code, name), (source_print, source_value, translated) in result.updates.items():
        state = states.get((code, name))
        if state is None:
            new.append(
                TranslationState(
                    content_type=content_type,
                    object_id=obj.pk,
                    lang=code,
                    field=name,
                    source_fingerprint=source_print,
                    source_text=display_text(source_value),
                    translated_fingerprint=translated,
                    history={translated: source_print},
                )
            )
            continue
        history = dict(state.history or {})
        history.pop(translated, None)
        history[translated] = source_print
        state.history = dict(list(history.items())[-HISTORY_SIZE:])
        state.source_fingerprint, state.translated_fingerprint = source_print, translated
        state.source_text = display_text(source_value)
        changed.append(state)
    TranslationState.objects.bulk_create(new)
    if changed:
        TranslationState.objects.bulk_update(
            changed, ["source_fingerprint", "source_text", "translated_fingerprint", "history", "updated_at"]
        )
    _write_statuses(obj, kind, content_type, result)
    return result


def _write_statuses(obj, kind, content_type, result: Evaluation) -> None:
    source = languages.source_code()
    common = {
        "kind": kind,
        "model": registry.model_label(type(obj)),
        "label": _label(obj),
        "section": _section(obj),
        "item_date": getattr(obj, "date", None) if kind == PAGE else None,
        "live": getattr(obj, "live", True),
        "has_unpublished_changes": getattr(obj, "has_unpublished_changes", False),
    }
    existing = {row.lang: row for row in TranslationStatus.objects.filter(content_type=content_type, object_id=obj.pk)}
    for code, entry in result.languages.items():
        if code == source:
            continue
        values = {
            **common,
            "status": entry.status,
            "outdated_fields": entry.outdated_fields,
            "missing_fields": entry.missing_fields,
            "needs_review": entry.needs_review,
            "available": entry.available,
        }
        row = existing.pop(code, None)
        if row is None:
            TranslationStatus.objects.create(content_type=content_type, object_id=obj.pk, lang=code, **values)
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    if existing:  # languages switched off
        TranslationStatus.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()


def forget(model, pk: int) -> None:
    """An item was deleted: its states, statuses and review marks go with it."""
    content_type = registry.content_type_for(model)
    for table in (TranslationState, TranslationStatus, ReviewMark):
        table.objects.filter(content_type=content_type, object_id=pk).delete()


# -- the API ------------------------------------------------------------------------------------------------


def entries_for(pages) -> dict[int, dict[str, dict]]:
    """``{page id: {lang: {"status", "outdated_fields", "available"}}}`` for many pages of any types, with
    two queries in all (states and review marks), so a list never costs a query per item. The review marks
    are also remembered on each page for :func:`cms.availability.is_available`."""
    pages = list(pages)
    if not pages:
        return {}
    states, reviews = load(pages)
    result = {}
    for page in pages:
        page.__dict__["_translation_reviews"] = frozenset(reviews.get(page.pk, ()))
        evaluation = evaluate(page, states.get(page.pk, {}), reviews.get(page.pk, set()))
        result[page.pk] = {
            code: {"status": entry.status, "outdated_fields": entry.outdated_fields, "available": entry.available}
            for code, entry in evaluation.languages.items()
        }
    return result


def translation_entries(page) -> dict[str, dict]:
    """The keys each ``translations[]`` entry of ``page`` gains: ``{lang: {"status", "outdated_fields"}}``."""
    cached = page.__dict__.get("_translation_entries")
    if cached is None:
        cached = entries_for([page])[page.pk]
    return {code: {"status": e["status"], "outdated_fields": e["outdated_fields"]} for code, e in cached.items()}


def prime(pages) -> None:
    """Load the translation entries of a list of pages in bulk (for lists that show ``translations[]``)."""
    pages = list(pages)
    entries = entries_for(pages)
    for page in pages:
        page.__dict__["_translation_entries"] = entries[page.pk]
