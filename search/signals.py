"""What changes the index: a content page saved (published, unpublished, a translation added or removed) or
deleted, and a snippet renamed or deleted (its name is part of what finds the pages filed under it)."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import page_unpublished

from news.models import CONTENT_PAGE_MODELS
from news.taxonomy import Organisation, Person, Place, Project, Topic

from . import indexer
from .tasks import reindex_pages

# Which relation of each content model holds each kind of snippet.
RELATIONS = {
    Topic: ("topics",),
    Place: ("places", "dateline_place"),
    Organisation: ("partners", "organisers", "funders"),
    Project: ("project",),
    Person: ("facilitators",),
}


def page_saved(sender, instance, raw=False, **kwargs):
    if raw or indexer.is_paused():
        return
    indexer.index_pages([instance.pk])


def page_relations_changed(sender, instance, action, reverse=False, **kwargs):
    """Attached snippets are written after the page row (modelcluster commits them after ``post_save``)."""
    if action.startswith("post_") and not reverse and not indexer.is_paused():
        indexer.index_pages([instance.pk])


def page_gone(sender, instance, **kwargs):
    if not indexer.is_paused():
        indexer.remove_pages([instance.pk])


def pages_filed_under(snippet) -> list[int]:
    """Ids of the content pages that show this snippet's name (a place also names its towns' pages)."""
    targets = [snippet.pk]
    if isinstance(snippet, Place):
        frontier = [snippet.pk]
        while frontier:
            frontier = list(
                Place.objects.filter(parent_id__in=frontier).exclude(pk__in=targets).values_list("pk", flat=True)
            )
            targets.extend(frontier)
    ids: list[int] = []
    for model in CONTENT_PAGE_MODELS:
        condition = Q()
        for relation in RELATIONS[type(snippet)]:
            if hasattr(model, relation):
                condition |= Q(**{f"{relation}__in": targets})
        if condition:
            ids.extend(model.objects.filter(condition).values_list("pk", flat=True).distinct())
    return sorted(set(ids))


def snippet_saved(sender, instance, created=False, raw=False, **kwargs):
    if created or raw or indexer.is_paused():
        return
    ids = pages_filed_under(instance)
    if ids:
        reindex_pages.enqueue(ids)


def snippet_deleting(sender, instance, **kwargs):
    instance._search_page_ids = pages_filed_under(instance)


def snippet_deleted(sender, instance, **kwargs):
    ids = getattr(instance, "_search_page_ids", [])
    if ids and not indexer.is_paused():
        reindex_pages.enqueue(ids)


def connect():
    for model in CONTENT_PAGE_MODELS:
        post_save.connect(page_saved, sender=model, dispatch_uid=f"search-saved-{model.__name__}")
        post_delete.connect(page_gone, sender=model, dispatch_uid=f"search-deleted-{model.__name__}")
        page_unpublished.connect(page_gone, sender=model, dispatch_uid=f"search-unpublished-{model.__name__}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(page_relations_changed, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
    for model in RELATIONS:
        post_save.connect(snippet_saved, sender=model, dispatch_uid=f"search-snippet-saved-{model.__name__}")
        pre_delete.connect(snippet_deleting, sender=model, dispatch_uid=f"search-snippet-deleting-{model.__name__}")
        post_delete.connect(snippet_deleted, sender=model, dispatch_uid=f"search-snippet-deleted-{model.__name__}")
