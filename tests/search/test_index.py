"""The index follows the content: publish, unpublish, translations added or removed, snippets renamed,
pages deleted. Relied on by readers (what they find is what is published) and editors (a rename shows up)."""

import pytest

from news.factories import NewsPageFactory, PlaceFactory, TopicFactory, paragraph
from search import indexer
from search.models import SearchEntry


def entries(page):
    return dict(SearchEntry.objects.filter(page=page).values_list("lang", "title"))


@pytest.fixture
def page(site_tree):
    return NewsPageFactory(parent=site_tree["news"], title_ar="ورشة عمل في هجين", title_en="Workshop in Hajin")


def test_a_published_page_has_one_entry_per_language_it_is_written_in(page):
    assert entries(page) == {"ar": "ورشة عمل في هجين", "en": "Workshop in Hajin"}


def test_empty_fields_are_stored_empty_never_as_none(page):
    """Wagtail's own index writes "None" for empty translated fields; ours must not."""
    for row in SearchEntry.objects.filter(page=page).values():
        for name, value in row.items():
            if isinstance(value, str):
                assert "none" not in value.lower().split(), (name, value)
    assert SearchEntry.objects.get(page=page, lang="en").body == ""  # no English body written


def test_unpublishing_removes_the_entries_and_publishing_brings_them_back(page):
    page.unpublish()
    assert entries(page) == {}
    page.save_revision().publish()
    assert set(entries(page)) == {"ar", "en"}


def test_a_translation_added_then_removed(page):
    page.title_ku = "Kargeh li Hecînê"
    page.summary_ku = "Bîst perwerdekar."
    page.save_revision().publish()
    assert entries(page)["ku"] == "Kargeh li Hecînê"
    page.title_ku = ""
    page.summary_ku = ""
    page.save_revision().publish()
    assert "ku" not in entries(page)


def test_an_unpublished_draft_never_reaches_the_index(page):
    page.title_en = "Secret draft title"
    page.save_revision()
    assert entries(page)["en"] == "Workshop in Hajin"


def test_body_text_is_plain_text(site_tree):
    page = NewsPageFactory(
        parent=site_tree["news"], title_en="Body", body_en=paragraph('<b>Bold</b> &amp; <a href="/x">linked</a>')
    )
    assert SearchEntry.objects.get(page=page, lang="en").body == "Bold & linked"


def test_renaming_a_place_changes_what_finds_its_items(page):
    town = PlaceFactory(name_en="Hajin", name_ar="هجين")
    page.places.add(town)
    page.save()
    assert "hajin" in SearchEntry.objects.get(page=page, lang="en").names_norm
    town.name_en = "Hadjin"
    town.save()
    assert "hadjin" in SearchEntry.objects.get(page=page, lang="en").names_norm.split()


def test_renaming_a_governorate_reaches_the_items_of_its_towns(page):
    governorate = PlaceFactory(name_en="Deir Ezzor")
    town = PlaceFactory(name_en="Hajin", parent=governorate)
    page.places.add(town)
    page.save()
    governorate.name_en = "Deir ez-Zor"
    governorate.save()
    assert "zor" in SearchEntry.objects.get(page=page, lang="en").names_norm.split()


def test_deleting_a_topic_removes_its_name(page):
    topic = TopicFactory(name_en="Elections")
    page.topics.add(topic)
    page.save()
    assert "elect" in SearchEntry.objects.get(page=page, lang="en").names_norm
    topic.delete()
    assert "elect" not in SearchEntry.objects.get(page=page, lang="en").names_norm


def test_deleting_a_page_deletes_its_entries(page):
    pk = page.pk
    page.delete()
    assert not SearchEntry.objects.filter(page_id=pk).exists()


def test_rebuild_recreates_everything_and_paused_indexing_skips(site_tree):
    with indexer.paused():
        quiet = NewsPageFactory(parent=site_tree["news"], title_en="Quiet import")
    assert not SearchEntry.objects.filter(page=quiet).exists()
    assert indexer.rebuild() == SearchEntry.objects.count()
    assert SearchEntry.objects.filter(page=quiet, lang="en").exists()


def test_indexing_queries_do_not_grow_with_the_pages_and_honour_review_marks(site_tree):
    """A batch reads each relation once (review marks included), whatever its size; a language marked for
    review is not indexed (readers get the fallback there)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from translations.models import ReviewMark
    from translations.registry import content_type_for

    def make(n):
        return [
            NewsPageFactory(parent=site_tree["news"], title_ar=f"ورشة {n}-{i}", title_en=f"Workshop {n}-{i}")
            for i in range(n)
        ]

    few, many = make(2), make(12)
    ReviewMark.objects.create(content_type=content_type_for(type(many[3])), object_id=many[3].pk, lang="en")

    def queries(pages):
        with CaptureQueriesContext(connection) as captured:
            indexer.index_pages([page.pk for page in pages])
        return len(captured.captured_queries)

    assert queries(many) == queries(few)
    assert entries(many[3]) == {"ar": "ورشة 12-3"}
    assert entries(many[4]) == {"ar": "ورشة 12-4", "en": "Workshop 12-4"}
