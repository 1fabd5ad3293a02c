"""The querysets behind the item endpoints: one place that turns validated filters into efficient queries.

Lists work in two steps: one query counts and pages through the ids of public items (all three page types
at once, ordered across types), then each page type present loads its rows with the relations a card or a
detail needs. The number of queries depends on the number of page types, never on the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from modelcluster.fields import ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from cms import languages
from cms.availability import available_q, written_q
from cms.paths import former_page_id
from cms.visibility import public_pages, restricted_collection_ids

from .models import DialogueSessionPage, NewsPage, StatementPage
from .relations import prefetch_snippets
from .taxonomy import Organisation, Person, Place, Project, Topic

ITEM_TYPES = {"news": NewsPage, "statement": StatementPage, "dialogue_session": DialogueSessionPage}
TYPE_OF_MODEL = {model: name for name, model in ITEM_TYPES.items()}
ORDERINGS = ("-date", "date", "title", "-title")
TAXONOMIES = {"topics": Topic, "places": Place, "projects": Project, "organisations": Organisation, "people": Person}

CARD_RELATIONS = ("topics",)
DETAIL_RELATIONS = {
    NewsPage: ("topics", "places", "partners"),
    StatementPage: ("topics", "places", "partners", "attachments__document"),
    DialogueSessionPage: (
        "topics",
        "places",
        "partners",
        "facilitators",
        "organisers",
        "funders",
        "age_groups",
    ),
}


@dataclass(frozen=True)
class ItemFilters:
    """Filters of an item list, already resolved to database objects (see :func:`resolve_filters`)."""

    types: tuple[type[Page], ...] = tuple(ITEM_TYPES.values())
    topic: Topic | None = None
    place_ids: frozenset[int] | None = None
    project: Project | None = None
    organisation: Organisation | None = None
    date_from: object = None
    date_to: object = None
    translated_only: bool = False


class UnknownSlug(LookupError):
    def __init__(self, parameter: str, slug: str):
        super().__init__(slug)
        self.parameter, self.slug = parameter, slug


def place_with_descendants(place: Place) -> frozenset[int]:
    """A place and every place inside it (a governorate's towns, a region's governorates and towns)."""
    children = defaultdict(list)
    for pk, parent_id in Place.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found, todo = {place.pk}, [place.pk]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def resolve_filters(types, slugs: dict[str, str | None], **rest) -> ItemFilters:
    """Look up the taxonomy slugs of a request; ``UnknownSlug`` names the first one that does not exist."""
    found = {}
    for parameter, model in (("topic", Topic), ("place", Place), ("project", Project), ("organisation", Organisation)):
        slug = slugs.get(parameter)
        if slug is None:
            continue
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            raise UnknownSlug(parameter, slug)
        found[parameter] = obj
    return ItemFilters(
        types=tuple(types),
        topic=found.get("topic"),
        place_ids=place_with_descendants(found["place"]) if "place" in found else None,
        project=found.get("project"),
        organisation=found.get("organisation"),
        **rest,
    )


def _model_condition(model, filters: ItemFilters) -> Q | None:
    """The filters that live on the page type's own table, as a condition on the model; None when none."""
    condition = Q()
    if filters.topic is not None:
        condition &= Q(topics=filters.topic)
    if filters.place_ids is not None:
        condition &= Q(places__in=filters.place_ids)
    if filters.project is not None:
        condition &= Q(project=filters.project)
    if filters.organisation is not None:
        organisation = Q(partners=filters.organisation)
        if model is DialogueSessionPage:
            organisation |= Q(organisers=filters.organisation) | Q(funders=filters.organisation)
        condition &= organisation
    if filters.date_from is not None:
        condition &= Q(date__gte=filters.date_from)
    if filters.date_to is not None:
        condition &= Q(date__lte=filters.date_to)
    return condition or None


def _translated_title(code: str):
    """The title a reader of ``code`` sees (its own, else the first written one down the fallback chain),
    by the same rule as ``cms.availability``, for ordering by title."""
    chain = [code, *languages.fallback_chain(code)]
    whens = [When(written_q("title", c), then=F(build_localized_fieldname("title", c))) for c in chain]
    return Case(*whens, default=F("title"), output_field=CharField())


def item_queryset(filters: ItemFilters, code: str, ordering: str = "-date"):
    """Public items of the requested types matching the filters, ordered, as ``Page`` rows."""
    queryset = public_pages(Page.objects.type(*filters.types))
    conditions = [(model, _model_condition(model, filters)) for model in filters.types]
    if any(condition is not None for _, condition in conditions):
        matching = Q(pk__in=[])
        for model, condition in conditions:
            matching |= Q(pk__in=model.objects.filter(condition or Q()).values("pk"))
        queryset = queryset.filter(matching)
    if filters.translated_only:
        queryset = queryset.filter(available_q(code))
    dates = [F(f"{model._meta.model_name}__date") for model in filters.types]
    queryset = queryset.annotate(item_date=Coalesce(*dates) if len(dates) > 1 else dates[0])
    if ordering.lstrip("-") == "title":
        queryset = queryset.annotate(sort_title=_translated_title(code))
        key = "sort_title"
    else:
        key = "item_date"
    descending = ordering.startswith("-")
    return queryset.order_by(f"-{key}" if descending else key, "-pk" if descending else "pk")


def page_of_ids(queryset, offset: int, limit: int) -> list[tuple[int, int]]:
    """``(page id, content type id)`` of one page of a list."""
    return list(queryset.values_list("pk", "content_type_id")[offset : offset + limit])


def load_items(rows: list[tuple[int, int]], *, detail: bool = False) -> list[Page]:
    """The specific pages for ``(id, content type id)`` rows, in the same order, with their relations."""
    by_model = defaultdict(list)
    for pk, content_type_id in rows:
        by_model[ContentType.objects.get_for_id(content_type_id).model_class()].append(pk)
    loaded = {}
    for model, pks in by_model.items():
        if model not in TYPE_OF_MODEL:
            continue
        queryset = model.objects.filter(pk__in=pks)
        if detail:
            others = [name for name in DETAIL_RELATIONS[model] if not _is_snippet_relation(model, name)]
            queryset = queryset.select_related("project__funder", "dateline_place").prefetch_related(*others)
            pages = list(queryset)
            prefetch_snippets(pages)
        else:
            pages = list(queryset.defer_streamfields())
            prefetch_snippets(pages, CARD_RELATIONS)
        loaded.update({page.pk: page for page in pages})
    return [loaded[pk] for pk, _ in rows if pk in loaded]


def _is_snippet_relation(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name.split("__")[0]), ParentalManyToManyField)


def public_item(model, pk: int):
    """The public item of this type with this id, with everything its detail shows; None when not public."""
    queryset = public_pages(model.objects.filter(pk=pk))
    page = (
        queryset.select_related("project__funder", "dateline_place").prefetch_related(*DETAIL_RELATIONS[model]).first()
    )
    return page


def public_item_of_any_type(pk: int):
    """The public item (news, statement or session report) with this id, whatever its type; or None."""
    content_type_id = (
        public_pages(Page.objects.type(*ITEM_TYPES.values())).filter(pk=pk).values_list("content_type_id", flat=True)
    ).first()
    if content_type_id is None:
        return None
    return public_item(ContentType.objects.get_for_id(content_type_id).model_class(), pk)


def related_items(page, limit: int = 4) -> list[Page]:
    """A few other public items sharing a topic or the project with ``page``, newest first (as cards)."""
    topic_ids = [topic.pk for topic in page.topics.all()]
    if not topic_ids and page.project_id is None:
        return []
    filters = ItemFilters()
    matching = Q(pk__in=[])
    for model in filters.types:
        condition = Q(topics__in=topic_ids) if topic_ids else Q(pk__in=[])
        if page.project_id is not None:
            condition |= Q(project_id=page.project_id)
        matching |= Q(pk__in=model.objects.filter(condition).values("pk"))
    queryset = item_queryset(filters, languages.source_code()).filter(matching).exclude(pk=page.pk)
    return load_items(page_of_ids(queryset, 0, limit))


def public_attachments(page) -> list:
    """The statement's attachments whose document is not in a private collection, in editor's order."""
    private = restricted_collection_ids()
    return [
        attachment.document
        for attachment in sorted(page.attachments.all(), key=lambda a: (a.sort_order or 0, a.pk))
        if attachment.document.collection_id not in private
    ]


def find_by_path(paths, code: str, rest: str, *, own_language: bool = True, other_languages: bool = True):
    """The public item at a frontend path: in the path's language, and/or in any other enabled one."""
    item_types = Page.objects.type(*ITEM_TYPES.values())
    codes = ([code] if own_language else []) + (
        [c for c in languages.enabled_codes() if c != code] if other_languages else []
    )
    for candidate in codes:
        page = paths.find(candidate, rest, public_pages(item_types))
        if page is not None:
            return public_item_of_any_type(page.pk)
    return None


def former_public_item_id(public, code: str, rest: str) -> int | None:
    """The id of the public item (in ``public``) that used to be at a frontend path, in one query (the site
    root's translated path as a subquery)."""
    from wagtail.models import Site

    from cms.models import FormerPath

    column = build_localized_fieldname("url_path", code)
    root = Site.objects.filter(is_default_site=True).values(f"root_page__{column}")[:1]
    tail = rest.strip("/") + "/" if rest.strip("/") else ""
    former = (
        FormerPath.objects.filter(lang=code)
        .annotate(wanted=Concat(Subquery(root), Value(tail), output_field=TextField()))
        .filter(url_path=F("wanted"))
    )
    return public.filter(pk__in=former.values("page_id")).values_list("pk", flat=True).first()


def find_by_former_path(paths, code: str, rest: str):
    """The public item that used to be at a frontend path (before a slug change, a move or its first own
    slug in that language); None when no item was, or it is not public now."""
    page_id = former_page_id(code, paths.url_path_for(code, rest))
    return public_item_of_any_type(page_id) if page_id is not None else None


def taxonomy_queryset(name: str):
    model = TAXONOMIES[name]
    queryset = model.objects.all()
    if model is Place:
        queryset = queryset.select_related("parent")
    elif model is Project:
        queryset = queryset.select_related("funder")
    return queryset.order_by("slug")
