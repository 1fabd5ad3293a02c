"""Normalisation rules, one test each: indexed text and queries go through the same functions, so each rule
is checked as "a query written one way finds text written the other way". Relied on by every search
surface (search, suggestions, snippets) in all three languages."""

import pytest

from search.normalise import core, index_text, query_terms, word_forms, words


def finds(query: str, text: str, lang: str) -> bool:
    """Whether every query word meets the text: one of its alternatives is among the indexed forms (what the
    backends match)."""
    indexed = set(index_text(text, lang).split())
    return all(indexed.intersection(term.alternatives) for term in query_terms(query, lang))


def exact(query: str, text: str, lang: str) -> bool:
    """Whether every query word meets the text in one of its exact readings (what ranks higher)."""
    indexed = set(index_text(text, lang).split())
    return all(indexed.intersection(term.exact) for term in query_terms(query, lang))


@pytest.mark.parametrize(
    "query, text",
    [
        ("أحمد", "احمد"),
        ("احمد", "أحمد"),
        ("إسلام", "اسلام"),
        ("آمال", "امال"),
        ("ٱلمدرسة", "مدرسة"),
        ("مسؤول", "مسوول"),
        ("بيئة", "بييه"),
    ],
)
def test_arabic_hamza_forms(query, text):
    assert finds(query, text, "ar")


def test_arabic_taa_marbuta_and_haa_meet():
    assert finds("مدرسه", "مدرسة", "ar") and finds("مدرسة", "مدرسه", "ar")


def test_arabic_alef_maqsura_and_yaa_meet():
    assert finds("مستشفي", "مستشفى", "ar") and finds("مستشفى", "مستشفي", "ar")


def test_tashkeel_and_tatweel_are_ignored():
    assert finds("مدرسة", "مُدَرِّسَة", "ar")
    assert finds("مُدَرِّسَة", "مـــدرســة", "ar")
    assert words("مُدَرِّسَة") == words("مـــدرسة") == ["مدرسة"]


@pytest.mark.parametrize("lang", ["ar", "ku", "en"])
def test_arabic_indic_and_persian_digits_are_latin_digits(lang):
    assert index_text("٢٠٢٤", lang) == index_text("۲۰۲۴", lang) == "2024"
    assert finds("2024", "مؤتمر ٢٠٢٤", lang)
    assert finds("٢٠٢٤", "conference 2024", lang)


@pytest.mark.parametrize(
    "form", ["المدرسة", "والمدرسة", "مدرسة", "بالمدرسة", "للمدرسة", "لمدرسة", "فالمدرسة", "كالمدرسة"]
)
@pytest.mark.parametrize("other", ["المدرسة", "والمدرسة", "مدرسة"])
def test_arabic_article_and_attached_prefixes(form, other):
    assert finds(form, other, "ar"), (form, other)
    assert finds(other, form, "ar"), (other, form)


def test_arabic_words_starting_with_a_prefix_letter_still_meet_their_article_form():
    assert finds("ورشة", "الورشة", "ar") and finds("الورشة", "ورشة", "ar") and finds("بالورشة", "ورشة", "ar")


def test_short_words_are_not_stripped_into_each_other():
    """A bare preposition is only stripped from long words: "بيان" (statement) must not find "كيان"."""
    assert not finds("بيان", "كيان", "ar")
    assert core("بيان", "ar") == "بيان"


@pytest.mark.parametrize("accented, plain", [("ê", "e"), ("î", "i"), ("û", "u"), ("ç", "c"), ("ş", "s")])
def test_kurmanji_letters_match_plain_latin_both_ways(accented, plain):
    word_accented, word_plain = f"b{accented}r", f"b{plain}r"
    assert finds(word_accented, word_plain, "ku") and finds(word_plain, word_accented, "ku")


def test_kurmanji_capitals_fold_too():
    assert finds("ŞÊX", "şêx", "ku") and finds("Qamişlo", "QAMISLO", "ku")


def test_kurmanji_endings():
    assert finds("dibistan", "dibistanê", "ku") and finds("futbolê", "futbol", "ku")


@pytest.mark.parametrize(
    "query, text", [("workshops", "workshop"), ("workshop", "workshops"), ("trainings", "training")]
)
def test_english_stemming(query, text):
    assert finds(query, text, "en")


def test_english_index_keeps_the_unstemmed_word_for_prefixes():
    assert word_forms("displaced", "en") == ["displaced", "displac"]


def test_arabic_rules_apply_to_arabic_names_inside_other_languages():
    assert finds("بالمدرسة", "The school مدرسة", "en")


def test_empty_fields_never_index_the_word_none():
    assert index_text(None, "ar") == index_text("", "en") == index_text("   ", "ku") == ""


def test_stop_words_are_dropped_from_queries_only_when_other_words_remain():
    assert [t.core for t in query_terms("the human rights of IDPs", "en")] == ["human", "right", "idp"]
    assert [t.core for t in query_terms("AND OR NOT", "en")] == ["and", "or", "not"]


@pytest.mark.parametrize("noise", ['"', "*", "NEAR(a b)", "title_norm:x", "😀", "a\x00b", "{x}: y", "ـــ", "'; DROP"])
def test_query_words_are_letters_and_digits_only(noise):
    for term in query_terms(noise, "en"):
        assert term.core.isalnum()


@pytest.mark.parametrize(
    "query, text",
    [
        ("women's participation", "Women's participation"),
        ("women’s participation", "women's participation"),
        ("womens participation", "Women’s participation"),
        ('"advocacy methods" training', "Advocacy methods and training"),
        ("“advocacy methods”", "advocacy methods"),
        ("Norwegian People's Aid", "Norwegian People’s Aid (NPA)"),
    ],
)
def test_quotes_and_apostrophes_are_punctuation(query, text):
    assert finds(query, text, "en")
    assert "s" not in {term.core for term in query_terms(query, "en")}


@pytest.mark.parametrize("query", ["İskan", "ISKAN", "ıskan", "Iskan", "iskan"])
def test_turkish_keyboard_letters_find_kurmanji(query):
    """A capital İ must not become "i" plus a combining dot (which split the word), and ı is i."""
    assert finds(query, "Rahêner Elî Îskan", "ku")
    assert [term.core for term in query_terms(query, "ku")] == [query_terms("Îskan", "ku")[0].core]


@pytest.mark.parametrize(
    "query, text",
    [
        ("ورش", "ورشة عمل"),
        ("ورشة", "ورش العمل"),
        ("ورشتين", "ورشة"),
        ("نازح", "النازحين"),
        ("النازحين", "نازح"),
        ("محلي", "المجالس المحلية"),
        ("المحلية", "محلي"),
        ("منظمات", "منظمة"),
        ("منظمة", "المنظمات"),
        ("مدارس", "بالمدرسة"),
        ("حقوق", "حق"),
        ("أخصائي", "أخصائيون"),
    ],
)
def test_arabic_suffixes_and_broken_plurals_meet_the_singular(query, text):
    assert finds(query, text, "ar")


def test_arabic_light_stemming_keeps_short_words_apart():
    assert not finds("بيان", "كيان", "ar") and not finds("هجين", "هج", "ar")


def test_the_exact_form_is_known_apart_from_the_stem():
    assert exact("ورشة", "الورشة", "ar") and not exact("ورشة", "ورش", "ar")
    assert exact("workshops", "Workshops", "en") and not exact("workshops", "workshop", "en")
    assert exact("Peşê", "peşê", "ku") and not exact("Peşê", "Pesê", "ku") and finds("Peşê", "Pesê", "ku")


def test_kurmanji_endings_meet_the_stem():
    assert finds("atolye", "atolyeyên", "ku") and finds("jinan", "jin", "ku") and finds("Qamişloyê", "Qamişlo", "ku")
