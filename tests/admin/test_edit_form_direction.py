"""Every translated input in the admin's edit forms is written in its own direction and language.

Editors write Arabic first and then Kurmanji and English in the same form; whatever language the admin
interface is in, the Arabic inputs must run right-to-left and the Kurmanji and English ones left-to-right
(and carry ``lang``, so spell-checkers and screen readers use the right language). Labels name each language
in its own script.
"""

import pytest
from django.urls import reverse

from cms import languages
from cms.factories import ImageFactory
from home.factories import SiteSettingsFactory
from news.factories import DialogueSessionPageFactory, NewsPageFactory, PersonFactory, TopicFactory

from .conftest import ADMIN_LANGUAGES, soup

pytestmark = pytest.mark.django_db

CODES = ["ar", "ku", "en"]
EXPECTED_DIR = {"ar": "rtl", "ku": "ltr", "en": "ltr"}


def assert_input_direction(page, name, code, tag=None):
    element = page.find(tag or ["input", "textarea"], attrs={"name": name})
    assert element is not None, f"no input named {name} in the form"
    assert element.get("dir") == EXPECTED_DIR[code], f"{name}: dir={element.get('dir')!r}"
    assert element.get("lang") == code, f"{name}: lang={element.get('lang')!r}"


def assert_wrapped_direction(page, name, code):
    """Widgets drawn by JavaScript (StreamField) take their direction from a wrapping element."""
    field = page.find(attrs={"id": name, "data-block": True})
    assert field is not None, f"no widget for {name} in the form"
    wrapper = field.find_parent("div", class_="cms-lang")
    assert wrapper is not None, f"{name} is not wrapped in a .cms-lang element"
    assert (wrapper["dir"], wrapper["lang"]) == (EXPECTED_DIR[code], code)
    assert wrapper.find_parent("div", class_="cms-lang") is None, f"{name} is wrapped twice"


def label_text(page, name):
    label = page.find("label", attrs={"for": f"id_{name}"})
    assert label is not None, f"no label for {name}"
    for mark in label.select(".w-required-mark"):
        mark.extract()
    return " ".join(label.get_text().split())


@pytest.fixture(params=ADMIN_LANGUAGES)
def admin_in(request, editor_client):
    return editor_client.set_admin_language(request.param), request.param


def test_admin_interface_follows_the_editors_preference(admin_in, site_tree):
    """Editors choose the admin's own language; the page then declares it (Kurmanji has no Wagtail catalog
    and must still render)."""
    client, ui = admin_in
    page = NewsPageFactory(parent=site_tree["news"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = soup(response).find("html")
    assert html["lang"] == ui
    assert html["dir"] == languages.KNOWN[ui].direction


def test_page_title_summary_and_body_inputs_carry_their_language(admin_in, site_tree):
    """Editors: the title, the summary textarea and the body StreamField of a news item, in each language."""
    client, _ui = admin_in
    page = NewsPageFactory(parent=site_tree["news"], title_en="Workshop")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = soup(response)
    for code in CODES:
        assert_input_direction(html, f"title_{code}", code, tag="input")
        assert_input_direction(html, f"summary_{code}", code, tag="textarea")
        assert_input_direction(html, f"slug_{code}", code, tag="input")
        assert_input_direction(html, f"search_description_{code}", code, tag="textarea")
        assert_wrapped_direction(html, f"body_{code}", code)


def test_session_report_lists_carry_their_language(admin_in, site_tree):
    """Editors: the outcomes and recommendations of a dialogue session are StreamFields per language too."""
    client, _ui = admin_in
    page = DialogueSessionPageFactory(parent=site_tree["sessions"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = soup(response)
    for code in CODES:
        assert_wrapped_direction(html, f"outcomes_{code}", code)
        assert_wrapped_direction(html, f"recommendations_{code}", code)


def test_labels_name_each_language_in_its_own_script(admin_in, site_tree):
    """Editors and translators tell the three title inputs apart by the language's native name."""
    client, _ui = admin_in
    page = NewsPageFactory(parent=site_tree["news"])
    html = soup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    for code in CODES:
        native = languages.KNOWN[code].native_name
        assert label_text(html, f"title_{code}").endswith(f"· {native}")
        assert label_text(html, f"summary_{code}").endswith(f"· {native}")


@pytest.mark.parametrize(
    "factory, url_name, fields",
    [
        (TopicFactory, "wagtailsnippets_news_topic:edit", ["name"]),
        (PersonFactory, "wagtailsnippets_news_person:edit", ["name", "role"]),
    ],
)
def test_snippet_inputs_carry_their_language(admin_in, factory, url_name, fields):
    """Editors name topics, places and people in each language in the snippet forms."""
    client, _ui = admin_in
    snippet = factory()
    response = client.get(reverse(url_name, args=[snippet.pk]))
    assert response.status_code == 200
    html = soup(response)
    for code in CODES:
        for field in fields:
            assert_input_direction(html, f"{field}_{code}", code)
            assert label_text(html, f"{field}_{code}").endswith(languages.KNOWN[code].native_name)


def test_site_settings_inputs_carry_their_language(admin_in, site_tree):
    """Editors: organisation name, tagline, address and the menu labels (inline items) in each language."""
    client, _ui = admin_in
    SiteSettingsFactory(site=site_tree["site"])
    response = client.get(reverse("wagtailsettings:edit", args=["home", "sitesettings", site_tree["site"].pk]))
    assert response.status_code == 200
    html = soup(response)
    for code in CODES:
        assert_input_direction(html, f"organisation_name_{code}", code, tag="input")
        assert_input_direction(html, f"tagline_{code}", code, tag="input")
        assert_input_direction(html, f"address_{code}", code, tag="textarea")
        assert_input_direction(html, f"menu_items-__prefix__-label_{code}", code, tag="input")


def test_image_alt_text_has_one_input_per_language(admin_in):
    """Editors write an image's alt text in each language, each in its own direction; a single untranslated
    input would silently write whichever language the admin interface is in."""
    client, _ui = admin_in
    image = ImageFactory(description_ar="صورة من ورشة عمل", description_en="A workshop photo")
    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert response.status_code == 200
    html = soup(response)
    assert html.find("input", attrs={"name": "description"}) is None
    for code in CODES:
        assert_input_direction(html, f"description_{code}", code, tag="input")
        assert label_text(html, f"description_{code}").endswith(languages.KNOWN[code].native_name)
    assert html.find("input", attrs={"name": "description_ar"})["value"] == "صورة من ورشة عمل"
    assert html.find("input", attrs={"name": "description_en"})["value"] == "A workshop photo"
