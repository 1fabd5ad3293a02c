"""Text normalisation for search, per language: the same functions turn indexed text and queries into words.

A word is normalised by its script first, then by the language it is written in. The index keeps several
*forms* of each word, from the exact one to the most reduced one (its *stem*); a query word must meet the
indexed text at its stem, and meeting it at a less reduced form too ranks higher (``Term``), so "المدرسة"
finds "مدارس" but an item that says "المدرسة" comes first.

- Everywhere: Unicode NFKC (Arabic presentation forms, full-width letters), Arabic-Indic and Persian digits
  read as Latin digits, Turkish-keyboard letters read as the letters meant (``İ`` and ``ı`` are ``i``: a
  Kurmanji reader on a Turkish keyboard types "İskan" or "Iskan" for "Îskan"), case folding, words cut at
  60 characters. Quotes and apostrophes are punctuation: "women's", "women’s" and "women" are one word,
  ``"advocacy methods"`` is two words.
- Arabic script (any language: Arabic names appear in English and Kurmanji text too): tashkeel and tatweel
  removed; hamza forms أ إ آ ٱ → ا, ؤ → و, ئ → ي; taa marbuta ة → ه; alef maqsura ى → ي. Then light
  stemming (Larkey, Ballesteros and Connell's *light10*, the reference light stemmer for Arabic retrieval,
  with its limits kept so short words are not cut to nothing): the definite article and attached prefixes
  (و ف ب ك ل ال) are removed, then the suffixes ات ون ين ان ية ه ي ها and the dual تين تان ("ورشتين",
  "النازحين", "المحلية", "منظمات" meet "ورشة", "نازح", "محلي", "منظمة"); common broken plurals (ورش, مجالس,
  مدارس, حقوق...) also get the stem of their singular. A word is never stripped below two letters by a
  prefix (three for و and ف, four for a bare ب ك ل, so "بيان" and "كيان" do not meet) nor below three by a
  suffix. Snowball's Arabic stemmer was measured against the relevance set and is not used: it removes
  a leading ب or و from words where it is a root letter ("بيان" → "يان", "ورشات" → "رشا") and gives
  "منظمات" and "منظمة" different stems.
- Latin script: the exact word (accents kept, lower case) and its accent-folded form (Kurmanji ê î û ç ş as
  e i u c s; "café" = "cafe") are both indexed. English words are also stemmed (Snowball English:
  "workshops" finds "workshop"). Kurmanji words get forms without their case, izafe and indefinite endings
  (-ê, -a, -ên, -an, -ek, -eke...).

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
# Turkish keyboard: dotted capital I and dotless i are the i a Kurmanji or English reader means.
_KEYBOARD = str.maketrans({"İ": "i", "ı": "i"})
# An English possessive ("People's", "women’s"): the ending is not a word of its own.
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’ʼ‘`´]s\b", re.IGNORECASE)
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"})

# Prefix strings and the shortest remainder each may leave (see the module docstring).
_ARTICLES = (("وال", 2), ("فال", 2), ("بال", 2), ("كال", 2), ("لل", 2), ("ال", 2))
_CONJUNCTIONS = (("و", 3), ("ف", 3))
_PREPOSITIONS = (("ب", 4), ("ك", 4), ("ل", 4))
# light10's suffixes (after letter normalisation: ة is ه), the feminine dual first; a stem keeps 3 letters.
_ARABIC_SUFFIXES = ("تين", "تان", "ات", "ون", "ين", "ان", "يه", "ها", "ه", "ي")
# Kurmanji case, izafe and indefinite endings (after folding), longest first; a stem keeps three letters.
_KURMANJI_ENDINGS = tuple(
    (ending, 3) for ending in ("eke", "eki", "yen", "yan", "ye", "ya", "yi", "en", "an", "ek", "e", "a", "i")
)

# Broken plurals common in the centre's writing, plural → singular (written naturally; normalised below).
_BROKEN_PLURALS_TEXT = """
ورش ورشة|مجالس مجلس|مدارس مدرسة|منازل منزل|مناطق منطقة|مراكز مركز|مشاريع مشروع|حقوق حق|قضايا قضية|
أطفال طفل|وثائق وثيقة|قرى قرية|مدن مدينة|أعضاء عضو|خطط خطة|شباب شاب|دروس درس|أسر أسرة|عوائل عائلة|
طلاب طالب|مشاكل مشكلة|حلول حل|أفكار فكرة|آراء رأي|دول دولة|شؤون شأن|مبادئ مبدأ|قوانين قانون|أساليب أسلوب|
برامج برنامج|نشطاء ناشط|فرق فريق|أدوار دور|أماكن مكان|مواقع موقع|أنشطة نشاط|جوانب جانب|مهام مهمة|موارد مورد|
مصادر مصدر|ظروف ظرف|أعمال عمل|أحزاب حزب|وسائل وسيلة|معايير معيار|سجون سجن|حدود حد|أراضي أرض|بيوت بيت|
مساكن مسكن|تقارير تقرير|محاور محور|أقسام قسم|نساء امرأة|رجال رجل|مدربون مدرب|أيام يوم|سنين سنة|شهور شهر|
أشهر شهر|مجتمعات مجتمع|منظمات منظمة|هيئات هيئة|لجان لجنة|مخيمات مخيم|جلسات جلسة|بيانات بيان|أخبار خبر|
مبادرات مبادرة|شركاء شريك|ممثلين ممثل|ممثلو ممثل|قادة قائد|أحياء حي|شوارع شارع|مشافي مشفى|مستشفيات مستشفى
"""


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


def _arabic_prefix_forms(word: str) -> list[str]:
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


def arabic_stem(word: str) -> str:
    """light10's suffix step on a prefix-free, normalised word: one ordered pass over the suffixes, each
    removed at most once while three letters remain ("المحليات" → "محليات" → "محلي" → "محل")."""
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
    return word


_BROKEN_PLURALS = {
    _arabic_base(plural): arabic_stem(_arabic_base(singular))
    for pair in _BROKEN_PLURALS_TEXT.replace("\n", "").split("|")
    if pair.strip()
    for plural, singular in [pair.split()]
}


def _arabic_forms(word: str) -> list[str]:
    """Prefix readings (least stripped first), then their stems, then the stems of broken plurals' singulars."""
    readings = _arabic_prefix_forms(word)
    stems = [arabic_stem(form) for form in readings]
    singulars = [_BROKEN_PLURALS[form] for form in readings if form in _BROKEN_PLURALS]
    return list(dict.fromkeys([*readings, *stems, *singulars]))


def _arabic_cores(word: str) -> list[str]:
    """What a query word must meet: the stems of its readings (a broken plural's singular stem first)."""
    readings = _arabic_prefix_forms(word)
    singulars = [_BROKEN_PLURALS[form] for form in readings if form in _BROKEN_PLURALS]
    stems = sorted({arabic_stem(form) for form in readings}, key=len)
    return list(dict.fromkeys([*singulars, *stems]))


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
        return list(dict.fromkeys([word, folded, _english().stemWord(folded)]))
    if lang == "ku" and folded.isalpha():
        return list(dict.fromkeys([word, *_kurmanji_forms(folded)]))
    return list(dict.fromkeys([word, folded]))


_TRANSLATED = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0130\u0131]")
_APOSTROPHE = re.compile("['’ʼ‘`´]")


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    if _TRANSLATED.search(text):
        text = text.translate(_DIGITS).translate(_KEYBOARD)
    if _APOSTROPHE.search(text):
        text = _POSSESSIVE.sub("", text)
    return strip_arabic_marks(text).casefold()


def words(text: str) -> list[str]:
    """The words of a text after the language-independent steps (used to find spans to highlight, too)."""
    return [word[:MAX_WORD] for word in _WORD.findall(_prepare(text))]


@lru_cache(maxsize=200_000)
def _forms(word: str, lang: str) -> tuple[str, ...]:
    if _ARABIC_LETTER.search(word):
        return tuple(_arabic_forms(_arabic_base(word)))
    return tuple(_latin_forms(word, lang))


def word_forms(word: str, lang: str) -> list[str]:
    """Every indexed reading of one already prepared word, the exact one first."""
    return list(_forms(word, lang))


@lru_cache(maxsize=20_000)
def _cores(word: str, lang: str) -> tuple[str, ...]:
    if _ARABIC_LETTER.search(word):
        return tuple(_arabic_cores(_arabic_base(word)))
    forms = _forms(word, lang)
    if lang == "ku" and len(forms) > 1:
        return (min(forms[1:], key=len),)
    return (forms[-1],)


def core(word: str, lang: str) -> str:
    """The main reading a query word is searched by (its stem: the one every form of the word shares)."""
    return _cores(word, lang)[0]


def index_text(text: str, lang: str) -> str:
    """What the index stores for a text: all forms of all words, separated by spaces. Empty text (None,
    "", whitespace) gives "" and never a word such as "None"."""
    if not text:
        return ""
    out: list[str] = []
    for word in words(text):
        out.extend(_forms(word, lang))
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    """One query word. It matches an indexed word that has one of its ``alternatives`` (its stems, then its
    exact readings); an item with one of the ``exact`` readings (the word as typed, accents kept; for Arabic,
    with or without its prefixes) ranks above one with only a word of the same stem. ``core`` is its main
    stem; ``prefixes`` are the readings used for completion."""

    core: str
    prefixes: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()


def _stop_words(lang: str) -> frozenset[str]:
    return _STOP_CORES.get(lang, frozenset())


def _exact(word: str, lang: str) -> tuple[str, ...]:
    if _ARABIC_LETTER.search(word):
        return tuple(_arabic_prefix_forms(_arabic_base(word)))
    return (_forms(word, lang)[0],)


def term(word: str, lang: str) -> Term:
    forms = _forms(word, lang)
    cores = _cores(word, lang)
    exact = _exact(word, lang)
    return Term(
        cores[0],
        tuple(dict.fromkeys([*forms[:2], cores[0]])),
        tuple(dict.fromkeys([*cores, *exact])),
        exact,
    )


def query_terms(text: str, lang: str) -> list[Term]:
    """The words of a query in ``lang``, as terms (duplicates and, when others remain, stop words dropped)."""
    terms: list[Term] = []
    seen: set[str] = set()
    for word in words(text):
        one = term(word, lang)
        if one.core not in seen:
            seen.add(one.core)
            terms.append(one)
    meaningful = [one for one in terms if one.core not in _stop_words(lang)]
    return (meaningful or terms)[:MAX_QUERY_TERMS]


_STOP_WORDS = {
    "ar": "في من على الى إلى عن مع أو او و ثم هذا هذه ذلك التي الذي حول",
    "ku": "û ji li bi di de da ya yê yên ku ew ev bo jî re ra an ne",
    "en": "a an the of in on at for to and or not with by from about is are was were be as it its this that",
}
_STOP_CORES = {lang: frozenset(core(word, lang) for word in words(text)) for lang, text in _STOP_WORDS.items()}
