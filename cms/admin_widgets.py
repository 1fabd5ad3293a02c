"""Every translated input in the admin carries the ``dir`` and ``lang`` of its language.

An Arabic editor working in an English admin (or the reverse) must see Arabic fields right-to-left and
Kurmanji fields left-to-right. modeltranslation makes one form field per language from a ``TranslationField``;
we hook there, once, so pages, snippets, settings, images and inline items all get it.

Plain inputs take the attributes directly. Widgets drawn by JavaScript (StreamField blocks, the Draftail
rich-text editor) ignore input attributes, so their markup is wrapped in an element that carries them; the
editors inherit the direction from it.
"""

from functools import cache

from django.utils.html import format_html

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
