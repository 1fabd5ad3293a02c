"""Items as the API sends them: cards for lists (reused by search and feeds) and the full detail.

Everything here works from objects already loaded by ``news.selectors`` and from one ``MediaIndex``
(``cms.api.body``) per response: no function below runs a query of its own except through those two bulk
loaders. Texts are read through ``cms.localize.Localizer``, so each item says which fields fell back to
another language; paths come from ``cms.paths``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms import languages
from cms.api.body import MediaIndex, image_data, serialize_stream
from cms.localize import Localizer, has_value, is_available, own_value
from cms.paths import Paths

from .models import DialogueSessionPage, StatementPage
from .selectors import TYPE_OF_MODEL, public_attachments


@dataclass
class Context:
    """What serialising needs besides the pages: the path builder and the absolute base of media URLs."""

    paths: Paths
    base_url: str


def _fallback(localizer: Localizer) -> dict:
    """The ``fallback`` object: which fields are in another language, and that language's direction, so a
    frontend can set ``dir``/``lang`` on exactly those fields."""
    data = localizer.fallback
    source = languages.KNOWN.get(data["from"]) if data["from"] else None
    return {
        "used": data["used"],
        "fields": data["fields"],
        "from": data["from"],
        "dir": source.direction if source else None,
        "sources": data["sources"],
    }


def named(obj, code: str) -> dict | None:
    """A taxonomy entry inside an item: its slug (the filter value) and its name in ``code`` or a fallback."""
    if obj is None:
        return None
    localizer = Localizer(code)
    return {"slug": obj.slug, "name": localizer.get(obj, "name") or obj.slug}


def _named_list(objects, code: str) -> list[dict]:
    return [named(obj, code) for obj in sorted(objects, key=lambda o: o.slug)]


def _card(page, code: str, context: Context, index: MediaIndex) -> tuple[dict, Localizer]:
    localizer = Localizer(code)
    title = localizer.get(page, "title") or page.title
    requested = languages.KNOWN[code]
    data = {
        "id": page.pk,
        "type": TYPE_OF_MODEL[type(page)],
        "lang": requested.code,
        "dir": requested.direction,
        "title": title,
        "slug": localizer.get(page, "slug") or page.slug,
        "path": context.paths.path(page, code),
        "date": page.date.isoformat(),
        "summary": localizer.get(page, "summary") or "",
        "image": image_data(page.main_image_id, index),
        "topics": _named_list(page.topics.all(), code),
    }
    return data, localizer


def card_data(pages, code: str, context: Context, index: MediaIndex | None = None) -> list[dict]:
    """Cards of many items at once; their images are loaded in one go unless an ``index`` is given."""
    pages = list(pages)
    if index is None:
        index = MediaIndex.collect(
            [], code, context.paths, context.base_url, extra_image_ids=[p.main_image_id for p in pages]
        )
    cards = []
    for page in pages:
        data, localizer = _card(page, code, context, index)
        data["fallback"] = _fallback(localizer)
        cards.append(data)
    return cards


def _translations(page, context: Context) -> list[dict]:
    from translations.status import translation_entries

    result, status = [], translation_entries(page)  # status and outdated fields, review marks primed
    for language in languages.enabled():
        title = own_value(page, "title", language.code)
        result.append(
            {
                "lang": language.code,
                "available": is_available(page, language.code),
                "title": title if has_value(title) else None,
                "slug": own_value(page, "slug", language.code) or None,
                "path": context.paths.path(page, language.code),
                **status[language.code],
            }
        )
    return result


def _project(project, code: str) -> dict | None:
    if project is None:
        return None
    data = named(project, code)
    data["phase"] = project.phase
    data["funder"] = named(project.funder, code)
    return data


def _organisation(organisation, code: str) -> dict:
    data = named(organisation, code)
    data.update(kind=organisation.kind, acronym=organisation.acronym, website=organisation.website or None)
    return data


def _person(person, code: str) -> dict:
    localizer = Localizer(code)
    name = localizer.get(person, "name") or person.slug
    return {"slug": person.slug, "name": name, "role": localizer.get(person, "role") or ""}


def _list_items(stream_value) -> list[str]:
    items = []
    for block in getattr(stream_value, "raw_data", None) or []:
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, str) and value.strip():
            items.append(value)
    return items


def detail_streams(page, code: str) -> list:
    """The localized StreamValues of an item whose media the detail will need."""
    localizer = Localizer(code)
    return [localizer.get(page, "body")]


def detail_data(page, code: str, context: Context, related: list, index: MediaIndex) -> dict:
    """The full item: the card, then everything a reader's page shows, then translations and related cards.
    ``index`` must have been collected over :func:`detail_streams` and the main images of ``page`` and
    ``related``."""
    data, localizer = _card(page, code, context, index)
    seo_title = own_value(page, "seo_title", code)
    search_description = own_value(page, "search_description", code)
    data.update(
        first_published_at=page.first_published_at.isoformat() if page.first_published_at else None,
        last_published_at=page.last_published_at.isoformat() if page.last_published_at else None,
        seo={
            "title": seo_title if has_value(seo_title) else data["title"],
            "description": search_description if has_value(search_description) else data["summary"],
            "image": data["image"],
        },
        body=serialize_stream(localizer.get(page, "body"), index),
        dateline_place=named(page.dateline_place, code),
        places=_named_list(page.places.all(), code),
        project=_project(page.project, code),
        partners=[_organisation(o, code) for o in sorted(page.partners.all(), key=lambda o: o.slug)],
        people=[],
        statement=None,
        session=None,
    )
    if isinstance(page, StatementPage):
        data["statement"] = {
            "kind": page.kind,
            "statement_date": page.statement_date.isoformat() if page.statement_date else None,
            "reference": page.reference or None,
            "attachments": [
                {
                    "id": document.pk,
                    "title": document.title,
                    "url": index.document_url(document),
                    "extension": document.file_extension.lower(),
                    "file_size": document.file_size,
                }
                for document in public_attachments(page)
            ],
        }
    if isinstance(page, DialogueSessionPage):
        facilitators = [_person(p, code) for p in sorted(page.facilitators.all(), key=lambda p: p.slug)]
        data["people"] = facilitators
        age_groups = sorted(page.age_groups.all(), key=lambda g: (g.sort_order or 0, g.pk))
        data["session"] = {
            "start_date": page.start_date.isoformat() if page.start_date else None,
            "end_date": page.end_date.isoformat() if page.end_date else None,
            "facilitators": facilitators,
            "organisers": [_organisation(o, code) for o in sorted(page.organisers.all(), key=lambda o: o.slug)],
            "funders": [_organisation(o, code) for o in sorted(page.funders.all(), key=lambda o: o.slug)],
            "participants": {
                "total": page.participants_total,
                "women": page.participants_women,
                "men": page.participants_men,
                "age_groups": [
                    {"label": g.label, "age_from": g.age_from, "age_to": g.age_to, "count": g.count} for g in age_groups
                ],
            },
            "outcomes": _list_items(localizer.get(page, "outcomes")),
            "recommendations": _list_items(localizer.get(page, "recommendations")),
        }
    data["translations"] = _translations(page, context)
    data["fallback"] = _fallback(localizer)
    data["related"] = card_data(related, code, context, index)
    return data


def taxonomy_data(obj, code: str) -> dict:
    """One entry of a taxonomy list (``topics/``, ``places/``...): slug, name, and what is specific to it."""
    localizer = Localizer(code)
    data = {"slug": obj.slug, "name": localizer.get(obj, "name") or obj.slug}
    kind = type(obj).__name__
    if kind == "Place":
        data.update(kind=obj.kind, parent=obj.parent.slug if obj.parent_id else None)
    elif kind == "Project":
        data.update(phase=obj.phase, funder=named(obj.funder, code))
    elif kind == "Organisation":
        data.update(kind=obj.kind, acronym=obj.acronym, website=obj.website or None)
    elif kind == "Person":
        data["role"] = localizer.get(obj, "role") or ""
    data["lang"] = localizer.lang_of("name")
    data["fallback"] = _fallback(localizer)
    return data
