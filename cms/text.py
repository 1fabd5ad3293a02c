"""Text helpers that must behave the same everywhere (slugs now; search normalisation builds on these)."""

import re
import unicodedata

from django.utils.text import slugify

TATWEEL = "\u0640"
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def strip_arabic_marks(value: str) -> str:
    """Remove tashkeel (harakat, shadda, sukun, dagger alef...) and tatweel: they are spelling aids and
    stretching, not letters, and must not change a slug or a search term."""
    return _MARKS.sub("", (value or "").replace(TATWEEL, ""))


def unicode_slug(value: str, max_length: int = 200) -> str:
    """A slug in the script of its language: Arabic stays Arabic, Kurmanji keeps ê î û ç ş.

    Combining marks that are not part of a precomposed letter are dropped after NFC, so "ê" survives while
    Arabic diacritics and tatweel do not.
    """
    value = unicodedata.normalize("NFC", strip_arabic_marks(value or ""))
    value = "".join(ch for ch in value if not unicodedata.category(ch).startswith("M"))
    return slugify(value, allow_unicode=True)[:max_length].strip("-")
