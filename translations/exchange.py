"""Files for outside translators: export a language's work as PO or XLIFF, import the translated file back.

One entry per translatable text: a plain field (``topic:7:name``, ``page:12:summary``) or a text inside a
stream block, named by the source block's id (``page:12:body:<block id>``, ``page:12:body:<id>:caption``,
``page:12:body:<id>:<item id>:label``). Each entry carries the fingerprint of its source text
(``translations.fingerprints``), so a file translated against a source that has changed since is caught.
Rich text travels with numbered placeholders (``translations.markup``; XLIFF ``<g>``/``<x/>``).

Import validates the whole file first and applies nothing if anything is wrong: an unknown id, a file in
another language, broken placeholders, a translation written against a source changed since the export.
Then each affected page gets a new draft revision (never a publish: the live page is unchanged until an
editor publishes), and each snippet, image or settings object saves only the target language's columns.
An empty or fuzzy translation is no translation (the stored one stays); a translation equal to the stored
one changes nothing.

Pages are read as their latest revision (what editors and translators work on), so the export shows the
draft's source and a new draft builds on it. Formats are read and written by polib and translate-toolkit.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page

from cms import languages
from cms.availability import written

from . import markup, registry
from .fingerprints import display_text, fingerprint, plain
from .models import STATUSES, TranslationStatus

PO, XLIFF = "po", "xliff"
FORMATS = (PO, XLIFF)
FINGERPRINT_NOTE = "fingerprint"
CONTEXT_NOTE = "developer"
ORIGINAL = "aso-cms"
# XLIFF target states of a text not ready to use (a tool's copy of the source, a draft): like a fuzzy PO entry.
UNFINISHED_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation"}


class ExchangeError(ValueError):
    """A file or a request that cannot be read at all (not PO or XLIFF, no language...)."""


# -- what is translated, and where it sits -------------------------------------------------------------------


def kinds() -> dict[str, type]:
    """Id prefix → model: ``page`` for every page type (page ids are unique across types), the model name
    for snippets and settings, ``image`` for alt texts."""
    result: dict[str, type] = {"page": Page}
    for model in (*registry.snippet_models(), *registry.settings_models()):
        result[model._meta.model_name] = model
    for model in registry.image_models():
        result["image"] = model
    return result


def prefix_of(obj) -> str:
    if isinstance(obj, Page):
        return "page"
    if type(obj) in registry.image_models():
        return "image"
    return obj._meta.model_name


@dataclass
class Leaf:
    """One translatable text of an object: its id, source text and the target's counterpart."""

    id: str
    field: str
    source: str
    rich: bool
    label: str  # where it is, for the translator: "body › paragraph"
    holder: object = None  # the target container holding the translation (None: no counterpart)
    key: object = None
    block: object = None  # the stream block of the text (None for a plain field)

    @property
    def current(self) -> str:
        if self.holder is None:
            return ""
        try:
            value = self.holder[self.key]
        except (KeyError, IndexError, TypeError):
            return ""
        return value if isinstance(value, str) else ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.source)


def _is_text(block) -> tuple[bool, bool]:
    """(carries text, is rich text). Embeds and URLs are not text to translate."""
    if isinstance(block, blocks.RichTextBlock):
        return True, True
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return True, False
    return False, False


def _items(value) -> list[tuple[str | None, object, object, object]]:
    """A list block's items as ``(id, value, holder, key)`` (the newer form has ids, the older does not)."""
    result = []
    for index, item in enumerate(value or []):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            result.append((item.get("id"), item["value"], item, "value"))
        else:
            result.append((None, item, value, index))
    return result


def _match(source_ids_types: list, target: list) -> list:
    """The target counterpart of each source child: the child with the same id, else (no id shared at all)
    the child at the same position when both have the same sequence of types."""
    by_id = {t[0]: t for t in target if t[0] is not None}
    matched = [by_id.get(s[0]) if s[0] is not None else None for s in source_ids_types]
    matched = [m if m is not None and m[3] == s[3] else None for s, m in zip(source_ids_types, matched, strict=True)]
    if not any(matched) and [s[3] for s in source_ids_types] == [t[3] for t in target]:
        matched = list(target)
    return matched


def _walk(block, source, target_holder, target_key, path: list[str], names: list[str]) -> Iterator[Leaf]:
    """Every text of ``source`` (raw stream data) under ``block``, paired with the same place in the target."""
    target = None
    if target_holder is not None:
        try:
            target = target_holder[target_key]
        except (KeyError, IndexError, TypeError):
            target_holder = None
    is_text, rich = _is_text(block)
    if is_text:
        if isinstance(source, str) and written(source):
            yield Leaf(":".join(path), "", source, rich, " › ".join(names), target_holder, target_key, block)
        return
    if isinstance(block, blocks.StructBlock):
        if not isinstance(source, dict):
            return
        for name, child in block.child_blocks.items():
            if name in source:
                holder = target if isinstance(target, dict) else None
                yield from _walk(child, source[name], holder, name, [*path, name], [*names, str(child.label)])
        return
    if isinstance(block, blocks.ListBlock):
        # (id, value, (holder, key), type): a list's items all have one type.
        sources = [(i, v, (h, k), "item") for i, v, h, k in _items(source)]
        targets = [(i, v, (h, k), "item") for i, v, h, k in _items(target)] if isinstance(target, list) else []
        matched = _match(sources, targets)
        for index, (item, counterpart) in enumerate(zip(sources, matched, strict=True)):
            holder, key = counterpart[2] if counterpart else (None, None)
            yield from _walk(block.child_block, item[1], holder, key, [*path, item[0] or str(index)], names)
        return
    if isinstance(block, blocks.StreamBlock):
        yield from _walk_stream(block, source, target if isinstance(target, list) else None, path, names)


def _children(stream: list) -> list[tuple]:
    return [(c.get("id"), c.get("value"), c, c.get("type")) for c in stream or [] if isinstance(c, dict)]


def _walk_stream(block, source: list, target: list | None, path, names) -> Iterator[Leaf]:
    sources = _children(source)
    matched = _match(sources, _children(target)) if target is not None else [None] * len(sources)
    for child, counterpart in zip(sources, matched, strict=True):
        child_block = block.child_blocks.get(child[3])
        if child_block is None or child[0] is None:
            continue
        holder = counterpart[2] if counterpart else None
        yield from _walk(child_block, child[1], holder, "value", [*path, child[0]], [*names, str(child_block.label)])


def _raw(value) -> list:
    return copy.deepcopy(list(value.raw_data)) if value is not None and hasattr(value, "raw_data") else []


def _localized(name: str, code: str) -> str:
    return build_localized_fieldname(name, code)


def leaves(obj, code: str, targets: dict | None = None) -> list[Leaf]:
    """Every translatable text of ``obj`` with its ``code`` counterpart. ``targets`` receives, per stream
    field, the raw target stream the leaves point into (a copy: writing a leaf does not touch ``obj``)."""
    source_code = languages.source_code()
    model = type(obj)
    prefix = f"{prefix_of(obj)}:{obj.pk}"
    result: list[Leaf] = []
    for name in registry.fields_of(model):
        source = getattr(obj, _localized(name, source_code), None)
        if not written(source):
            continue
        model_field = model._meta.get_field(_localized(name, source_code))
        label = str(model._meta.get_field(name).verbose_name)
        if isinstance(model_field, StreamField):
            target = _raw(getattr(obj, _localized(name, code), None))
            if targets is not None:
                targets[name] = target
            found = _walk_stream(model_field.stream_block, _raw(source), target, [prefix, name], [label])
            for leaf in found:
                leaf.field = name
                result.append(leaf)
        else:
            holder = {name: getattr(obj, _localized(name, code), None) or ""}
            result.append(Leaf(f"{prefix}:{name}", name, str(source), False, label, holder, name))
    return result


def working_copy(obj):
    """What translators work on: a page's latest revision (the live row when there is no newer draft)."""
    if isinstance(obj, Page):
        page = obj.specific
        if page.has_unpublished_changes and page.latest_revision_id:
            return page.get_latest_revision_as_object()
        return page
    return obj


def objects_for(code: str, statuses: Iterable[str] | None = None, user=None) -> Iterator:
    """Every translatable object, pages first in tree order; with ``statuses``, only those whose status
    in ``code`` is one of them; with ``user``, only those they may edit (nothing else leaves the admin)."""
    wanted = None
    if statuses:
        rows = TranslationStatus.objects.filter(lang=code, status__in=list(statuses))
        wanted = {}
        for content_type_id, object_id in rows.values_list("content_type_id", "object_id"):
            wanted.setdefault(content_type_id, set()).add(object_id)
    page_type = registry.content_type_for(Page).pk
    pages = Page.objects.type(*registry.page_models()).order_by("path")
    if wanted is not None:
        pages = pages.filter(pk__in=wanted.get(page_type, ()))
    if user is not None:
        pages = pages.filter(pk__in=_policy(Page).instances_user_has_permission_for(user, "change").values("pk"))
    for page in pages.specific().iterator(chunk_size=200):
        yield working_copy(page)
    for model in (*registry.snippet_models(), *registry.settings_models(), *registry.image_models()):
        queryset = model._default_manager.order_by("pk")
        if wanted is not None:
            queryset = queryset.filter(pk__in=wanted.get(registry.content_type_for(model).pk, ()))
        if user is not None:
            if model in registry.image_models():
                editable = _policy(model).instances_user_has_permission_for(user, "change")
                queryset = queryset.filter(pk__in=editable.values("pk"))
            elif not user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
                continue
        yield from queryset.iterator(chunk_size=500)


def _policy(model):
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(model)


def _item_label(obj) -> str:
    source = languages.source_code()
    for name in ("title", "name", "organisation_name"):
        value = getattr(obj, _localized(name, source), None) if hasattr(obj, name) else None
        if value:
            return str(value)
    return str(getattr(obj, "title", "") or obj)


# -- writing --------------------------------------------------------------------------------------------------


@dataclass
class ExportEntry:
    id: str
    source: str  # with placeholders when rich
    translation: str  # with the same placeholders; "" when none (or its markup differs from the source's)
    fingerprint: str
    context: str
    tags: dict = field(default_factory=dict)
    mismatch: str = ""  # the stored translation, as plain text, when it could not be written with placeholders


def export_entries(code: str, statuses: Iterable[str] | None = None, user=None) -> Iterator[ExportEntry]:
    check_language(code)
    for obj in objects_for(code, statuses, user):
        item = f"{obj._meta.verbose_name}: {_item_label(obj)}"
        for leaf in leaves(obj, code):
            context = f"{item} — {leaf.label}"
            if not leaf.rich:
                yield ExportEntry(leaf.id, leaf.source, leaf.current, leaf.fingerprint, context)
                continue
            source, tags = markup.to_placeholders(leaf.source)
            current = leaf.current
            translation = markup.placeholders_for(current, tags) if written(current) else ""
            mismatch = ""
            if translation is None:
                translation, mismatch = "", plain(current)
            yield ExportEntry(leaf.id, source, translation, leaf.fingerprint, context, tags, mismatch)


def _header(code: str) -> dict:
    return {
        "Project-Id-Version": ORIGINAL,
        "Language": code,
        "X-Source-Language": languages.source_code(),
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def write_po(code: str, entries: Iterable[ExportEntry]) -> bytes:
    po = polib.POFile(wrapwidth=0)
    po.metadata = _header(code)
    for entry in entries:
        comment = f"{entry.context}\nfingerprint: {entry.fingerprint}"
        if entry.tags:
            comment += "\n" + _("Keep each numbered placeholder such as <1>…</1> or <2/> once, around its words.")
        if entry.mismatch:
            comment += "\n" + _("Current translation (its markup differs from the source): %(text)s") % {
                "text": entry.mismatch
            }
        po.append(polib.POEntry(msgctxt=entry.id, msgid=entry.source, msgstr=entry.translation, comment=comment))
    return str(po).encode()


def _rich(text: str) -> list:
    """Placeholder text as XLIFF inline elements: ``<g id="n">`` for a pair, ``<x id="n"/>`` for a void tag."""
    root = StringElem([])
    stack = [root]
    position = 0
    for match in markup.PLACEHOLDER.finditer(text):
        if match.start() > position:
            stack[-1].sub.append(_plain(text[position : match.start()]))
        position = match.end()
        closing, number, void = match.group(1) == "/", match.group(2), match.group(3) == "/"
        if closing:
            stack.pop()
        elif void:
            stack[-1].sub.append(inline.X(id=number))
        else:
            element = inline.G(id=number, sub=[])
            stack[-1].sub.append(element)
            stack.append(element)
    if position < len(text):
        stack[-1].sub.append(_plain(text[position:]))
    return [root]


def _plain(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">")


def write_xliff(code: str, entries: Iterable[ExportEntry]) -> bytes:
    store = xliff.xlifffile(sourcelanguage=languages.source_code(), targetlanguage=code)
    store.setfilename(store.getfilenode("NoName"), ORIGINAL)
    for entry in entries:
        unit = store.UnitClass(entry.source)
        store.addunit(unit)
        unit.setid(entry.id)
        if entry.tags:
            unit.rich_source = _rich(entry.source)
            if entry.translation:
                unit.rich_target = _rich(entry.translation)
        else:
            unit.source = entry.source
            if entry.translation:
                unit.target = entry.translation
        unit.addnote(entry.context, origin=CONTEXT_NOTE)
        if entry.mismatch:
            unit.addnote(entry.mismatch, origin="current-translation")
        unit.addnote(entry.fingerprint, origin=FINGERPRINT_NOTE)
    return bytes(store)


def export(code: str, fmt: str = PO, statuses: Iterable[str] | None = None, user=None) -> bytes:
    """The file for translating into ``code``: every item (or those with one of ``statuses`` there; with
    ``user``, those they may edit)."""
    if fmt not in FORMATS:
        raise ExchangeError(_("Unknown format %(format)s: use po or xliff.") % {"format": fmt})
    statuses = list(statuses or [])
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise ExchangeError(
            _("Unknown status %(status)s: use %(choices)s.") % {"status": unknown[0], "choices": ", ".join(STATUSES)}
        )
    entries = export_entries(code, statuses, user)
    return write_po(code, entries) if fmt == PO else write_xliff(code, entries)


def filename(code: str, fmt: str) -> str:
    return f"translations-{code}-{datetime.date.today():%Y-%m-%d}.{'xlf' if fmt == XLIFF else 'po'}"


def check_language(code: str) -> None:
    if code not in languages.enabled_codes():
        raise ExchangeError(_("%(code)s is not an enabled language.") % {"code": code})
    if code == languages.source_code():
        message = _("%(code)s is the source language: there is nothing to translate into it.")
        raise ExchangeError(message % {"code": code})


# -- reading --------------------------------------------------------------------------------------------------


@dataclass
class FileEntry:
    id: str
    translation: str  # with placeholders; "" for none
    fingerprint: str
    fuzzy: bool = False
    plain: str | None = None  # the target as plain text (XLIFF), for fields that are not rich text


@dataclass
class ParsedFile:
    format: str
    lang: str
    source_lang: str
    entries: list[FileEntry]


def parse(content: bytes) -> ParsedFile:
    """A PO or XLIFF file (told apart by its content), or :class:`ExchangeError`."""
    head = content.lstrip()[:200]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"<"):
        return _parse_xliff(content)
    return _parse_po(content)


def _unreadable(error) -> str:
    return _("This is not a PO or XLIFF file that can be read: %(error)s") % {"error": error}


def _parse_po(content: bytes) -> ParsedFile:
    try:
        po = polib.pofile(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, OSError, ValueError) as error:
        raise ExchangeError(_unreadable(error)) from error
    entries = []
    for entry in po:
        if entry.obsolete:
            continue
        found = ""
        for line in (entry.comment or "").splitlines():
            if line.startswith("fingerprint:"):
                found = line.split(":", 1)[1].strip()
        entries.append(FileEntry(entry.msgctxt or "", entry.msgstr or "", found, "fuzzy" in entry.flags))
    return ParsedFile(PO, po.metadata.get("Language", ""), po.metadata.get("X-Source-Language", ""), entries)


def _from_rich(elements) -> str:
    """XLIFF inline elements back to placeholder text; any element other than ``<g>``/``<x/>`` is refused."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, str):
            out.append(node.replace("<", "&lt;").replace(">", "&gt;"))
            return
        if isinstance(node, inline.G):
            out.append(f"<{node.id}>")
            for child in node.sub:
                walk(child)
            out.append(f"</{node.id}>")
        elif isinstance(node, inline.X):
            out.append(f"<{node.id}/>")
        elif type(node) is StringElem:
            for child in node.sub:
                walk(child)
        else:
            raise markup.MarkupError(
                _("Inline element %(name)s is not allowed: keep the <g> and <x/> of the source.")
                % {"name": type(node).__name__.lower()}
            )

    for element in elements or []:
        walk(element)
    return "".join(out)


def _parse_xliff(content: bytes) -> ParsedFile:
    try:
        store = xliff.xlifffile.parsestring(content)
    except Exception as error:  # lxml's and translate-toolkit's many parse errors
        raise ExchangeError(_unreadable(error)) from error
    entries = []
    for unit in store.unit_iter():
        entry_id = unit.xmlelement.get("id") or ""
        found = "".join(unit.getnotes(origin=FINGERPRINT_NOTE).split())
        try:
            text = _from_rich(unit.rich_target) if unit.target else ""
        except markup.MarkupError as error:
            text = f"\x00{error}"  # reported with the entry's id by validation
        target = unit.xmlelement.find(unit.namespaced("target"))
        unfinished = target is not None and target.get("state") in UNFINISHED_STATES
        entries.append(FileEntry(entry_id, text, found, fuzzy=unfinished, plain=unit.target or ""))
    return ParsedFile(XLIFF, store.gettargetlanguage() or "", store.getsourcelanguage() or "", entries)


# -- validating and applying ------------------------------------------------------------------------------------


UNKNOWN, LANGUAGE, MARKUP, STALE = "unknown", "language", "markup", "stale"
PERMISSION, INVALID = "permission", "invalid"


@dataclass
class Problem:
    id: str
    kind: str
    message: str


@dataclass
class FieldChange:
    field: str  # the translated field (``summary``)
    column: str  # its column in the target language (``summary_ku``)
    old: str
    new: str
    value: object = None  # what is written (a raw stream for stream fields)


@dataclass
class ItemChange:
    obj: object
    label: str
    kind: str
    fields: list[FieldChange]


@dataclass
class Plan:
    lang: str
    format: str
    entries: int = 0
    translated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: list[ItemChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def digest(self) -> str:
        """Identifies what would be written, so a confirmation applies what was previewed and nothing else."""
        parts = [f"{c.obj._meta.label}:{c.obj.pk}:{f.column}:{f.new}" for c in self.changes for f in c.fields]
        return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


def _key(entry_id: str) -> tuple[str, int] | None:
    parts = entry_id.split(":")
    if len(parts) < 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def _load_all(entries: list[FileEntry]) -> dict:
    """``{(prefix, pk): working copy}`` of every object the entries name, a few queries per kind (a file of
    a thousand items must not cost two thousand queries). Unknown objects are left out."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        key = _key(entry.id)
        if key is not None:
            wanted.setdefault(key[0], set()).add(key[1])
    found: dict = {}
    models = kinds()
    for prefix, pks in wanted.items():
        model = models.get(prefix)
        if model is None:
            continue
        if model is Page:
            pages = Page.objects.type(*registry.page_models()).filter(pk__in=pks).specific()
            objects = (working_copy(page) for page in pages.iterator(chunk_size=200))
        else:
            objects = model._default_manager.filter(pk__in=pks).iterator(chunk_size=500)
        for obj in objects:
            found[(prefix, obj.pk)] = obj
    return found


def _may_edit(user, obj) -> bool:
    """Pages by their page permissions, images by their collection's, the rest by model permission."""
    if user is None:
        return True
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    if type(obj) in registry.image_models():
        return _policy(type(obj)).user_has_permission_for_instance(user, "change", obj)
    return user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}")


def validate(content: bytes, lang: str | None = None, user=None) -> Plan:
    """Everything the file would change, or every problem it has (then nothing may be applied). ``lang``,
    when given, is the language the file must be in (the admin: the translator's language)."""
    parsed = parse(content)
    if not parsed.lang:
        raise ExchangeError(
            _("The file does not say which language it is in (PO: the Language header; XLIFF: target-language).")
        )
    plan = Plan(lang=parsed.lang, format=parsed.format, entries=len(parsed.entries))
    parsed.lang = languages.base_code(parsed.lang) or parsed.lang
    plan.lang = parsed.lang
    if lang is not None and parsed.lang != lang:
        plan.problems.append(
            Problem(
                "", LANGUAGE, _("The file is in %(file)s, not %(lang)s.") % {"file": parsed.lang or "?", "lang": lang}
            )
        )
        return plan
    try:
        check_language(parsed.lang)
    except ExchangeError as error:
        plan.problems.append(Problem("", LANGUAGE, str(error)))
        return plan
    if parsed.source_lang and parsed.source_lang != languages.source_code():
        plan.problems.append(
            Problem(
                "",
                LANGUAGE,
                _("The file translates from %(file)s; the source language is %(source)s.")
                % {"file": parsed.source_lang, "source": languages.source_code()},
            )
        )
        return plan
    code = parsed.lang
    objects = _load_all(parsed.entries)
    object_leaves: dict = {}  # (prefix, pk) → ({id: leaf}, {field: raw target stream})
    writes: dict = {}  # (prefix, pk) → {leaf id: new text}
    seen: set[str] = set()
    allowed: dict = {}
    for entry in parsed.entries:
        if entry.id in seen:
            plan.problems.append(Problem(entry.id, UNKNOWN, _("This id appears twice in the file.")))
            continue
        seen.add(entry.id)
        obj = objects.get(_key(entry.id))
        if obj is None:
            plan.problems.append(Problem(entry.id, UNKNOWN, _("No translatable item has this id.")))
            continue
        key = _key(entry.id)
        if key not in object_leaves:
            targets: dict = {}
            object_leaves[key] = ({leaf.id: leaf for leaf in leaves(obj, code, targets)}, targets)
        leaf = object_leaves[key][0].get(entry.id)
        field_name = entry.id.split(":")[2]
        if leaf is None and field_name not in registry.fields_of(type(obj)):
            plan.problems.append(Problem(entry.id, UNKNOWN, _("This item has no translatable field of that name.")))
            continue
        if not entry.translation or entry.fuzzy:
            continue
        plan.translated += 1
        if leaf is None:
            plan.problems.append(
                Problem(entry.id, STALE, _("This text is no longer in the source: export the file again."))
            )
            continue
        if leaf.rich and entry.translation.startswith("\x00"):
            plan.problems.append(Problem(entry.id, MARKUP, entry.translation[1:]))
            continue
        if leaf.rich:
            source_text, tags = markup.to_placeholders(leaf.source)
            try:
                new = markup.restore(entry.translation, tags)
            except markup.MarkupError as error:
                plan.problems.append(Problem(entry.id, MARKUP, str(error)))
                continue
            same = written(leaf.current) and new == markup.canonical(leaf.current)
        else:
            new = entry.translation if entry.plain is None else entry.plain
            same = new == leaf.current
        if same:
            plan.unchanged += 1
            continue
        if not entry.fingerprint:
            plan.problems.append(
                Problem(entry.id, STALE, _("The entry lost its source fingerprint: export the file again."))
            )
            continue
        if entry.fingerprint != leaf.fingerprint:
            plan.problems.append(
                Problem(
                    entry.id,
                    STALE,
                    _("The source text changed after this file was exported: export the file again."),
                )
            )
            continue
        if key not in allowed:
            allowed[key] = _may_edit(user, obj)
        if not allowed[key]:
            plan.problems.append(Problem(entry.id, PERMISSION, _("You may not edit this item.")))
            continue
        writes.setdefault(key, {})[entry.id] = new
    for key, texts in writes.items():
        plan.changes.append(_item_change(objects[key], code, texts, plan.problems))
    return plan


def _item_change(obj, code: str, texts: dict[str, str], problems: list[Problem]) -> ItemChange:
    """The fields of ``obj`` the translated texts change, with their new values (nothing written yet);
    a value the field would refuse (too long, a required text left out) is a problem."""
    targets: dict = {}
    by_field: dict[str, list[Leaf]] = {}
    leaf_list = leaves(obj, code, targets)
    for leaf in leaf_list:
        by_field.setdefault(leaf.field, []).append(leaf)
    fields = []
    source_code = languages.source_code()
    for name, field_leaves in by_field.items():
        given = {leaf.id: texts[leaf.id] for leaf in field_leaves if leaf.id in texts}
        if not given:
            continue
        column = _localized(name, code)
        old_value = getattr(obj, column, None)
        model_field = type(obj)._meta.get_field(column)
        if name not in targets:  # a plain field
            entry_id, new_text = next(iter(given.items()))
            try:
                model_field.clean(new_text, obj)
            except ValidationError as error:
                problems.append(Problem(entry_id, INVALID, " ".join(error.messages)))
                continue
            fields.append(FieldChange(name, column, str(old_value or ""), new_text, new_text))
            continue
        source_raw = _raw(getattr(obj, _localized(name, source_code)))
        stream_block = model_field.stream_block
        try:
            new_raw = _stream_with(stream_block, source_raw, targets[name], given, field_leaves, code)
        except markup.MarkupError as error:
            entry_id = error.args[1] if len(error.args) > 1 else next(iter(given))
            problems.append(Problem(entry_id, INVALID, str(error.args[0])))
            continue
        invalid = _invalid_texts(stream_block, source_raw, new_raw, given, field_leaves)
        if invalid:
            problems.extend(invalid)
            continue
        fields.append(FieldChange(name, column, display_text(targets[name]), display_text(new_raw), new_raw))
    return ItemChange(obj, _item_label(obj), str(obj._meta.verbose_name), fields)


def _invalid_texts(stream_block, source: list, new: list, given: dict, field_leaves: list[Leaf]) -> list[Problem]:
    """Each translated text its block refuses (too long...), and each required text left empty in a block the
    import adds. Only texts are checked: the rest of the stream is the source's, already valid (and checking
    an embed would fetch its URL)."""
    problems = []
    path = field_leaves[0].id.split(":")[:3]
    for leaf in _walk_stream(stream_block, source, new, path, []):
        if leaf.holder is None or leaf.block is None:
            continue
        value = leaf.current
        if leaf.id not in given and (value or not leaf.block.required):
            continue
        try:
            leaf.block.clean(leaf.block.to_python(value))
        except ValidationError as error:
            messages = " ".join(getattr(error, "messages", [str(error)]))
            if leaf.id not in given:
                messages = _("This text is required with the others of its block: %(error)s") % {"error": messages}
            problems.append(Problem(leaf.id, INVALID, messages))
    return problems


def _stream_with(stream_block, source: list, target: list, given: dict, field_leaves: list[Leaf], code: str) -> list:
    """The target stream with the translated texts written in.

    A target with nothing written is built from the source's structure (same block types and ids, images and
    documents kept). A target that shares blocks with the source gets each translation in its counterpart, and
    a source block it lacks is added after its predecessor's counterpart. A target written with a structure
    of its own (nothing in common with the source) is replaced only when the file translates all its texts:
    otherwise the translator's own body would be lost, so :class:`markup.MarkupError` says so."""
    rebuilt = not written(stream_block.to_python(target)) if target else True
    matched = [] if rebuilt else _match(_children(source), _children(target))
    if not rebuilt and not any(matched):
        if not all(leaf.id in given for leaf in field_leaves):
            raise markup.MarkupError(
                _(
                    "The %(lang)s text of this field has a structure of its own (blocks added, removed or moved "
                    "in the admin): translate every text of the field in the file to replace it, or edit it in "
                    "the admin."
                )
                % {"lang": languages.KNOWN[code].native_name}
            )
        rebuilt = True
    if rebuilt:
        target = _blank(stream_block, copy.deepcopy(source))
    else:
        target = copy.deepcopy(target)
        matched = _match(_children(source), _children(target))
        position = 0
        for child, counterpart in zip(_children(source), matched, strict=True):
            if counterpart is not None:
                position = next(i for i, c in enumerate(target) if c is counterpart[2]) + 1
                continue
            prefix = f":{child[0]}"
            if any(prefix in leaf_id for leaf_id in given):
                child_block = stream_block.child_blocks.get(child[3])
                target.insert(position, _blank(child_block, copy.deepcopy(child[2]), top=True))
                position += 1
    path = field_leaves[0].id.split(":")[:3]
    unplaced = set(given)
    for leaf in _walk_stream(stream_block, source, target, path, []):
        if leaf.id in given and leaf.holder is not None:
            leaf.holder[leaf.key] = given[leaf.id]
            unplaced.discard(leaf.id)
    if unplaced:  # inside a block whose inner structure (list items) differs from the source's
        raise markup.MarkupError(
            _("This text has no counterpart in the %(lang)s version of its block: translate it in the admin.")
            % {"lang": languages.KNOWN[code].native_name},
            sorted(unplaced)[0],
        )
    if rebuilt:
        target = [child for child in target if _keep(stream_block.child_blocks.get(child.get("type")), child)]
    return target


def _blank(block, value, top: bool = False):
    """``value`` (raw) with every text emptied, so no source-language text ends up in the target."""
    if top:  # a stream child: {"type", "value", "id"}
        value["value"] = _blank(block, value["value"])
        return value
    if isinstance(block, blocks.StreamBlock):
        return [_blank(block.child_blocks.get(c.get("type")), c, top=True) for c in value if isinstance(c, dict)]
    if _is_text(block)[0]:
        return ""
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {k: _blank(block.child_blocks[k], v) if k in block.child_blocks else v for k, v in value.items()}
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        result = []
        for item in value:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                result.append({**item, "value": _blank(block.child_block, item["value"])})
            else:
                result.append(_blank(block.child_block, item))
        return result
    return value


def _keep(block, child: dict) -> bool:
    """In a stream built from the source: a block stays if it has a translated text, or shows something that
    is not text (an image, a document, an embed) and needs no text that is missing."""
    if block is None:
        return False
    value = block.to_python(child.get("value"))
    if _is_text(block)[0]:
        return written(value)
    return written(value) or not _has_text_parts(block)


def _has_text_parts(block) -> bool:
    if _is_text(block)[0]:
        return True
    if isinstance(block, blocks.StructBlock):
        return any(_has_text_parts(child) for child in block.child_blocks.values())
    if isinstance(block, blocks.ListBlock):
        return _has_text_parts(block.child_block)
    return False


@dataclass
class Result:
    drafts: list = field(default_factory=list)  # pages given a new draft revision
    saved: list = field(default_factory=list)  # snippets, images and settings saved


@transaction.atomic
def apply(plan: Plan, user=None) -> Result:
    """Write a validated plan: a new draft revision per page (never published), the target language's
    columns only for everything else."""
    if not plan.ok:
        raise ValidationError(_("The file has problems; nothing was applied."))
    result = Result()
    for change in plan.changes:
        if not change.fields:
            continue
        obj = change.obj
        if isinstance(obj, Page):
            page = working_copy(type(obj).objects.get(pk=obj.pk))
            for item in change.fields:
                setattr(page, item.column, item.value)
            page.save_revision(user=user, log_action=True)
            result.drafts.append(page)
        else:
            fresh = type(obj)._default_manager.get(pk=obj.pk)
            for item in change.fields:
                setattr(fresh, item.column, item.value)
            fresh.save(update_fields=[item.column for item in change.fields])
            log(instance=fresh, action="wagtail.edit", user=user)
            result.saved.append(fresh)
    return result
