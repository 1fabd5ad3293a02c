"""The home page and the site settings as the API sends them, from objects loaded by ``home.api``."""

from __future__ import annotations

from cms import languages
from cms.localize import Localizer
from news.serializers import Context, seo_data


def home_data(home, code: str, context: Context, featured_cards: list[dict], sections: list) -> dict:
    """The home page; one localizer reads its texts and its sections' titles and intros (featured cards
    carry their own ``fallback``, as every card does)."""
    localizer = Localizer(code)
    requested = languages.KNOWN[code]
    data = {
        "id": home.pk,
        "lang": requested.code,
        "dir": requested.direction,
        "title": localizer.get(home, "title") or home.slug,
        "intro": localizer.get(home, "intro") or "",
        "path": context.paths.path(home, code),
    }
    seo = seo_data(home, data, localizer, description_from="intro")
    section_data = []
    for n, section in enumerate(sections):
        section_data.append(
            {
                "id": section.pk,
                "type": section_type(section),
                "title": localizer.get(section, "title", f"sections[{n}].title") or section.slug,
                "intro": localizer.get(section, "intro", f"sections[{n}].intro") or "",
                "path": context.paths.path(section, code),
            }
        )
    return {**data, "seo": seo, "sections": section_data, "featured": featured_cards, "fallback": localizer.fallback}


SECTION_TYPES = {
    "newsindexpage": "news",
    "statementindexpage": "statement",
    "dialoguesessionindexpage": "dialogue_session",
}


def section_type(section) -> str:
    return SECTION_TYPES[section._meta.model_name]


def site_data(settings, code: str, context: Context, menu_pages: dict) -> dict:
    """Identity, contact, social links and the main menu; menu entries pointing at pages that are not
    public (``menu_pages`` holds only public ones) are left out. One localizer reads every text."""
    localizer = Localizer(code)
    language = languages.KNOWN[code]
    menu = []
    social = []
    if settings is not None:
        for item in sorted(settings.menu_items.all(), key=lambda i: (i.sort_order or 0, i.pk)):
            path = f"menu[{len(menu)}].label"
            if item.link_page_id:
                page = menu_pages.get(item.link_page_id)
                if page is None:
                    continue
                label = localizer.get(item, "label", path) or localizer.get(page, "title", path) or page.slug
                menu.append({"label": label, "path": context.paths.path(page, code), "url": None, "page_id": page.pk})
            elif item.link_url:
                label = localizer.get(item, "label", path) or item.link_url
                menu.append({"label": label, "path": None, "url": item.link_url, "page_id": None})
        social = [
            {"platform": link.platform, "url": link.url}
            for link in sorted(settings.social_links.all(), key=lambda i: (i.sort_order or 0, i.pk))
        ]
    fields = {name: localizer.get(settings, name) or "" for name in ("organisation_name", "tagline", "address")}
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
        "fallback": localizer.fallback,
    }
