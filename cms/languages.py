"""Everything the project knows about languages, in one place.

The content languages are chosen with the ``CMS_LANGUAGES`` environment variable (a comma-separated list of
codes from ``KNOWN``; the first is the source language editors write in). Settings, the admin, the API,
search and the translators' tools all read the languages from here, never from their own lists.

Django ships neither a ``ku`` message catalog nor a ``ku`` entry in ``LANG_INFO``; without both, language
negotiation silently ignores Kurmanji and ``get_language_info("ku")`` raises. ``register_lang_info()`` adds
the entry; the catalog lives in ``cms/locale/ku``. That catalog is partial: Django fills the gaps of a
catalog from the ``LANGUAGE_CODE`` one (Arabic here), which would put Arabic strings into a left-to-right
Kurmanji admin; ``register_lang_info()`` makes the gaps show English, the catalogs' own text, instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # English name
    native_name: str
    direction: str  # "rtl" or "ltr"
    script: str
    fallbacks: tuple[str, ...]  # tried in order when a field is empty in this language

    @property
    def bidi(self) -> bool:
        return self.direction == "rtl"


KNOWN: dict[str, Language] = {
    language.code: language
    for language in (
        Language("ar", "Arabic", "العربية", "rtl", "Arab", ("en",)),
        Language("ku", "Kurdish (Kurmanji)", "Kurmancî", "ltr", "Latn", ("ar", "en")),
        Language("en", "English", "English", "ltr", "Latn", ("ar",)),
        Language("ckb", "Kurdish (Sorani)", "کوردی", "rtl", "Arab", ("ku", "ar", "en")),
    )
}

DEFAULT_CMS_LANGUAGES = "ar,ku,en"


def parse_enabled(value: str | None) -> list[str]:
    """Turn the ``CMS_LANGUAGES`` value into a list of known codes, source language first."""
    codes = [code.strip().lower() for code in (value or DEFAULT_CMS_LANGUAGES).split(",") if code.strip()]
    unknown = [code for code in codes if code not in KNOWN]
    if unknown:
        raise ValueError(f"CMS_LANGUAGES names unknown language(s) {', '.join(unknown)}; known: {', '.join(KNOWN)}")
    if not codes:
        raise ValueError("CMS_LANGUAGES is empty")
    return list(dict.fromkeys(codes))


def register_lang_info() -> None:
    """Teach Django about the languages it has no ``LANG_INFO`` entry for (Kurmanji)."""
    from django.conf.locale import LANG_INFO

    for language in KNOWN.values():
        LANG_INFO.setdefault(
            language.code,
            {
                "bidi": language.bidi,
                "code": language.code,
                "name": language.name,
                "name_local": language.native_name,
            },
        )
    _fill_catalog_gaps_in_english()


def _fill_catalog_gaps_in_english() -> None:
    from django.utils.translation import trans_real

    if getattr(trans_real.DjangoTranslation._add_fallback, "_english", False):
        return

    def _add_fallback(self, localedirs=None):
        """No fallback catalog: a string missing from a language's catalog stays in English."""

    _add_fallback._english = True
    trans_real.DjangoTranslation._add_fallback = _add_fallback


# -- runtime helpers (read the enabled languages from settings) -------------------------------------------


def enabled_codes() -> list[str]:
    from django.conf import settings

    return list(settings.CMS_LANGUAGES)


def enabled() -> list[Language]:
    return [KNOWN[code] for code in enabled_codes()]


def source_code() -> str:
    return enabled_codes()[0]


def get(code: str) -> Language:
    """The enabled language with this code; ``KeyError`` for an unknown or disabled one."""
    if code not in enabled_codes():
        raise KeyError(code)
    return KNOWN[code]


def fallback_chain(code: str, codes: list[str] | None = None) -> list[str]:
    """The languages to try, in order, for a field that is empty in ``code`` (enabled ones only).

    The source language always closes the chain: every item is written in it first, so a chain that
    ends there always finds something.
    """
    codes = codes if codes is not None else enabled_codes()
    chain = [c for c in KNOWN[code].fallbacks if c in codes and c != code]
    source = codes[0]
    if code != source and source not in chain:
        chain.append(source)
    return chain


def base_code(tag: str) -> str | None:
    """Map a language tag (``ar-SY``, ``ku_TR``, ``EN-gb``) to an enabled base language code, or None."""
    tag = (tag or "").strip().lower().replace("_", "-")
    if not tag:
        return None
    codes = enabled_codes()
    if tag in codes:
        return tag
    primary = tag.split("-", 1)[0]
    if primary in codes:
        return primary
    # "kmr" is the ISO 639-3 code of Kurmanji; browsers and apps send either.
    if primary == "kmr" and "ku" in codes:
        return "ku"
    return None


def localized_verbose_name(verbose_name, code: str) -> str:
    """Label of a translated field in forms: "title · العربية", so editors see the language by its own name."""
    language = KNOWN.get(code)
    return f"{verbose_name} · {language.native_name if language else code}"
