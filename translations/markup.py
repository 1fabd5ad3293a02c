"""Rich text as a translator's tool sees it: every tag a numbered placeholder the translator moves but cannot
break, so the links, lists and emphasis of the source come back exactly as they were.

``<p>Workshop in <a linktype="page" id="3">Hajin</a></p>`` becomes ``<1>Workshop in <2>Hajin</2></1>``
(a void element such as ``<br/>`` becomes ``<3/>``). Restoring a translation checks that every placeholder is
there once, balanced, inside the same placeholder as in the source, and that no other markup was typed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

VOID = {"br", "embed", "img", "hr", "wbr"}
PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")
STRAY_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")


class MarkupError(ValueError):
    """A translation whose placeholders do not match its source's."""


@dataclass(frozen=True)
class Tag:
    number: int
    start: str  # the source's own start tag, attributes and all
    end: str | None  # None for a void element
    parent: int  # the enclosing placeholder, 0 at the top


class _Tokens(HTMLParser):
    """(kind, value) tokens: ("start", tag text, name), ("end", name), ("void", tag text, name), ("text", data)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        kind = "void" if tag in VOID else "start"
        self.tokens.append((kind, self.get_starttag_text(), tag))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("void", self.get_starttag_text(), tag))

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.tokens.append(("end", tag))

    def handle_data(self, data):
        self.tokens.append(("text", data))


def _tokens(markup: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(markup)
    parser.close()
    return parser.tokens


def _shown(text: str) -> str:
    """Text as the translator sees it: only what could be read as markup is escaped."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def to_placeholders(markup: str) -> tuple[str, dict[int, Tag]]:
    """The text with numbered placeholders, and the tags they stand for."""
    out: list[str] = []
    tags: dict[int, Tag] = {}
    stack: list[tuple[int, str]] = []
    for token in _tokens(markup):
        kind = token[0]
        if kind == "text":
            out.append(_shown(token[1]))
        elif kind in ("start", "void"):
            number = len(tags) + 1
            parent = stack[-1][0] if stack else 0
            if kind == "void":
                tags[number] = Tag(number, token[1], None, parent)
                out.append(f"<{number}/>")
            else:
                tags[number] = Tag(number, token[1], f"</{token[2]}>", parent)
                stack.append((number, token[2]))
                out.append(f"<{number}>")
        elif stack and stack[-1][1] == token[1]:
            out.append(f"</{stack.pop()[0]}>")
    while stack:  # an element left open in the source is closed where the source ends
        out.append(f"</{stack.pop()[0]}>")
    return "".join(out), tags


def canonical(markup: str) -> str:
    """``markup`` written the way :func:`restore` writes it, so a translation that was not changed compares
    equal to what is stored."""
    text, tags = to_placeholders(markup)
    return restore(text, tags)


def restore(text: str, tags: dict[int, Tag]) -> str:
    """The markup of a translation written with placeholders, or :class:`MarkupError` naming what is wrong."""
    out: list[str] = []
    stack: list[int] = []
    seen: set[int] = set()
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_text(text[position : match.start()]))
        position = match.end()
        closing, number, void = match.group(1) == "/", int(match.group(2)), match.group(3) == "/"
        tag = tags.get(number)
        if tag is None:
            raise MarkupError(_("Placeholder <%(n)s> is not in the source text.") % {"n": number})
        if closing:
            if not stack or stack[-1] != number:
                raise MarkupError(_("Placeholder </%(n)s> closes something that is not open.") % {"n": number})
            stack.pop()
            out.append(tag.end)
            continue
        if number in seen:
            raise MarkupError(_("Placeholder <%(n)s> appears more than once.") % {"n": number})
        if void != (tag.end is None):
            raise MarkupError(_("Placeholder <%(n)s> is written in the wrong form.") % {"n": number})
        if tag.parent != (stack[-1] if stack else 0):
            raise MarkupError(_("Placeholder <%(n)s> was moved out of its enclosing placeholder.") % {"n": number})
        seen.add(number)
        out.append(tag.start)
        if not void:
            stack.append(number)
    out.append(_text(text[position:]))
    if stack:
        raise MarkupError(_("Placeholder <%(n)s> is not closed.") % {"n": stack[-1]})
    missing = sorted(set(tags) - seen)
    if missing:
        names = ", ".join(f"<{n}>" for n in missing)
        raise MarkupError(_("Placeholders missing from the translation: %(names)s.") % {"names": names})
    return "".join(out)


def _text(piece: str) -> str:
    if STRAY_TAG.search(piece):
        raise MarkupError(_("The translation contains markup of its own: use only the numbered placeholders."))
    return html.escape(html.unescape(piece), quote=False)


def placeholders_for(markup: str, source_tags: dict[int, Tag]) -> str | None:
    """A stored translation written with its source's placeholder numbers (the n-th link to the same page
    is the n-th such link of the source), or None when its markup does not match the source's."""
    used: set[int] = set()
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for token in _tokens(markup):
        kind = token[0]
        if kind == "text":
            out.append(_shown(token[1]))
            continue
        if kind == "end":
            if stack and stack[-1][1] == token[1]:
                out.append(f"</{stack.pop()[0]}>")
            continue
        number = next(
            (
                n
                for n, tag in source_tags.items()
                if n not in used and tag.start == token[1] and (tag.end is None) == (kind == "void")
            ),
            None,
        )
        if number is None:
            return None
        used.add(number)
        if kind == "void":
            out.append(f"<{number}/>")
        else:
            out.append(f"<{number}>")
            stack.append((number, token[2]))
    while stack:
        out.append(f"</{stack.pop()[0]}>")
    text = "".join(out)
    try:
        restore(text, source_tags)
    except MarkupError:
        return None
    return text
