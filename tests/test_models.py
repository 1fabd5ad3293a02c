"""Translated fields and slugs of the content model.

Translators rely on each language's text living in its own column, untouched when another language is
edited; readers (through the API and the website) rely on reading a field in their language giving that
language's text, or the fallback chain's when it is not written yet; everyone who shares a link relies on
slugs staying in the language's own script.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.factories import ImageFactory
from cms.models import CMSImage
from cms.text import strip_arabic_marks, unicode_slug
from home.factories import SiteSettingsFactory
from home.models import SiteSettings
from news.factories import (
    DialogueSessionPageFactory,
    NewsPageFactory,
    PersonFactory,
    PlaceFactory,
    TopicFactory,
    paragraph,
)
from news.models import DialogueSessionPage, NewsPage
from news.relations import prefetch_snippets, snippets_of
from news.taxonomy import Person, Topic

pytestmark = pytest.mark.django_db

TATWEEL = "\u0640"


# -- Each language in its own column ----------------------------------------------------------------------


def test_page_fields_are_stored_per_language(site_tree):
    """Translators: each language's title, summary and body are separate columns in the database."""
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="ورشة عمل",
        title_ku="Xebat",
        title_en="Workshop",
        summary_ar="ملخص",
        summary_ku=None,
        summary_en="Summary",
        body_en=paragraph("English body"),
    )
    row = NewsPage.objects.filter(pk=page.pk).values(
        "title_ar", "title_ku", "title_en", "summary_ar", "summary_ku", "summary_en"
    )[0]
    assert row == {
        "title_ar": "ورشة عمل",
        "title_ku": "Xebat",
        "title_en": "Workshop",
        "summary_ar": "ملخص",
        "summary_ku": None,
        "summary_en": "Summary",
    }
    stored = NewsPage.objects.get(pk=page.pk)
    assert "نص الخبر." in stored.body_ar.render_as_block()
    assert "English body" in stored.body_en.render_as_block()
    assert not list(stored.body_ku)


def test_editing_one_language_leaves_the_others_alone(site_tree):
    """Translators: saving the English text does not touch the Arabic or Kurmanji columns."""
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل", title_ku="Xebat")
    page = NewsPage.objects.get(pk=page.pk)
    with translation.override("en"):
        page.title = "Workshop"
        page.summary = "Summary"
        page.save()
    stored = NewsPage.objects.get(pk=page.pk)
    assert (stored.title_ar, stored.title_ku, stored.title_en) == ("ورشة عمل", "Xebat", "Workshop")
    assert (stored.summary_ar, stored.summary_en) == ("ملخص قصير للخبر.", "Summary")


def test_reading_a_page_in_each_language(site_tree):
    """Readers: a field read in a language gives that language, or its fallback chain when still empty
    (Kurmanji falls back to Arabic, English to Arabic)."""
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل", title_en="Workshop", summary_en="In English")
    page = NewsPage.objects.get(pk=page.pk)
    with translation.override("ar"):
        assert (page.title, page.summary) == ("ورشة عمل", "ملخص قصير للخبر.")
    with translation.override("en"):
        assert (page.title, page.summary) == ("Workshop", "In English")
    with translation.override("ku"):
        assert (page.title, page.summary) == ("ورشة عمل", "ملخص قصير للخبر.")


@pytest.mark.parametrize("factory, model, field", [(TopicFactory, Topic, "name"), (PersonFactory, Person, "role")])
def test_snippet_fields_are_stored_and_read_per_language(factory, model, field):
    """Editors name topics and people in each language; readers see their language or the fallback."""
    snippet = factory(**{f"{field}_ar": "حقوق الإنسان", f"{field}_ku": "Mafên mirovan", f"{field}_en": ""})
    row = model.objects.filter(pk=snippet.pk).values(f"{field}_ar", f"{field}_ku", f"{field}_en")[0]
    assert row == {f"{field}_ar": "حقوق الإنسان", f"{field}_ku": "Mafên mirovan", f"{field}_en": ""}
    stored = model.objects.get(pk=snippet.pk)
    with translation.override("ku"):
        assert getattr(stored, field) == "Mafên mirovan"
    with translation.override("en"):
        assert getattr(stored, field) == "حقوق الإنسان"


def test_site_settings_are_stored_and_read_per_language(site_tree):
    """Editors: the organisation's name shown in the site header, per language."""
    settings = SiteSettingsFactory(site=site_tree["site"], organisation_name_ku="Navenda ASO")
    stored = SiteSettings.objects.get(pk=settings.pk)
    with translation.override("ar"):
        assert stored.organisation_name == "مركز آسو للاستشارات والدراسات الاستراتيجية"
    with translation.override("ku"):
        assert stored.organisation_name == "Navenda ASO"
    with translation.override("en"):
        assert stored.organisation_name == "ASO Center for Consultancy and Strategic Studies"


def test_image_alt_text_is_stored_per_language():
    """Editors write alt text per language; screen-reader users get theirs, or Arabic until it exists."""
    image = ImageFactory(description_ar="صورة من ورشة عمل", description_en="A workshop photo")
    stored = CMSImage.objects.get(pk=image.pk)
    assert (stored.description_ar, stored.description_en) == ("صورة من ورشة عمل", "A workshop photo")
    assert not stored.description_ku
    with translation.override("en"):
        assert stored.description == "A workshop photo"
    with translation.override("ku"):
        assert stored.description == "صورة من ورشة عمل"


# -- Slugs in each script ---------------------------------------------------------------------------------


def test_arabic_title_gives_an_arabic_slug(site_tree):
    """Readers share links whose last part is in Arabic, as the title is."""
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل في عامودا", slug=None, slug_ar=None)
    assert page.slug_ar == "ورشة-عمل-في-عامودا"
    assert page.url_path_ar.endswith("/ورشة-عمل-في-عامودا/")


def test_tatweel_and_tashkeel_do_not_reach_the_slug(site_tree):
    """Editors stretch words (ـ) and vowel them (tashkeel) in titles; the slug is the plain spelling, so
    "وَرْشَـــةُ" and "ورشة" give the same link."""
    title = f"وَرْشَ{TATWEEL * 3}ةُ عَمَلٍ"
    page = NewsPageFactory(parent=site_tree["news"], title_ar=title, slug=None, slug_ar=None)
    assert page.slug_ar == "ورشة-عمل"
    assert page.title_ar == title  # the title itself keeps what the editor wrote


def test_typed_slugs_are_normalised_too(site_tree):
    """Editors who type a slug with tashkeel or tatweel get the same plain slug."""
    page = NewsPageFactory(parent=site_tree["news"], title_ar="خبر", slug_ar=f"خَبَر{TATWEEL}-جديد")
    assert page.slug_ar == "خبر-جديد"


def test_kurmanji_slug_keeps_its_letters(site_tree):
    """Kurmanji readers: ê î û ç ş are letters of the alphabet, not accents to strip."""
    page = NewsPageFactory(
        parent=site_tree["news"], title_ku="Çalakiya Jinên Şêwirmend û Rêveberiyê li Qamişlo", title_en="Activity"
    )
    assert page.slug_ku == "çalakiya-jinên-şêwirmend-û-rêveberiyê-li-qamişlo"
    for letter in "êîûçş":
        assert letter in unicode_slug("êîûçş")
    assert page.url_path_ku.endswith("/çalakiya-jinên-şêwirmend-û-rêveberiyê-li-qamişlo/")


def test_each_language_has_its_own_slug(site_tree):
    """Readers of each language get a link in their own language, under their language's parent path."""
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ar="تدريب الصحفيين",
        title_ku="Perwerdeya rojnamevanan",
        title_en="Training for journalists",
        slug=None,
        slug_ar=None,
    )
    assert (page.slug_ar, page.slug_ku, page.slug_en) == (
        "تدريب-الصحفيين",
        "perwerdeya-rojnamevanan",
        "training-for-journalists",
    )
    news = site_tree["news"]
    for code in ("ar", "ku", "en"):
        assert (
            getattr(page, f"url_path_{code}") == getattr(news, f"url_path_{code}") + getattr(page, f"slug_{code}") + "/"
        )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ورشة عمل", "ورشة-عمل"),
        (f"ورشـ{TATWEEL}ة", "ورشة"),
        ("مُدَرِّبٌ", "مدرب"),  # damma, fatha, kasra, shadda, tanween
        ("سُكُوْن", "سكون"),  # sukun
        ("رحمٰن", "رحمن"),  # dagger alef
        ("Şêwirmendî û Çalakî", "şêwirmendî-û-çalakî"),
        ("Workshop: 3 days!", "workshop-3-days"),
        ("ـــ", ""),
    ],
)
def test_unicode_slug(text, expected):
    """Everything that makes slugs (pages, the admin form, the seed data) shares this one rule."""
    assert unicode_slug(text) == expected


def test_strip_arabic_marks_keeps_letters():
    """Search and slugs drop marks, never letters (hamza forms and ta marbuta are letters)."""
    assert strip_arabic_marks("أَإِآءؤئة") == "أإآءؤئة"


# -- Facts of a session report ----------------------------------------------------------------------------


def test_session_cannot_end_before_it_starts(site_tree):
    """Editors: the dates of a session are checked when it is saved from any form."""
    import datetime

    page = DialogueSessionPageFactory.build(
        start_date=datetime.date(2025, 5, 2), end_date=datetime.date(2025, 5, 1), title="x", slug="x"
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict


def test_session_participants_must_add_up(site_tree):
    """Editors: women and men together cannot be more than the total."""
    page = DialogueSessionPageFactory.build(
        participants_total=10, participants_women=6, participants_men=5, title="x", slug="x"
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "participants_total" in error.value.message_dict


def test_snippets_of_reads_what_was_prefetched_and_what_is_set_in_memory(site_tree, django_assert_num_queries):
    """``news.relations.snippets_of``: a prefetched relation costs no query (the index and the stored
    documents read it for thousands of pages); relations set in memory, as on a revision being previewed,
    win over what was prefetched; without either, the database is read."""
    first, second = TopicFactory(name_en="Water"), TopicFactory(name_en="Schools")
    page = NewsPageFactory(parent=site_tree["news"])
    page.topics.set([first])
    page.save()
    loaded = NewsPage.objects.prefetch_related("topics").get(pk=page.pk)
    with django_assert_num_queries(0):
        assert snippets_of(loaded, "topics") == [first]
    loaded.topics = [second]  # a form or a revision's content, not saved
    with django_assert_num_queries(0):
        assert snippets_of(loaded, "topics") == [second]
    plain = NewsPage.objects.get(pk=page.pk)
    with django_assert_num_queries(1):
        assert snippets_of(plain, "topics") == [first]


def test_prefetch_snippets_reads_every_relation_of_many_pages_in_two_queries_each(
    site_tree, django_assert_num_queries, django_assert_max_num_queries
):
    """``news.relations.prefetch_snippets`` (the index rebuild): what ``snippets_of`` then gives is what each
    page's own relation gives, in the same order, with the places' parents loaded, whatever the number of
    pages."""
    region = PlaceFactory(name_en="Jazira")
    town = PlaceFactory(name_en="Amuda", parent=region)
    topics = [TopicFactory(name_en=f"Topic {n}") for n in range(3)]
    sessions = []
    for n in range(4):
        page = DialogueSessionPageFactory(parent=site_tree["sessions"])
        page.topics.set(topics[: n + 1])
        page.places.set([town] if n % 2 else [])
        page.facilitators.set([PersonFactory()])
        page.save()
        sessions.append(page)
    pages = list(DialogueSessionPage.objects.filter(pk__in=[page.pk for page in sessions]))
    relations = ("topics", "places", "partners", "facilitators", "organisers", "funders")
    with django_assert_max_num_queries(2 * len(relations)):  # one when no page has any
        prefetch_snippets(pages)
    with django_assert_num_queries(0):
        read = {(page.pk, name): snippets_of(page, name) for page in pages for name in relations}
        assert [place.ancestors() for page in pages for place in read[(page.pk, "places")]] == [[region]] * 2
    for page in DialogueSessionPage.objects.filter(pk__in=[page.pk for page in sessions]):
        for name in relations:
            assert read[(page.pk, name)] == list(getattr(page, name).all()), name
    assert [len(read[(page.pk, "topics")]) for page in sorted(pages, key=lambda page: page.pk)] == [1, 2, 3, 3]
