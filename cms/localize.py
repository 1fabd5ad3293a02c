"""Reading translated fields for one language, with the fallback made visible.

The API never relies on modeltranslation's implicit fallback (which silently returns another language's
text): it reads each language's own column, walks the chain from ``cms.languages.fallback_chain``, and
records every field it had to take from another language, so the response can say so.
"""

from cms import languages
from cms.availability import is_available, own_value, written  # noqa: F401  (re-exported)

# Kept here for readers of this module; the rule itself lives in ``cms.availability``.
has_value = written


class Localizer:
    """Reads fields of one or more objects in ``code``; collects which fields fell back to which language.

    >>> loc = Localizer("ku")
    >>> loc.get(page, "summary")   # Kurmanji summary, or the Arabic one (recorded)
    >>> loc.fallback                # {"used": True, "fields": ["summary"], "from": "ar"}
    """

    def __init__(self, code: str):
        self.code = code
        self.chain = [code, *languages.fallback_chain(code)]
        self.sources: dict[str, str] = {}

    def get(self, obj, field: str, label: str | None = None):
        for candidate in self.chain:
            value = own_value(obj, field, candidate)
            if has_value(value):
                if candidate != self.code:
                    self.sources[label or field] = candidate
                return value
        return None

    def lang_of(self, label: str) -> str:
        return self.sources.get(label, self.code)

    @property
    def fallback(self) -> dict:
        fields = sorted(self.sources)
        return {
            "used": bool(fields),
            "fields": fields,
            "from": self.sources[fields[0]] if fields else None,
            "sources": {field: self.sources[field] for field in fields},
        }
