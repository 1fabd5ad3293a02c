"""The one change signal (``cms.changes``): each kind of change names the pages and languages it affects.

Search, caches, webhooks, translation status and stored documents all rely on these answers: a change
that is missed here is stale content everywhere.
"""

import pytest
from wagtail.models import PageViewRestriction

from cms import changes
from cms.factories import ImageFactory
from home.models import SiteSettings
from news.factories import NewsPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []

    def listener(sender, change, **kwargs):
        received.append(change)

    changes.content_changed.connect(listener, dispatch_uid="test-heard")
    yield received
    changes.content_changed.disconnect(dispatch_uid="test-heard")


def _publish(page):
    page.save_revision().publish()


def test_publishing_a_translation_names_only_that_language(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="Workshop")
    heard.clear()
    page.summary_ku = "Kurte"
    _publish(page)
    published = [c for c in heard if c.action == changes.PUBLISHED]
    assert len(published) == 1
    assert published[0].page_ids >= {page.pk}
    assert published[0].languages == {"ku"}


def test_a_shared_fact_affects_every_language(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة")
    heard.clear()
    page.date = page.date.replace(year=2020)
    _publish(page)
    assert {c.action for c in heard} == {changes.PUBLISHED}
    assert heard[-1].languages == {"ar", "ku", "en"}


def test_a_draft_sends_nothing(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة")
    heard.clear()
    page.title_ar = "مسودة"
    page.save_revision()
    assert heard == []


def test_a_slug_change_names_old_and_new_paths(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="Workshop", slug_en="workshop")
    heard.clear()
    page.slug_en = "workshop-in-hajin"
    _publish(page)
    change = heard[-1]
    old, new = change.paths[page.pk]["en"]
    assert old.endswith("/workshop/") and new.endswith("/workshop-in-hajin/")
    assert "ar" not in change.paths[page.pk]


def test_a_section_slug_change_reaches_its_items(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", title_en="Workshop")
    section = site_tree["news"]
    heard.clear()
    section.slug_en = "stories"
    _publish(section)
    change = heard[-1]
    assert page.pk in change.page_ids
    old, new = change.paths[page.pk]["en"]
    assert "/stories/" in new and "/stories/" not in old


def test_unpublish_and_delete(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة")
    heard.clear()
    page.unpublish()
    assert heard[-1].action == changes.UNPUBLISHED and page.pk in heard[-1].page_ids
    pk = page.pk
    page.delete()
    assert heard[-1].action == changes.DELETED and pk in heard[-1].page_ids


def test_renaming_a_topic_names_the_pages_filed_under_it(site_tree, heard):
    topic = TopicFactory(name_ar="حقوق", name_ku="Maf")
    filed = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", topics=[topic])
    other = NewsPageFactory(parent=site_tree["news"], title_ar="أخرى")
    heard.clear()
    topic.name_ku = "Mafên mirovan"
    topic.save()
    change = heard[-1]
    assert change.action == changes.TAXONOMY
    assert filed.pk in change.page_ids and other.pk not in change.page_ids
    assert change.languages == {"ku"}


def test_changing_alt_text_names_the_pages_showing_the_image(site_tree, heard):
    image = ImageFactory()
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", main_image=image)
    heard.clear()
    image.description_en = "Participants"
    image.save()
    change = heard[-1]
    assert change.action == changes.MEDIA and page.pk in change.page_ids and change.languages == {"en"}


def test_a_restriction_names_the_section_and_its_items(site_tree, heard):
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة")
    heard.clear()
    PageViewRestriction.objects.create(page=site_tree["news"], restriction_type="password", password="x")
    change = heard[-1]
    assert change.action == changes.RESTRICTED and {page.pk, site_tree["news"].pk} <= change.page_ids


def test_a_collection_restriction_names_the_pages_showing_its_media(site_tree, heard):
    """Even when made with a collection object loaded before a sibling was added (collections are sorted by
    name, so its path has moved since): the pages named are those showing this collection's images."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    later = root.add_child(name="Published for now")
    image = ImageFactory(collection=later)
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", main_image=image)
    other = NewsPageFactory(parent=site_tree["news"], title_ar="صورة", main_image=ImageFactory())
    root.add_child(name="A collection sorted before it")  # ``later``'s path is now another's
    heard.clear()
    CollectionViewRestriction.objects.create(collection=later, restriction_type="login")
    change = heard[-1]
    assert change.action == changes.MEDIA and page.pk in change.page_ids and other.pk not in change.page_ids


def test_a_collection_moved_under_a_private_one_names_the_pages_showing_its_media(site_tree, heard, admin_client):
    """Wagtail's collection form moves the collection after saving it, with no model signal: the move is
    heard all the same, naming the pages that show its images (whose stored answers must drop them)."""
    from django.urls import reverse
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    public = root.add_child(name="Public")
    image = ImageFactory(collection=public)
    page = NewsPageFactory(parent=site_tree["news"], title_ar="ورشة", main_image=image)
    other = NewsPageFactory(parent=site_tree["news"], title_ar="صورة", main_image=ImageFactory())
    heard.clear()
    response = admin_client.post(
        reverse("wagtailadmin_collections:edit", args=[public.pk]), {"name": "Public", "parent": private.pk}
    )
    assert response.status_code == 302
    assert Collection.objects.get(pk=public.pk).get_parent().pk == private.pk
    media = [c for c in heard if c.action == changes.MEDIA]
    assert media and page.pk in media[-1].page_ids and other.pk not in media[-1].page_ids


def test_settings_are_heard_after_commit(site_tree, heard, django_capture_on_commit_callbacks):
    settings = SiteSettings.for_site(site_tree["site"])
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert [c.action for c in heard] == [changes.SETTINGS]


def test_unknown_actions_are_refused():
    with pytest.raises(ValueError):
        changes.Change("renamed")
