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
from cms.availability import prime_review_codes
from cms.localize import Localizer, has_value, is_available, own_value, written
from cms.paths import Paths

from .models import DialogueSessionPage, StatementPage
from .relations import snippets_of
from .selectors import TYPE_OF_MODEL, public_attachments


@dataclass
class Context:
    """What serialising needs besides the pages: the path builder and the absolute base of media URLs."""

    paths: Paths
    base_url: str


def named(obj, localizer: Localizer, path: str) -> dict | None:
    """A taxonomy entry inside an answer: its slug (the filter value) and its name, read through the
    answer's localizer under ``path`` (``places[0]``), so a name in another language is recorded."""
    if obj is None:
        return None
    return {"slug": obj.slug, "name": localizer.get(obj, "name", f"{path}.name") or obj.slug}


def _named_list(objects, localizer: Localizer, path: str) -> list[dict]:
    return [named(obj, localizer, f"{path}[{n}]") for n, obj in enumerate(sorted(objects, key=lambda o: o.slug))]


def image_entry(image_id, index: MediaIndex, localizer: Localizer, path: str) -> dict | None:
    """A public image; its alt text's language is recorded under ``path.alt`` when it differs."""
    data = image_data(image_id, index)
    if data is not None and data["alt"]:
        localizer.record(f"{path}.alt", data["alt_lang"])
    return data


def _card(page, code: str, context: Context, index: MediaIndex) -> tuple[dict, Localizer]:
    localizer = Localizer(code)
    title = localizer.get(page, "title") or page.slug
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
        "image": image_entry(page.main_image_id, index, localizer, "image"),
        "topics": _named_list(snippets_of(page, "topics"), localizer, "topics"),
    }
    return data, localizer


def card_data(pages, code: str, context: Context, index: MediaIndex | None = None) -> list[dict]:
    """Cards of many items at once; their images are loaded in one go unless an ``index`` is given."""
    pages = list(pages)
    prime_review_codes(pages)  # a language marked "needs review" is read from the fallback: one query for all
    if index is None:
        index = MediaIndex.collect(
            [], code, context.paths, context.base_url, extra_image_ids=[p.main_image_id for p in pages]
        )
    cards = []
    for page in pages:
        data, localizer = _card(page, code, context, index)
        data["fallback"] = localizer.fallback
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


def _project(project, localizer: Localizer, path: str) -> dict | None:
    if project is None:
        return None
    data = named(project, localizer, path)
    data["phase"] = project.phase
    data["funder"] = named(project.funder, localizer, f"{path}.funder")
    return data


def _organisation(organisation, localizer: Localizer, path: str) -> dict:
    data = named(organisation, localizer, path)
    data.update(kind=organisation.kind, acronym=organisation.acronym, website=organisation.website or None)
    return data


def _organisations(objects, localizer: Localizer, path: str) -> list[dict]:
    ordered = sorted(objects, key=lambda o: o.slug)
    return [_organisation(o, localizer, f"{path}[{n}]") for n, o in enumerate(ordered)]


def _person(person, localizer: Localizer, path: str) -> dict:
    data = named(person, localizer, path)
    data["role"] = localizer.get(person, "role", f"{path}.role") or ""
    return data


def _people(objects, localizer: Localizer, path: str) -> list[dict]:
    return [_person(p, localizer, f"{path}[{n}]") for n, p in enumerate(sorted(objects, key=lambda p: p.slug))]


def _record_body_images(blocks: list[dict], localizer: Localizer, path: str) -> None:
    """Alt texts of image blocks come from the image, in the requested language's chain, not from the
    body's language: record each one whose language differs from the body's."""
    body_lang = localizer.lang_of(path)
    for n, block in enumerate(blocks):
        image = block["value"].get("image") if block["type"] == "image" else None
        if image and image["alt"] and image["alt_lang"] != body_lang:
            localizer.sources[f"{path}[{n}].value.image.alt"] = image["alt_lang"]


def _list_items(stream_value) -> list[str]:
    items = []
    for block in getattr(stream_value, "raw_data", None) or []:
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, str) and value.strip():
            items.append(value)
    return items


def detail_streams(page, code: str) -> list:
    """The localized StreamValues of an item whose media the detail will need."""
    return [Localizer(code).get(page, "body")]


def seo_data(obj, shown: dict, localizer: Localizer, description_from: str = "summary") -> dict:
    """SEO title and description written for this language, else the title and summary (or intro) shown,
    whose language is recorded: an SEO title never comes from another language than the title beside it."""
    seo = {}
    pairs = (("seo_title", "title", "title"), ("search_description", "description", description_from))
    for field, key, shown_key in pairs:
        own = own_value(obj, field, localizer.code)
        if written(own):
            seo[key] = own
        else:
            seo[key] = shown[shown_key]
            localizer.record(f"seo.{key}", localizer.lang_of(shown_key))
    return seo


def detail_data(page, code: str, context: Context, related: list, index: MediaIndex) -> dict:
    """The full item: the card, then everything a reader's page shows, then translations and related cards.
    ``index`` must have been collected over :func:`detail_streams` and the main images of ``page`` and
    ``related``. One localizer reads every text of the item, nested names included."""
    from translations.status import prime

    if "_translation_entries" not in page.__dict__:  # primed in bulk by a caller building many details
        prime([page])  # statuses and review marks, read once for the card, the body and ``translations[]``
    data, localizer = _card(page, code, context, index)
    body = serialize_stream(localizer.get(page, "body"), index)
    _record_body_images(body, localizer, "body")
    data.update(
        first_published_at=page.first_published_at.isoformat() if page.first_published_at else None,
        last_published_at=page.last_published_at.isoformat() if page.last_published_at else None,
        seo={
            **seo_data(page, data, localizer),
            "image": image_entry(page.main_image_id, index, localizer, "seo.image"),
        },
        body=body,
        dateline_place=named(page.dateline_place, localizer, "dateline_place"),
        places=_named_list(snippets_of(page, "places"), localizer, "places"),
        project=_project(page.project, localizer, "project"),
        partners=_organisations(snippets_of(page, "partners"), localizer, "partners"),
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
        facilitators = snippets_of(page, "facilitators")
        data["people"] = _people(facilitators, localizer, "people")
        age_groups = sorted(page.age_groups.all(), key=lambda g: (g.sort_order or 0, g.pk))
        data["session"] = {
            "start_date": page.start_date.isoformat() if page.start_date else None,
            "end_date": page.end_date.isoformat() if page.end_date else None,
            "facilitators": _people(facilitators, localizer, "session.facilitators"),
            "organisers": _organisations(snippets_of(page, "organisers"), localizer, "session.organisers"),
            "funders": _organisations(snippets_of(page, "funders"), localizer, "session.funders"),
            "participants": {
                "total": page.participants_total,
                "women": page.participants_women,
                "men": page.participants_men,
                "age_groups": [
                    {"label": g.label, "age_from": g.age_from, "age_to": g.age_to, "count": g.count} for g in age_groups
                ],
            },
            "outcomes": _list_items(localizer.get(page, "outcomes", "session.outcomes")),
            "recommendations": _list_items(localizer.get(page, "recommendations", "session.recommendations")),
        }
    data["translations"] = _translations(page, context)
    data["fallback"] = localizer.fallback
    data["related"] = card_data(related, code, context, index)
    return data


def taxonomy_data(obj, code: str) -> dict:
    """One entry of a taxonomy list (``topics/``, ``places/``...): slug, name, and what is specific to it.
    Like an item, ``lang`` is the requested language and ``fallback`` names what is in another one."""
    localizer = Localizer(code)
    data = {"slug": obj.slug, "name": localizer.get(obj, "name") or obj.slug}
    kind = type(obj).__name__
    if kind == "Place":
        data.update(kind=obj.kind, parent=obj.parent.slug if obj.parent_id else None)
    elif kind == "Project":
        data.update(phase=obj.phase, funder=named(obj.funder, localizer, "funder"))
    elif kind == "Organisation":
        data.update(kind=obj.kind, acronym=obj.acronym, website=obj.website or None)
    elif kind == "Person":
        data["role"] = localizer.get(obj, "role") or ""
    data["lang"] = code
    data["dir"] = languages.KNOWN[code].direction
    data["fallback"] = localizer.fallback
    return data
