"""Status per item and language follows every change: editing the source makes the translation outdated
(naming the field), updating the translation makes it complete, an empty language is missing, reverting a
revision and copying a page keep the right status."""

import pytest
from wagtail.models import Page

from news.factories import NewsPageFactory, TopicFactory, paragraph
from translations.models import TranslationState, TranslationStatus
from translations.status import evaluate

from .conftest import publish

pytestmark = pytest.mark.django_db


def stored(obj, lang):
    return TranslationStatus.objects.get(object_id=obj.pk, lang=lang, kind="page")


def test_new_item_statuses(item):
    assert stored(item, "ku").status == "complete"
    assert stored(item, "en").status == "missing"
    assert stored(item, "en").missing_fields == ["title", "summary", "body"]
    assert evaluate(item).languages["ar"].status == "complete"


def test_editing_the_source_makes_the_translation_outdated_naming_the_field(item):
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.")
    row = stored(item, "ku")
    assert row.status == "outdated"
    assert row.outdated_fields == ["summary"]
    state = TranslationState.objects.get(object_id=item.pk, lang="ku", field="summary")
    assert state.source_text == "ملخص الورشة."


def test_updating_the_translation_makes_it_complete(item):
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.")
    item, _ = publish(item, summary_ku="Kurteya nû.")
    row = stored(item, "ku")
    assert row.status == "complete" and row.outdated_fields == []
    state = TranslationState.objects.get(object_id=item.pk, lang="ku", field="summary")
    assert state.source_text == "ملخص جديد للورشة."


def test_emptying_a_language_makes_it_missing_or_partial(item):
    item, _ = publish(item, body_ku=[])
    assert stored(item, "ku").status == "partial"
    assert stored(item, "ku").missing_fields == ["body"]
    item, _ = publish(item, title_ku="", summary_ku="")
    assert stored(item, "ku").status == "missing"


def test_a_draft_does_not_change_the_status_readers_get(item):
    draft = item.get_latest_revision_as_object()
    draft.summary_ar = "مسودة"
    draft.save_revision()
    assert stored(item, "ku").status == "complete"


def test_reverting_a_revision(item):
    """Reverting the source brings the old translation back in step; reverting to a revision whose
    translation was written for an older source keeps it outdated."""
    first = item.latest_revision
    item, changed = publish(item, summary_ar="ملخص جديد للورشة.")
    assert stored(item, "ku").status == "outdated"
    first.publish()
    assert stored(item, "ku").status == "complete"
    # Now the translation follows the new source; reverting to the source-only change makes it outdated again.
    item = type(item).objects.get(pk=item.pk)
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.", summary_ku="Kurteya nû.")
    assert stored(item, "ku").status == "complete"
    changed.publish()  # new Arabic summary, old Kurmanji one
    assert stored(item, "ku").status == "outdated"
    assert stored(item, "ku").outdated_fields == ["summary"]


def test_copies_keep_the_original_status(item, site_tree):
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.")
    slugs = {"slug": "copy", "slug_ar": "copy", "slug_ku": "copy-ku", "slug_en": "copy-en"}
    copy = item.copy(to=site_tree["news"], update_attrs=slugs)
    from translations.signals import on_page_copied

    on_page_copied(item, copy)
    assert stored(copy, "ku").status == "outdated"


def test_moves_keep_the_status(item, site_tree):
    item, _ = publish(item, summary_ar="ملخص جديد للورشة.")
    Page.objects.get(pk=item.pk)  # moved pages keep their id, so their states
    assert stored(item, "ku").outdated_fields == ["summary"]


def test_snippets_have_statuses():
    topic = TopicFactory(name_ar="حقوق", name_en="Rights", name_ku="")
    row = TranslationStatus.objects.get(object_id=topic.pk, lang="ku", kind="snippet")
    assert row.status == "missing"
    topic.name_ar = "حقوق الإنسان"
    topic.save()
    assert TranslationStatus.objects.get(object_id=topic.pk, lang="en", kind="snippet").outdated_fields == ["name"]


def test_never_published_pages_have_statuses(site_tree):
    page = NewsPageFactory(parent=site_tree["news"], live=False, title_ar="مسودة", body_ar=paragraph("نص"))
    assert stored(page, "ku").status == "missing"
