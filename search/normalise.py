"""Text normalisation for search, per language: the same functions turn indexed text and queries into words.

A word is normalised by its script first, then by the language it is written in:

- Everywhere: Unicode NFKC (Arabic presentation forms, full-width letters), case folding, Arabic-Indic and
  Persian digits read as Latin digits, words cut at 60 characters.
- Arabic script (any language: Arabic names appear in English and Kurmanji text too): tashkeel and tatweel
  removed; hamza forms أ إ آ ٱ → ا, ؤ → و, ئ → ي; taa marbuta ة → ه; alef maqsura ى → ي. The definite
  article and attached prefixes (و ف ب ك ل ال, e.g. "والمدرسة", "بالمدرسة", "للمدرسة") are handled by
  *forms*: the index holds every reading of a word with and without its possible prefixes, a query keeps only
  its most stripped reading (its *core*), so "المدرسة", "والمدرسة" and "مدرسة" all meet at "مدرسه". A word
  is never stripped below two letters (three for و and ف, four for a bare ب ك ل), so "بيان" and "كيان" do not
  meet.
- Latin script: accents folded (Kurmanji ê î û ç ş match e i u c s both ways; "café" = "cafe"). English words
  are also stemmed (Snowball English), so "workshops" finds "workshop"; the index keeps the unstemmed word
  too, so a prefix typed in the suggest box still finds it. Kurmanji words get forms without their case,
  izafe and indefinite endings (-ê, -a, -ên, -an, -ek, -eke...), the same way as Arabic prefixes.

Stop words are only dropped from queries (never from the index), and only when the query has other words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from cms.text import strip_arabic_marks

MAX_WORD = 60
MAX_QUERY_TERMS = 12

_WORD = re.compile(r"[^\W_]+")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"})

# Prefix strings and the shortest remainder each may leave (see the module docstring).
_ARTICLES = (("وال", 2), ("فال", 2), ("بال", 2), ("كال", 2), ("لل", 2), ("ال", 2))
_CONJUNCTIONS = (("و", 3), ("ف", 3))
_PREPOSITIONS = (("ب", 4), ("ك", 4), ("ل", 4))
# Kurmanji case, izafe and indefinite endings (after folding), longest first; a stem keeps three letters.
_KURMANJI_ENDINGS = tuple(
    (ending, 3) for ending in ("eke", "eki", "yen", "yan", "ye", "ya", "yi", "en", "an", "ek", "e", "a", "i")
)


def _fold_latin(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _english():
    return snowballstemmer.stemmer("english")


def _arabic_base(word: str) -> str:
    return strip_arabic_marks(word).translate(_ARABIC_LETTERS)


def _strip_one(word: str, prefixes) -> str | None:
    for prefix, remainder in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= remainder:
            return word[len(prefix) :]
    return None


def _arabic_forms(word: str) -> list[str]:
    """The word and every reading of it without its possible prefixes (up to three strips: conjunction,
    article or preposition, and a conjunction-like first letter of the remaining word), least stripped first."""
    forms = [word]
    frontier = [word]
    for _ in range(3):
        following = []
        for form in frontier:
            for prefixes in (_ARTICLES, _PREPOSITIONS, _CONJUNCTIONS):
                stripped = _strip_one(form, prefixes)
                if stripped and stripped not in forms:
                    forms.append(stripped)
                    following.append(stripped)
        frontier = following
    return forms


def _kurmanji_forms(word: str) -> list[str]:
    """The word and its readings without up to two endings ("dibistanê" → "dibistan", "kargeheke" →
    "kargeh")."""
    forms = [word]
    frontier = [word]
    for _ in range(2):
        following = []
        for form in frontier:
            for ending, remainder in _KURMANJI_ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= remainder:
                    stripped = form[: -len(ending)]
                    if stripped not in forms:
                        forms.append(stripped)
                        following.append(stripped)
                    break
        frontier = following
    return forms


def _latin_forms(word: str, lang: str) -> list[str]:
    folded = _fold_latin(word)
    if lang == "en":
        stem = _english().stemWord(folded)
        return list(dict.fromkeys([folded, stem]))
    if lang == "ku" and folded.isalpha():
        return _kurmanji_forms(folded)
    return [folded]


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_DIGITS)
    return strip_arabic_marks(text).casefold()


def words(text: str) -> list[str]:
    """The words of a text after the language-independent steps (used to find spans to highlight, too)."""
    return [word[:MAX_WORD] for word in _WORD.findall(_prepare(text))]


def word_forms(word: str, lang: str) -> list[str]:
    """Every indexed reading of one already prepared word."""
    if _ARABIC_LETTER.search(word):
        return _arabic_forms(_arabic_base(word))
    return _latin_forms(word, lang)


def core(word: str, lang: str) -> str:
    """The reading a query word is searched by (the most stripped / stemmed one)."""
    forms = word_forms(word, lang)
    if _ARABIC_LETTER.search(word) or lang == "ku":
        return min(forms, key=len)
    return forms[-1]


def index_text(text: str, lang: str) -> str:
    """What the index stores for a text: all forms of all words, separated by spaces. Empty text (None,
    "", whitespace) gives "" and never a word such as "None"."""
    if not text:
        return ""
    out: list[str] = []
    for word in words(text):
        out.extend(word_forms(word, lang))
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    """One query word: ``core`` is matched exactly; ``prefixes`` are the readings used for completion."""

    core: str
    prefixes: tuple[str, ...]


def _stop_words(lang: str) -> frozenset[str]:
    return _STOP_CORES.get(lang, frozenset())


def query_terms(text: str, lang: str) -> list[Term]:
    """The words of a query in ``lang``, as terms (duplicates and, when others remain, stop words dropped)."""
    terms: list[Term] = []
    seen: set[str] = set()
    for word in words(text):
        forms = word_forms(word, lang)
        term = Term(core(word, lang), tuple(dict.fromkeys([forms[0], core(word, lang)])))
        if term.core not in seen:
            seen.add(term.core)
            terms.append(term)
    meaningful = [term for term in terms if term.core not in _stop_words(lang)]
    return (meaningful or terms)[:MAX_QUERY_TERMS]


_STOP_WORDS = {
    "ar": "في من على الى إلى عن مع أو او و ثم هذا هذه ذلك التي الذي حول",
    "ku": "û ji li bi di de da ya yê yên ku ew ev bo jî re ra an ne",
    "en": "a an the of in on at for to and or not with by from about is are was were be as it its this that",
}
_STOP_CORES = {lang: frozenset(core(word, lang) for word in words(text)) for lang, text in _STOP_WORDS.items()}
