"""The home page and the site settings as the API sends them, from objects loaded by ``home.api``."""

from __future__ import annotations

from cms import languages
from cms.localize import Localizer
from news.serializers import Context


def home_data(home, code: str, context: Context, featured_cards: list[dict], sections: list) -> dict:
    localizer = Localizer(code)
    title = localizer.get(home, "title") or home.title
    requested = languages.KNOWN[code]
    seo_title = localizer.get(home, "seo_title")
    description = localizer.get(home, "search_description")
    intro = localizer.get(home, "intro") or ""
    section_data = []
    for section in sections:
        section_localizer = Localizer(code)
        section_data.append(
            {
                "id": section.pk,
                "type": section_type(section),
                "title": section_localizer.get(section, "title") or section.title,
                "intro": section_localizer.get(section, "intro") or "",
                "path": context.paths.path(section, code),
            }
        )
    fallback = localizer.fallback
    return {
        "id": home.pk,
        "lang": requested.code,
        "dir": requested.direction,
        "title": title,
        "intro": intro,
        "path": context.paths.path(home, code),
        "seo": {"title": seo_title or title, "description": description or intro},
        "sections": section_data,
        "featured": featured_cards,
        "fallback": {
            **{key: fallback[key] for key in ("used", "fields", "from", "sources")},
            "dir": languages.KNOWN[fallback["from"]].direction if fallback["from"] else None,
        },
    }


SECTION_TYPES = {
    "newsindexpage": "news",
    "statementindexpage": "statement",
    "dialoguesessionindexpage": "dialogue_session",
}


def section_type(section) -> str:
    return SECTION_TYPES[section._meta.model_name]


def site_data(settings, code: str, context: Context, menu_pages: dict) -> dict:
    """Identity, contact, social links and the main menu; menu entries pointing at pages that are not
    public (``menu_pages`` holds only public ones) are left out."""
    localizer = Localizer(code)
    language = languages.KNOWN[code]
    menu = []
    social = []
    if settings is not None:
        for item in sorted(settings.menu_items.all(), key=lambda i: (i.sort_order or 0, i.pk)):
            item_localizer = Localizer(code)
            label = item_localizer.get(item, "label")
            if item.link_page_id:
                page = menu_pages.get(item.link_page_id)
                if page is None:
                    continue
                menu.append(
                    {
                        "label": label or item_localizer.get(page, "title") or page.title,
                        "path": context.paths.path(page, code),
                        "url": None,
                        "page_id": page.pk,
                    }
                )
            elif item.link_url:
                menu.append({"label": label or item.link_url, "path": None, "url": item.link_url, "page_id": None})
        social = [
            {"platform": link.platform, "url": link.url}
            for link in sorted(settings.social_links.all(), key=lambda i: (i.sort_order or 0, i.pk))
        ]
    fields = {
        name: (localizer.get(settings, name) or "") if settings is not None else ""
        for name in ("organisation_name", "tagline", "address")
    }
    fallback = localizer.fallback
    return {
        "lang": code,
        "dir": language.direction,
        **fields,
        "phone": settings.phone if settings is not None else "",
        "email": settings.email if settings is not None else "",
        "menu": menu,
        "social_links": social,
        "languages": [
            {"code": lang.code, "native_name": lang.native_name, "dir": lang.direction, "path": f"/{lang.code}/"}
            for lang in languages.enabled()
        ],
        "fallback": {
            **{key: fallback[key] for key in ("used", "fields", "from", "sources")},
            "dir": languages.KNOWN[fallback["from"]].direction if fallback["from"] else None,
        },
    }
