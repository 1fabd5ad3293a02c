"""Every translated input in the admin carries the ``dir`` and ``lang`` of its language.

An Arabic editor working in an English admin (or the reverse) must see Arabic fields right-to-left and
Kurmanji fields left-to-right. modeltranslation makes one form field per language from a ``TranslationField``;
we hook there, once, so pages, snippets, settings, images and inline items all get it.

Plain inputs take the attributes directly. Widgets drawn by JavaScript (StreamField blocks, the Draftail
rich-text editor) ignore input attributes, so their markup is wrapped in an element that carries them; the
editors inherit the direction from it.
"""

import json
from functools import cache

from django import forms
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cms import languages


def _wrap(html, attrs):
    # BlockWidget.render() goes through render_with_errors(): wrap once, not once per layer.
    if str(html).startswith('<div class="cms-lang"'):
        return html
    return format_html('<div class="cms-lang" dir="{}" lang="{}">{}</div>', attrs["dir"], attrs["lang"], html)


@cache
def _wrapping_class(widget_class):
    namespace = {
        "render": lambda self, *a, **kw: _wrap(widget_class.render(self, *a, **kw), self.attrs),
    }
    if hasattr(widget_class, "render_with_errors"):
        namespace["render_with_errors"] = lambda self, *a, **kw: _wrap(
            widget_class.render_with_errors(self, *a, **kw), self.attrs
        )
    return type(f"Lang{widget_class.__name__}", (widget_class,), namespace)


def _needs_wrapper(widget):
    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
    from wagtail.blocks.base import BlockWidget

    return isinstance(widget, (BlockWidget, DraftailRichTextArea))


def localise_widget(widget, code):
    language = languages.KNOWN.get(code)
    if language is None:
        return widget
    widget.attrs.update({"dir": language.direction, "lang": code})
    if _needs_wrapper(widget) and not type(widget).__name__.startswith("Lang"):
        widget.__class__ = _wrapping_class(type(widget))
    return widget


def _is_page_field(field):
    from wagtail.models import Page

    return issubclass(field.model, Page)


def install():
    """Make every modeltranslation form field carry its language (called once from ``CmsConfig.ready``)."""
    from modeltranslation.fields import TranslationField

    if getattr(TranslationField.formfield, "_localised", False):
        return
    original = TranslationField.formfield

    def formfield(self, *args, **kwargs):
        field = original(self, *args, **kwargs)
        if field is not None:
            localise_widget(field.widget, self.language)
            if self.translated_field.name == "title" and _is_page_field(self):
                set_title_placeholder(field.widget, self.language)
        return field

    formfield._localised = True
    TranslationField.formfield = formfield
    _localise_copy_form()


def _localise_copy_form():
    """The page copy form of wagtail-modeltranslation declares its slug inputs ASCII-only, so it refuses an
    Arabic slug (even the page's own, which it prefills). Its slugs take any script, normalised as in the
    page form, and its title and slug inputs carry their language like every other translated input."""
    from django import forms
    from modeltranslation.utils import build_localized_fieldname
    from wagtail_modeltranslation.patch_wagtailadmin_forms import PatchedCopyForm

    from cms.text import unicode_slug

    if getattr(PatchedCopyForm.__init__, "_localised", False):
        return
    original = PatchedCopyForm.__init__

    def __init__(self, data=None, *args, **kwargs):
        codes = languages.enabled_codes()
        if data is not None:
            data = data.copy()
            for code in codes:
                name = "new_" + build_localized_fieldname("slug", code)
                if data.get(name):
                    data[name] = unicode_slug(data[name], 255) or data[name]
        original(self, data, *args, **kwargs)
        for code in codes:
            for base in ("title", "slug"):
                name = "new_" + build_localized_fieldname(base, code)
                field = self.fields.get(name)
                if field is None:
                    continue
                if base == "slug":
                    field = self.fields[name] = forms.SlugField(
                        allow_unicode=True, initial=field.initial, label=field.label, required=field.required
                    )
                localise_widget(field.widget, code)

    __init__._localised = True
    PatchedCopyForm.__init__ = __init__


# -- Title placeholders ----------------------------------------------------------------------------------------

# Strings our catalogs carry for Wagtail's own interface, which ships no Kurmanji: the admin's search box.
CATALOG_ONLY = (gettext_noop("Search"), gettext_noop("Read more"))
PAGE_TITLE = gettext_noop("Page title")


def _in_language(code, message):
    with translation.override(code):
        return translation.gettext(message)


def title_placeholder(code):
    """ "Page title" written in the input's own language, with the required mark on the source language only
    (Wagtail's default placeholder, "Page title*" in the admin's language, told editors every language was
    required)."""
    mark = "*" if code == languages.source_code() else ""
    return lazy(lambda: _in_language(code, PAGE_TITLE) + mark, str)()


def set_title_placeholder(widget, code):
    widget.attrs["placeholder"] = title_placeholder(code)


# -- Choosing several snippets ---------------------------------------------------------------------------------


class MultipleSnippetChooser(forms.SelectMultiple):
    """Several snippets chosen in Wagtail's searchable chooser modal (multiple selection), shown as a list of
    removable items, for a ``ParentalManyToManyField``: a plain multi-select box cannot be searched and
    lists every topic, place or organisation there is.

    The form posts the chosen ids under the field's name, as a ``<select multiple>`` would, so the model
    form field validates them as before. The modal is the snippet's own chooser (its search, its "add new").
    """

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model

    def _chooser_widget(self):
        from wagtail.snippets.widgets import AdminSnippetChooser

        viewset = getattr(self.model, "snippet_viewset", None)
        widget_class = viewset.chooser_viewset.widget_class if viewset else None
        return widget_class() if widget_class else AdminSnippetChooser(self.model)

    def _chosen(self, value):
        ids = [str(getattr(v, "pk", v)) for v in (value or []) if str(getattr(v, "pk", v)).strip()]
        if not ids:
            return []
        by_id = {str(obj.pk): obj for obj in self.model._default_manager.filter(pk__in=ids)}
        return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]

    def render(self, name, value, attrs=None, renderer=None):
        from wagtail.admin.telepath import JSContext

        attrs = self.build_attrs(self.attrs, attrs)
        widget_id = attrs.get("id") or f"id_{name}"
        definition = JSContext().pack(self._chooser_widget())
        items = format_html_join(
            "",
            '<li class="cms-chosen__item" data-id="{0}"><input type="hidden" name="{1}" value="{0}">'
            '<bdi class="cms-chosen__label">{2}</bdi>'
            '<button type="button" class="button button-small button-secondary cms-chosen__remove" '
            'aria-label="{3}: {2}" data-cms-remove>\u00d7</button></li>',
            [(obj.pk, name, _label(obj), _("Remove")) for obj in self._chosen(value)],
        )
        return format_html(
            '<div class="cms-chosen" id="{id}" data-cms-multiple-chooser data-name="{name}" data-chooser="{d}" '
            'data-remove-label="{remove}">'
            '<ul class="cms-chosen__list" aria-live="polite">{items}</ul>'
            '<button type="button" class="button button-small button-secondary" data-cms-open>{choose}</button>'
            "</div>",
            id=widget_id,
            name=name,
            d=json.dumps(definition),
            items=items,
            remove=_("Remove"),
            choose=format_lazy(_("Choose {items}"), items=self.model._meta.verbose_name_plural),
        )

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    @property
    def media(self):
        from wagtail.admin.telepath import JSContext

        context = JSContext()
        context.pack(self._chooser_widget())
        return context.media + forms.Media(js=["cms/admin/multiple-chooser.js"])


def _label(obj):
    label = getattr(obj, "admin_label", None)
    return label() if callable(label) else str(obj)
