"""Which relation of each content page type holds which kind of snippet: listed once, used by the change
signal (``news.changes``), the search index and the selectors."""

from __future__ import annotations

from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField

from .models import CONTENT_PAGE_MODELS
from .taxonomy import Organisation, Person, Place, Project, Topic

SNIPPET_RELATIONS = {
    Topic: ("topics",),
    Place: ("places", "dateline_place"),
    Organisation: ("partners", "organisers", "funders"),
    Project: ("project",),
    Person: ("facilitators",),
}
SNIPPET_MODELS = tuple(SNIPPET_RELATIONS)


def snippets_of(page, name: str) -> list:
    """The snippets of one of ``page``'s many-to-many relations. What ``prefetch_snippets`` or Django's
    prefetching read is used directly: modelcluster's manager builds a new Django manager and queryset on
    every access (0.16 ms each). Relations set in memory (a revision being previewed) go through it."""
    in_memory = getattr(page, "_cluster_related_objects", {})
    if name in in_memory:
        return list(getattr(page, name).all())
    if name in page.__dict__.get("_snippets", {}):
        return list(page._snippets[name])
    prefetched = getattr(page, "_prefetched_objects_cache", {})
    if name in prefetched:
        return list(prefetched[name])
    return list(getattr(page, name).all())


def prefetch_snippets(pages, names=None) -> None:
    """Read the many-to-many snippet relations (``names``, else all) of these pages of one model for
    ``snippets_of``: two queries per relation, the links then their snippets in their model's order, where
    Django's prefetching builds a manager and a queryset for each page and relation (half of an index
    rebuild's Python time). Places come with their governorate and region (``Place.ancestors``)."""
    if not pages:
        return
    model, ids = type(pages[0]), [page.pk for page in pages]
    for page in pages:
        page.__dict__.setdefault("_snippets", {})
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField) or (names is not None and field.name not in names):
            continue
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        links: dict[int, set[int]] = {}
        for page_id, snippet_id in through.objects.filter(**{f"{source}__in": ids}).values_list(source, target):
            links.setdefault(page_id, set()).add(snippet_id)
        snippets = field.related_model._default_manager.filter(pk__in=set().union(*links.values()))
        if field.related_model is Place:
            snippets = snippets.select_related("parent__parent")
        ordered = list(snippets) if links else []
        for page in pages:
            own = links.get(page.pk, ())
            page._snippets[field.name] = [snippet for snippet in ordered if snippet.pk in own]


def places_within(place_ids) -> set[int]:
    """These places and every place inside them (a governorate's towns, a region's governorates and towns)."""
    found, frontier = set(place_ids), list(place_ids)
    while frontier:
        frontier = list(Place.objects.filter(parent_id__in=frontier).exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found


def pages_filed_under(snippet) -> list[int]:
    """Ids of the content pages that show this snippet's name (a place also names its towns' pages, a funder
    the pages of the projects it funds)."""
    model = type(snippet)
    targets = places_within([snippet.pk]) if model is Place else {snippet.pk}
    ids: set[int] = set()
    for page_model in CONTENT_PAGE_MODELS:
        condition = Q()
        for relation in SNIPPET_RELATIONS[model]:
            if hasattr(page_model, relation):
                condition |= Q(**{f"{relation}__in": targets})
        if model is Organisation:
            condition |= Q(project__funder__in=targets)
        if condition:
            ids.update(page_model.objects.filter(condition).values_list("pk", flat=True))
    return sorted(ids)
