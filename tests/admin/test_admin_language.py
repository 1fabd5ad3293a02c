"""An Arabic (or Kurmanji) editor meets no English word of ours in the admin.

Every string the project shows editors (labels, help texts, choices, block names, panel headings, page and
snippet type names, menu names) is marked for translation and has a translation in the Arabic and Kurmanji
catalogs; every create and edit form, rendered with the admin in Arabic or Kurmanji, shows none of those
strings in English. The strings checked come from the catalog and from the models themselves, not from a
list kept in this file, so a new field without a translation fails here.
"""

import gettext
import json
import re
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from modelcluster.fields import ParentalKey
from modeltranslation.fields import TranslationField
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from cms.factories import ImageFactory
from home.factories import SiteSettingsFactory
from news.factories import (
    DialogueSessionPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    ProjectFactory,
    StatementPageFactory,
    TopicFactory,
)

from .catalogs import messages, parse_po, po_path

pytestmark = pytest.mark.django_db

EDITOR_LANGUAGES = ["ar", "ku"]
PROJECT_APPS = ["news", "home", "delivery"]
SKIPPED_FIELDS = {"sort_order"}  # Orderable's own, drawn as drag handles, never as a labelled input


# -- What the project shows editors -------------------------------------------------------------------------


def msgids_of(value):
    """The catalog ids behind a lazy string: ``gettext_lazy(msgid)`` holds one; ``format_lazy`` and
    modeltranslation's per-language labels hold other lazy strings (their format is no message). A plain
    ``str`` has none."""
    if not isinstance(value, Promise):
        return []
    args = getattr(value, "_args", ())
    if len(args) == 1 and isinstance(args[0], str):
        return [args[0]]
    return [msgid for arg in args for msgid in msgids_of(arg)]


def project_models():
    return [m for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()]


def _blocks_strings(block, where, labelled=False):
    """Labels of named blocks (a stream's or a struct's children; a whole stream and a list's items carry
    none on screen) and every help text."""
    meta = block.meta
    if labelled:
        yield f"{where} label", meta.label
    if getattr(meta, "help_text", None):
        yield f"{where} help text", meta.help_text
    for name, child in (getattr(block, "child_blocks", None) or {}).items():
        yield from _blocks_strings(child, f"{where}.{name}", labelled=True)
    if isinstance(block, blocks.ListBlock):
        yield from _blocks_strings(block.child_block, f"{where}[]")


def _panel_strings(panel, where):
    from translations.panels import LanguagePanel

    for attribute in ("heading", "label", "help_text"):
        if attribute == "heading" and isinstance(panel, LanguagePanel):
            continue  # a language's own name ("Kurmancî"), the same in every admin language
        value = getattr(panel, attribute, None)
        if value and not getattr(panel, "field_name", None):
            yield f"{where} {attribute}", value
    for child in getattr(panel, "children", []):
        yield from _panel_strings(child, f"{where} > {type(child).__name__}")


def shown_strings():
    """(where, value) for every string of ours the admin shows an editor."""
    for model in project_models():
        name = model.__name__
        if issubclass(model, Page) or model in get_snippet_models() or hasattr(model, "panels"):
            yield f"{name} verbose_name", model._meta.verbose_name
            yield f"{name} verbose_name_plural", model._meta.verbose_name_plural
        for field in model._meta.get_fields(include_parents=False):
            if not getattr(field, "concrete", False) or field.auto_created or not getattr(field, "editable", True):
                continue
            if isinstance(field, (TranslationField, ParentalKey)) or field.name in SKIPPED_FIELDS:
                continue
            yield f"{name}.{field.name} verbose_name", field.verbose_name
            if field.help_text:
                yield f"{name}.{field.name} help_text", field.help_text
            for value, label in field.choices or []:
                yield f"{name}.{field.name} choice {value}", label
            if isinstance(field, StreamField):
                yield from _blocks_strings(field.stream_block, f"{name}.{field.name}")
        if issubclass(model, Page) or hasattr(model, "panels"):
            handler = model.get_edit_handler() if hasattr(model, "get_edit_handler") else None
            if handler is not None:
                yield from _panel_strings(handler, f"{name} panels")
    from news.wagtail_hooks import TaxonomyGroup

    yield "Filing menu", TaxonomyGroup.menu_label


def test_every_string_shown_to_editors_is_marked_for_translation():
    """A label or help text written as a plain string (or left for Django to derive from the field name)
    would show English whatever the admin's language."""
    plain = [where for where, value in shown_strings() if not msgids_of(value)]
    assert plain == [], "not marked for translation: " + ", ".join(plain)


@cache
def wagtails_own_msgids():
    """Strings Wagtail itself declares (its tab headings "Content", "Promote"...): Wagtail's to translate."""
    import wagtail

    ids = set()
    for path in Path(wagtail.__file__).parent.rglob("locale/ar/LC_MESSAGES/django.mo"):
        with open(path, "rb") as compiled:
            ids |= {k for k in gettext.GNUTranslations(compiled)._catalog if isinstance(k, str)}
    return frozenset(ids)


@pytest.mark.parametrize("code", EDITOR_LANGUAGES)
def test_every_string_shown_to_editors_has_a_translation(code):
    catalog, wagtails = messages(code), wagtails_own_msgids()
    missing = sorted(
        {
            msgid
            for _where, value in shown_strings()
            for msgid in msgids_of(value)
            if (msgid not in catalog or not catalog[msgid].translated) and msgid not in wagtails
        }
    )
    assert missing == [], f"{len(missing)} project string(s) untranslated in {code}: {missing}"


@pytest.mark.parametrize("code", ["ar", "ku", "ckb"])
def test_the_compiled_catalog_is_the_catalog_source(code):
    """The compiled catalogs are kept in the repository (so a fresh checkout serves them without gettext
    tools): each must hold exactly the translated entries of its ``.po`` file. Run ``make messages`` after
    editing a catalog."""
    entries = [e for e in parse_po(po_path(code)) if e.msgid and not e.fuzzy and e.translated]
    expected = {e.key: e.msgstr[0] for e in entries if e.msgid_plural is None}
    with open(po_path(code).with_suffix(".mo"), "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    compiled_messages = {k: v for k, v in catalog.items() if k != "" and isinstance(k, str)}
    assert compiled_messages == expected


def test_sorani_catalog_is_ready_for_translators():
    """Sorani needs only its translations: its catalog holds every msgid of the Arabic one."""
    assert set(messages("ckb")) == set(messages("ar"))


# -- Rendered forms ------------------------------------------------------------------------------------------------


def english_leftovers(html, code):
    """Texts in the page equal to one of our msgids still in English (for msgids whose translation differs)."""
    catalog, wagtails = messages(code), wagtails_own_msgids()
    wagtails |= {capfirst(msgid) for msgid in wagtails}
    english = set()
    for msgid, entry in catalog.items():
        if entry.translated and entry.msgstr[0] != msgid:
            # A word Wagtail also uses ("Title" of an image) may be Wagtail's own, in English in Kurmanji.
            english |= {msgid, capfirst(msgid)} - wagtails
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.extract()
    texts = [" ".join(text.split()) for text in page.find_all(string=True)]
    for element in page.find_all(True):
        texts += [element.get(a, "") for a in ("placeholder", "title", "aria-label", "alt")]
    # StreamField block definitions travel as JSON in attributes and scripts of the raw page.
    for match in re.finditer(r'"(?:label|helpText|help_text|title)": ?"((?:[^"\\]|\\.)*)"', unescape(html)):
        texts.append(json.loads(f'"{match.group(1)}"'))
    found = set()
    for text in texts:
        text = (text or "").strip().rstrip("*:").strip()
        if text in english:
            found.add(text)
    return sorted(found)


def admin_urls(tree):
    """Every create and edit form (each page type, each snippet, settings, images) and the lists."""
    news = NewsPageFactory(parent=tree["news"])
    statement = StatementPageFactory(parent=tree["statements"])
    session = DialogueSessionPageFactory(parent=tree["sessions"])
    governorate = PlaceFactory(kind="governorate")
    snippets = {
        "topic": TopicFactory(),
        "place": PlaceFactory(parent=governorate),
        "organisation": OrganisationFactory(),
        "project": ProjectFactory(),
        "person": PersonFactory(),
    }
    settings = SiteSettingsFactory(site=tree["site"])
    image = ImageFactory()

    def add(model, parent):
        return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])

    urls = [
        add(type(news), tree["news"]),
        add(type(statement), tree["statements"]),
        add(type(session), tree["sessions"]),
        reverse("wagtailadmin_explore", args=[tree["news"].pk]),
        reverse("wagtailsettings:edit", args=["home", "sitesettings", settings.site_id]),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailadmin_home"),
        reverse("translations_report"),
        reverse("translations_exchange"),
        reverse("webhookendpoint:index"),
        reverse("webhookendpoint:add"),
        reverse("webhook_deliveries:index"),
    ]
    urls += [reverse("wagtailadmin_pages:edit", args=[p.pk]) for p in (tree["home"], tree["news"], news)]
    urls += [reverse("wagtailadmin_pages:edit", args=[p.pk]) for p in (tree["statements"], statement)]
    urls += [reverse("wagtailadmin_pages:edit", args=[p.pk]) for p in (tree["sessions"], session)]
    for name, obj in snippets.items():
        urls += [
            reverse(f"wagtailsnippets_news_{name}:add"),
            reverse(f"wagtailsnippets_news_{name}:edit", args=[obj.pk]),
            reverse(f"wagtailsnippets_news_{name}:list"),
            reverse(f"wagtailsnippetchoosers_news_{name}:choose") + "?multiple=1",
        ]
    return urls


@pytest.mark.parametrize("code", EDITOR_LANGUAGES)
def test_no_project_string_is_left_in_english(editor_client, site_tree, code):
    client = editor_client.set_admin_language(code)
    leftovers = {}
    urls = admin_urls(site_tree)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.loads(body).get("html", "")
        found = english_leftovers(body, code)
        if found:
            leftovers[url] = found
    assert leftovers == {}, f"English project strings in the {code} admin: {leftovers}"
    assert len(urls) >= 30


def test_the_admin_speaks_kurmanji_where_it_is_ours(editor_client, site_tree):
    """Wagtail ships no Kurmanji: its own words stay English, ours are Kurmanji."""
    client = editor_client.set_admin_language("ku")
    page = DialogueSessionPageFactory(parent=site_tree["sessions"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    for kurmanji in ("Dabeşkirin", "Beşdar", "Rûniştin", "Pêşniyar", "Dîroka destpêkê"):
        assert kurmanji in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Dabeşkirin") in menu  # the "Filing" menu, in the sidebar's JSON


def test_the_catalog_check_finds_english(editor_client, site_tree):
    """The leftover check itself: an English label of ours in an Arabic page is found."""
    html = '<label for="x">Dateline place</label><p class="help">Where the activity took place.</p>'
    assert english_leftovers(html, "ar") == ["Dateline place", "Where the activity took place."]
    with translation.override("ar"):
        assert english_leftovers(f"<label>{translation.gettext('dateline place')}</label>", "ar") == []
