"""What a page says in each language, as plain text: the raw material of its search entries.

Only a language the page is written in (``cms.localize.is_available``: its title exists in that language) gets
an entry; its title, summary and body are that language's own columns, never another language's text. The
names of attached places (with their governorate and region), topics, people, organisations and project are
written into every language's entry in every language the CMS holds them in (the entry's own language first,
then the others, then acronyms): a reader of the Arabic site who knows a town or a person by its Latin
spelling, or an organisation by its acronym, types that, and the English reader types "Qamişlo" as often as
"Qamishli". The names column ranks below title and summary, above the body.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from cms import languages
from cms.localize import Localizer, is_available, own_value
from news.relations import snippets_of

from . import normalise

MAX_BODY = 200_000
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SKIPPED_KEYS = {"image", "document", "embed", "id"}


def html_to_text(value: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()


def stream_text(raw) -> str:
    """The readable text of a StreamField's raw data (headings, paragraphs, quotes, captions, figures)."""
    parts: list[str] = []

    def walk(value, key=None):
        if key in _SKIPPED_KEYS:
            return
        if isinstance(value, str):
            if not value.startswith(("http://", "https://")):
                parts.append(html_to_text(value))
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                if value["type"] not in _SKIPPED_KEYS:
                    walk(value["value"])
            else:
                for child_key, child in value.items():
                    walk(child, child_key)
        elif isinstance(value, list | tuple):
            for child in value:
                walk(child)

    walk(raw)
    return " ".join(part for part in parts if part)


def _raw(stream):
    if stream is None:
        return []
    return list(getattr(stream, "raw_data", stream) or [])


@dataclass
class Document:
    lang: str
    title: str
    summary: str
    body: str
    names: str
    date: object = None
    names_norm: str = ""

    def normalised(self) -> dict:
        return {
            "title_norm": normalise.index_text(self.title, self.lang),
            "summary_norm": normalise.index_text(self.summary, self.lang),
            "body_norm": normalise.index_text(self.body, self.lang),
            "names_norm": self.names_norm or normalise.index_text(self.names, self.lang),
        }


def attached(page) -> list:
    """The snippets a page is filed under (uses whatever the caller prefetched; each relation read once)."""
    places = snippets_of(page, "places")
    items = snippets_of(page, "topics") + places + snippets_of(page, "partners")
    for place in [*places, page.dateline_place]:
        if place is not None:
            items.append(place)
            items.extend(place.ancestors())
    if page.project is not None:
        items.append(page.project)
    for name in ("facilitators", "organisers", "funders"):
        if hasattr(page, name):
            items.extend(snippets_of(page, name))
    return list({(type(item), item.pk): item for item in items}.values())


def names_text(items, code: str) -> str:
    """Every name of the items: in ``code`` (through its fallback chain), then in each other language, then
    acronyms; each distinct spelling once."""
    localizer = Localizer(code)
    parts = [localizer.get(item, "name") or "" for item in items]
    for other in languages.enabled_codes():
        if other != code:
            parts.extend(own_value(item, "name", other) or "" for item in items)
    parts.extend(getattr(item, "acronym", "") or "" for item in items)
    return " ".join(dict.fromkeys(part.strip() for part in parts if part and part.strip()))


def documents(page, names: dict | None = None) -> list[Document]:
    """One document per enabled language the (specific, live) page is written in. ``names``: the names
    already written out for a set of attached items and a language (and their index text), kept by a
    caller indexing many pages at once: pages share their places, topics and partners."""
    items = attached(page)
    names = {} if names is None else names
    key = tuple((type(item), item.pk) for item in items)
    result = []
    for code in languages.enabled_codes():
        if not is_available(page, code):
            continue
        body = stream_text(_raw(own_value(page, "body", code)))
        for extra in ("outcomes", "recommendations"):
            if hasattr(page, f"{extra}_{code}"):
                body += " " + stream_text(_raw(own_value(page, extra, code)))
        if (key, code) not in names:
            text = names_text(items, code)
            names[key, code] = (text, normalise.index_text(text, code))
        names_written, names_norm = names[key, code]
        result.append(
            Document(
                lang=code,
                title=(own_value(page, "title", code) or "").strip(),
                summary=(own_value(page, "summary", code) or "").strip(),
                body=body.strip()[:MAX_BODY],
                names=names_written,
                date=getattr(page, "date", None),
                names_norm=names_norm,
            )
        )
    return result
