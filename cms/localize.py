"""Reading translated fields for one language, with every fallback made visible.

One :class:`Localizer` per answer object that carries a ``fallback`` (an item, a card, a taxonomy entry, the
home page, the site): everything that object shows in a language, nested names included, is read through it
and recorded by a stable path (``title``, ``places[0].name``, ``body``, ``session.facilitators[1].role``), so
the answer can say, field by field, which language each text is in.

The API never relies on modeltranslation's implicit fallback (which silently returns another language's
text): it reads each language's own column, walks the chain from ``cms.languages.fallback_chain`` and then
any other enabled language as a last resort, and records every field it had to take from another language.
``cms.api.base`` also switches modeltranslation's fallback off for the whole API request, so a read that
bypasses the localizer finds nothing rather than another language's text.
"""

from __future__ import annotations

from cms import languages
from cms.availability import is_available, own_value, review_codes, written  # noqa: F401  (re-exported)

# Kept here for readers of this module; the rule itself lives in ``cms.availability``.
has_value = written


def direction(code: str | None) -> str | None:
    return languages.KNOWN[code].direction if code else None


class Localizer:
    """Reads fields of objects in ``code`` for one answer and records which paths fell back to which language.

    >>> loc = Localizer("ku")
    >>> loc.get(page, "summary")                      # Kurmanji, or the Arabic text (recorded as "summary")
    >>> loc.get(place, "name", "places[0].name")      # a nested name, recorded under its path
    >>> loc.fallback["sources"]                       # {"summary": "ar", "places[0].name": "ar"}
    """

    def __init__(self, code: str):
        self.code = code
        chain = [code, *languages.fallback_chain(code)]
        self.chain = chain + [c for c in languages.enabled_codes() if c not in chain]
        self.sources: dict[str, str] = {}

    def get(self, obj, field: str, path: str | None = None):
        """``field`` of ``obj`` in this language or the first fallback that has it; None if no language does."""
        if obj is None:
            return None
        held = self._under_review(obj)
        for candidate in self.chain:
            if candidate in held:
                continue
            value = own_value(obj, field, candidate)
            if written(value):
                if candidate != self.code:
                    self.sources[path or field] = candidate
                return value
        return None

    @staticmethod
    def _under_review(obj) -> frozenset[str]:
        """Languages of an item marked "needs review": not served until cleared, so its fields are read from
        the fallback chain and recorded as such. Items only (one query per item unless primed in bulk by
        ``cms.availability.prime_review_codes``); the names filed under an item are read as they are."""
        from wagtail.models import Page

        if not isinstance(obj, Page) or obj.pk is None:
            return frozenset()
        return review_codes(obj)

    def record(self, path: str, code: str | None) -> None:
        """Record a text derived from another one (an SEO title made from the title) or read elsewhere."""
        if code and code != self.code:
            self.sources[path] = code

    def lang_of(self, path: str) -> str:
        return self.sources.get(path, self.code)

    @property
    def fallback(self) -> dict:
        """The ``fallback`` object of the answer. ``from``/``dir`` are set only when every fallen-back field
        came from one language; ``sources``/``dirs`` always name each field's own language and direction."""
        fields = list(self.sources)
        used = sorted(set(self.sources.values()))
        single = used[0] if len(used) == 1 else None
        return {
            "used": bool(fields),
            "fields": fields,
            "from": single,
            "dir": direction(single),
            "sources": dict(self.sources),
            "dirs": {path: direction(code) for path, code in self.sources.items()},
        }
