"""Snippets: a short passage of the matched language's text around the first matching word, with every
matching word wrapped in ``<mark>``. Words are compared through ``search.normalise``, so "بالمدرسة" in the
text is marked for the query "مدرسة" and "Workshops" for "workshop". The output is HTML-escaped text with
only ``<mark>`` tags."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from .normalise import Term, word_forms, words

WIDTH = 240
SCAN = 6_000
_SPAN = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")


def best_snippet(texts: list[str], terms: list[Term], lang: str, indexed: list[str] | None = None) -> str:
    """The snippet of the first text that contains a query word (else of the first non-empty text).

    ``indexed``: each text's indexed forms (``normalise.index_text``), when at hand: a text none of whose
    forms is a query word has no passage to mark and is not scanned word by word."""
    indexed = indexed if indexed is not None else [None] * len(texts)
    pairs = [(text, forms) for text, forms in zip(texts, indexed, strict=True) if text and text.strip()]
    if not pairs:
        return ""
    cores = {word for term in terms for word in (term.alternatives or (term.core,))}
    for text, forms in pairs:
        if forms is not None and cores.isdisjoint(forms.split()):
            continue
        passage = snippet(text, terms, lang)
        if "<mark>" in passage:
            return passage
    return snippet(pairs[0][0], terms, lang)


@lru_cache(maxsize=100_000)
def _span_forms(span: str, lang: str) -> tuple[str, ...]:
    """Every reading of every word of one span of text (kept: the same words come back in every snippet)."""
    return tuple(form for word in words(span) for form in word_forms(word, lang))


def _matches(span: str, lang: str, cores: set[str], prefixes: tuple[str, ...]) -> bool:
    forms = _span_forms(span, lang)
    if cores.intersection(forms):
        return True
    return bool(prefixes) and any(form.startswith(prefixes) for form in forms)


def snippet(text: str, terms: list[Term], lang: str, *, prefix_last: bool = False, width: int = WIDTH) -> str:
    text = " ".join((text or "")[:SCAN].split())
    if not text:
        return ""
    cores = {word for term in terms for word in (term.alternatives or (term.core,))}
    prefixes = tuple(terms[-1].prefixes) if prefix_last and terms else ()
    spans, last = [], len(text)
    for found in _SPAN.finditer(text):
        if found.start() > last:
            break  # past the widest window the first match allows
        if _matches(found.group(), lang, cores, prefixes):
            spans.append(found.span())
            last = min(last, found.start() + width)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(first, start) else end
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
