"""Every factory makes an object that passes the model's own validation.

Test writers (API, search, body serializer, editing) and the demo seed build their data from these
factories; an object the admin would refuse would make their tests pass on data editors can never create.
"""

import pytest
from django.utils import translation
from wagtail.models import Page

from cms.factories import DocumentFactory, ImageFactory
from home.factories import HomePageFactory, SiteSettingsFactory
from news import factories

pytestmark = pytest.mark.django_db

SNIPPET_FACTORIES = [
    factories.TopicFactory,
    factories.PlaceFactory,
    factories.OrganisationFactory,
    factories.ProjectFactory,
    factories.PersonFactory,
]

PAGE_FACTORIES = [
    (factories.NewsPageFactory, "news"),
    (factories.StatementPageFactory, "statements"),
    (factories.DialogueSessionPageFactory, "sessions"),
]


@pytest.mark.parametrize("factory", SNIPPET_FACTORIES, ids=lambda f: f.__name__)
def test_snippet_factories_make_valid_objects(factory):
    first, second = factory(), factory()
    for snippet in (first, second):
        snippet.full_clean()
        assert snippet.name_ar and snippet.name_en
    assert first.slug != second.slug


@pytest.mark.parametrize("factory, section", PAGE_FACTORIES, ids=lambda f: getattr(f, "__name__", f))
def test_content_page_factories_make_valid_pages(site_tree, factory, section):
    first = factory(parent=site_tree[section])
    second = factory(parent=site_tree[section], title_en="In English")
    for page in (first, second):
        page.full_clean()
        page = type(page).objects.get(pk=page.pk)
        assert page.title_ar and page.slug_ar
        assert page.url_path_ar.startswith(site_tree[section].url_path_ar)
        assert page.get_parent().pk == site_tree[section].pk
        assert page.can_exist_under(site_tree[section])
    assert first.slug_ar != second.slug_ar
    assert second.slug_en == "in-english"


@pytest.mark.parametrize("section", ["news", "statements", "sessions"])
def test_section_factories_make_valid_pages(site_tree, section):
    page = site_tree[section].specific
    page.full_clean()
    assert page.can_exist_under(site_tree["home"])
    for code in ("ar", "ku", "en"):
        assert getattr(page, f"title_{code}")
        assert getattr(page, f"url_path_{code}") == f"/home/{getattr(page, f'slug_{code}')}/"


def test_home_factory_makes_a_valid_page(db):
    root = Page.get_first_root_node()
    for child in root.get_children():  # a site tree shared by the module may already hold the home page
        child.delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    home.full_clean()
    assert (home.title_ar, home.title_ku, home.title_en) == ("الرئيسية", "Destpêk", "Home")


def test_session_factory_figures_add_up(site_tree):
    page = factories.DialogueSessionPageFactory(parent=site_tree["sessions"])
    assert page.participants_women + page.participants_men <= page.participants_total


def test_factories_work_with_another_language_active(site_tree):
    """Factories are used in tests that switch the active language; the Arabic columns still get Arabic."""
    with translation.override("en"):
        page = factories.NewsPageFactory(parent=site_tree["news"], title_en="Workshop")
        topic = factories.TopicFactory()
    page.full_clean()
    topic.full_clean()
    assert page.title_ar.startswith("خبر") and page.title_en == "Workshop"


def test_site_settings_image_and_document_factories(site_tree):
    settings = SiteSettingsFactory(site=site_tree["site"])
    settings.full_clean()
    image = ImageFactory()
    image.full_clean()
    assert image.description_ar
    document = DocumentFactory()
    document.full_clean()
