"""The built-in views: a page rendered by the CMS itself from the API's item, for when no frontend is
configured (a fresh ``make run``), so editors always see what they are writing (the draft, in the preview
panel) and what readers get ("View live": the published version, ``delivery.serving``)."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation

from cms import languages

from . import preview

# Short texts of the preview bar, in the preview's own language (the admin may be in another one).
BAR_TEXT = {"ar": "معاينة المسودة", "ku": "Pêşdîtina reşnivîsê", "en": "Draft preview", "ckb": "پێشبینینی ڕەشنووس"}
LIVE_TEXT = {"ar": "النسخة المنشورة", "ku": "Guhertoya weşandî", "en": "Published version", "ckb": "وەشانی بڵاوکراوە"}
FALLBACK_TEXT = {"ar": "حقول من لغة أخرى:", "ku": "Qadên ji zimanekî din:", "en": "Fields from another language:"}


def preview_modes() -> list[tuple[str, str]]:
    return [(language.code, language.native_name) for language in languages.enabled()]


def serve_preview(page, request, mode_name: str):
    """The frontend's preview route with a token when one is configured, else the built-in preview."""
    code = mode_name if mode_name in languages.enabled_codes() else preview.editing_language(request)
    base = preview.frontend_preview_url()
    if base and page.pk:
        return HttpResponseRedirect(preview.preview_link(base, page, code))
    return render(request, page, code, BAR_TEXT)


def serve_live(request, page, code: str):
    """A public page as readers get it, when no frontend is configured (``cms.paths.site_url``)."""
    return render(request, page, code, LIVE_TEXT)


def render(request, page, code: str, bar_texts: dict):
    # Images and documents by root-relative URLs: they load from whichever host serves the page. A preview's
    # request is Wagtail's stand-in, named after the page's Site, which need not be the host the editor
    # reached the admin on (a development server on another port, an admin host of its own).
    item = preview.item_data(page, code, "")
    renditions = (item.get("image") or {}).get("renditions") or {}
    hero = renditions.get("large") or renditions.get("medium") or next(iter(renditions.values()), None)
    language = languages.KNOWN[code]
    with translation.override(code if code in ("ar", "en") else None):
        return TemplateResponse(
            request,
            "delivery/preview.html",
            {
                "item": item,
                "hero": hero,
                "language_name": language.native_name,
                "bar_text": bar_texts.get(code, bar_texts["en"]),
                "fallback_text": FALLBACK_TEXT.get(code, FALLBACK_TEXT["en"]),
                "ui_dir": language.direction,
            },
        )
