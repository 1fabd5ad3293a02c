"""Which objects and fields translators work on, and which of them decide whether a language version exists.

Everything is read from the modeltranslation registrations (``*/translation.py``), so a field made
translatable there is tracked here without more code. Left out: slugs and URL paths (derived from titles)
and the SEO title and description (the API falls back to the title and summary for them).
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from modeltranslation.translator import NotRegistered, translator
from wagtail.models import Page

from .models import IMAGE, PAGE, SETTINGS, SNIPPET

UNTRACKED = {"slug", "url_path", "seo_title", "search_description", "draft_title"}
# The fields a reader must see in a language for the item to exist in it (besides being complete): a card
# needs its title and summary. A key field without source text is not required.
KEY_FIELDS = {PAGE: ("title", "summary"), SNIPPET: ("name",), SETTINGS: ("organisation_name",), IMAGE: ("description",)}


def page_models() -> list[type]:
    from cms.pages import TranslatedPage

    return [m for m in apps.get_models() if issubclass(m, TranslatedPage)]


def snippet_models() -> list[type]:
    from news.relations import SNIPPET_MODELS

    return list(SNIPPET_MODELS)


def settings_models() -> list[type]:
    return [apps.get_model("home", "SiteSettings")]


def image_models() -> list[type]:
    return [apps.get_model("cms", "CMSImage")]


def kind_of(model) -> str | None:
    if issubclass(model, Page):
        return PAGE if model in page_models() else None
    for kind, models in ((SNIPPET, snippet_models()), (SETTINGS, settings_models()), (IMAGE, image_models())):
        if model in models:
            return kind
    return None


def tracked_models() -> list[type]:
    return [*page_models(), *snippet_models(), *settings_models(), *image_models()]


@cache
def fields_of(model) -> tuple[str, ...]:
    """Translated fields of ``model`` a translator writes, in declaration order (title first for pages)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    names = [f.name for f in model._meta.get_fields() if f.name in options.all_fields and f.name not in UNTRACKED]
    if "title" in names:
        names.remove("title")
        names.insert(0, "title")
    return tuple(names)


def key_fields(model) -> tuple[str, ...]:
    return tuple(f for f in KEY_FIELDS.get(kind_of(model), ()) if f in fields_of(model))


def content_type_for(model):
    """The content type states and statuses are keyed by: Wagtail's base page type for every page."""
    return ContentType.objects.get_for_model(Page if issubclass(model, Page) else model)


def model_label(model) -> str:
    return model._meta.label_lower
