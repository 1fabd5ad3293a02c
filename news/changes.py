"""The one place that turns raw model signals into :class:`cms.changes.Change`: which pages and languages a
change of content, a translation, a snippet, an image, a document, a view restriction or the site settings
affects. Everything that must follow content (search index, caches, webhooks, translation status, stored
documents) listens to ``cms.changes.content_changed`` instead of to the models.

How languages are found: before a row is saved its stored values are read once (one query), and after the
save the columns that differ are mapped to their language (``summary_ku`` → ``ku``); a changed column that
is not translated (a date, a relation, a file) affects every language. A save that changes nothing public
(a draft: Wagtail then writes only bookkeeping columns) sends nothing.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from modelcluster.fields import ParentalKey
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from treebeard.mp_tree import path_updated
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms import changes, languages

from .models import CONTENT_PAGE_MODELS, INDEX_PAGE_MODELS
from .relations import SNIPPET_MODELS, pages_filed_under

# Columns Wagtail rewrites on every draft save, lock or workflow step: they change nothing readers see.
BOOKKEEPING = {
    "latest_revision_id",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by_id",
    "live_revision_id",
    "last_published_at",
    "first_published_at",
    "numchild",
    "owner_id",
    "translation_key",
    "locale_id",
    "file_size",
    "file_hash",
}


def _page_models():
    return (*CONTENT_PAGE_MODELS, *INDEX_PAGE_MODELS, apps.get_model("home", "HomePage"))


def _column_languages(model) -> dict[str, str]:
    """``{"summary_ku": "ku", ...}`` for every translated column of ``model``; base columns of translated
    fields (which mirror the source language) map to ``""`` so they are ignored."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    mapping = {}
    for name in options.all_fields:
        mapping[name] = ""
        for code in languages.enabled_codes():
            mapping[build_localized_fieldname(name, code)] = code
    return mapping


def _watched_columns(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in BOOKKEEPING and not f.attname.startswith("draft_title")
    ]


def _snapshot(sender, instance, raw=False, **kwargs):
    """Remember the stored values of a row about to be saved (nothing for a new row)."""
    instance._cms_before = None
    if raw or instance.pk is None:
        return
    is_page = isinstance(instance, Page)
    columns = _watched_columns(sender) + (["live_revision_id"] if is_page else [])
    before = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    if before is not None and is_page:
        # A save that moves the live revision is a publish: Wagtail's ``page_published`` follows, once the
        # page's relations are written too, and speaks for it.
        old_live = before.pop("live_revision_id")
        instance._cms_publishing = instance.live and instance.live_revision_id != old_live
    instance._cms_before = before


def _diff(sender, instance, update_fields=None) -> tuple[set[str], dict[str, str]]:
    """Which columns changed since :func:`_snapshot` (only those written, when the save named them);
    returns ``(languages affected, {column: old value})``."""
    before = getattr(instance, "_cms_before", None)
    column_language = _column_languages(sender)
    everyone = set(languages.enabled_codes())
    if before is None:
        return everyone, {}
    affected: set[str] = set()
    old_values = {}
    written = None
    if update_fields is not None:
        written = {sender._meta.get_field(name).attname for name in update_fields}
    for column, old in before.items():
        if written is not None and column not in written:
            continue
        new = getattr(instance, column, None)
        if _normalised(old) == _normalised(new):
            continue
        old_values[column] = old
        code = column_language.get(column)
        if code is None:
            affected |= everyone
        elif code:
            affected.add(code)
    return affected, old_values


def _normalised(value):
    if hasattr(value, "raw_data"):  # StreamValue
        return list(value.raw_data)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name
    return value


def _path_changes(page, old_values: dict) -> dict:
    """``{page id: {lang: (old url_path, new url_path)}}`` for the page and its descendants, from the
    ``url_path_xx`` columns that changed in this save."""
    result: dict[int, dict[str, tuple[str, str]]] = {}
    for code in languages.enabled_codes():
        column = build_localized_fieldname("url_path", code)
        if column not in old_values or not old_values[column]:
            continue
        old, new = old_values[column], getattr(page, column, None) or page.url_path
        result.setdefault(page.pk, {})[code] = (old, new)
        for pk, path in Page.objects.descendant_of(page).values_list("pk", column):
            if path and path.startswith(new):
                result.setdefault(pk, {})[code] = (old + path[len(new) :], path)
    return result


def _referrers(obj) -> set[int]:
    """Pages whose content points at ``obj`` (body links and embeds, chosen images, featured items)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def _label(obj) -> str:
    return obj._meta.label_lower


# -- pages ----------------------------------------------------------------------------------------------------


def page_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    affected, old_values = _diff(sender, instance, update_fields)
    instance._cms_change = (affected, old_values)
    if getattr(instance, "_cms_publishing", False):
        return
    if not instance.live:
        if "live" in old_values:  # taken offline by a plain save (code, imports): as an unpublish
            page_unpublished_(sender, instance)
        return
    if created or affected:
        _emit_page(changes.SAVED, instance, affected, old_values)


def page_published_(sender, instance, **kwargs):
    instance._cms_publishing = False
    affected, old_values = getattr(instance, "_cms_change", (set(languages.enabled_codes()), {}))
    _emit_page(changes.PUBLISHED, instance, affected or set(languages.enabled_codes()), old_values)


def _emit_page(action, page, affected, old_values):
    paths = _path_changes(page, old_values)
    ids = {page.pk, *paths, *_referrers(page)}
    changes.emit(
        changes.Change(
            action,
            page_ids=frozenset(ids),
            languages=frozenset(affected),
            paths=paths,
            obj=page,
            model=_label(page),
        )
    )


def page_relations_changed(sender, instance, action, reverse=False, **kwargs):
    """Topics, places and the like are written after the page row; while a publish is under way its
    ``page_published`` speaks for them."""
    if reverse or not action.startswith("post_") or getattr(instance, "_cms_publishing", False):
        return
    if getattr(instance, "live", False):
        changes.emit(
            changes.Change(changes.SAVED, page_ids=frozenset({instance.pk}), obj=instance, model=_label(instance))
        )


def page_unpublished_(sender, instance, **kwargs):
    changes.emit(
        changes.Change(
            changes.UNPUBLISHED,
            page_ids=frozenset({instance.pk, *_referrers(instance)}),
            obj=instance,
            model=_label(instance),
        )
    )


def page_deleting(sender, instance, **kwargs):
    instance._cms_referrers = _referrers(instance)


def page_deleted(sender, instance, **kwargs):
    changes.emit(
        changes.Change(
            changes.DELETED,
            page_ids=frozenset({instance.pk, *getattr(instance, "_cms_referrers", ())}),
            obj=instance,
            model=_label(instance.specific_deferred if hasattr(instance, "specific_deferred") else instance),
        )
    )


def _url_paths(page) -> dict[int, dict[str, str]]:
    columns = [build_localized_fieldname("url_path", code) for code in languages.enabled_codes()]
    rows = Page.objects.filter(Q(pk=page.pk) | Q(path__startswith=page.path, depth__gt=page.depth))
    return {
        row[0]: dict(zip(languages.enabled_codes(), row[1:], strict=True)) for row in rows.values_list("pk", *columns)
    }


# Paths before a move, by page id: Wagtail sends ``post_page_move`` with another instance than
# ``pre_page_move``, so an attribute set on the first is not on the second.
_paths_before_move: dict[int, dict] = {}


def page_moving(sender, instance, **kwargs):
    _paths_before_move[instance.pk] = _url_paths(instance)


def page_moved(sender, instance, **kwargs):
    before = _paths_before_move.pop(instance.pk, {})
    instance.refresh_from_db()
    after = _url_paths(instance)
    paths = {}
    for pk, new_paths in after.items():
        for code, new in new_paths.items():
            old = before.get(pk, {}).get(code)
            if old and new and old != new:
                paths.setdefault(pk, {})[code] = (old, new)
    changes.emit(
        changes.Change(
            changes.MOVED,
            page_ids=frozenset(after),
            paths=paths,
            obj=instance,
            model=_label(instance.specific_deferred),
        )
    )


def child_row_changed(sender, instance, raw=False, **kwargs):
    """Inline rows (attachments, age groups, featured items) written on their own, outside a page save (a
    publish writes them too, and then says so again: listeners are idempotent)."""
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, ParentalKey):
            page = Page.objects.filter(pk=getattr(instance, field.attname), live=True).first()
            if page is not None:
                ids = frozenset({page.pk, *_referrers(page)})
                changes.emit(changes.Change(changes.SAVED, page_ids=ids, obj=page, model=_label(page)))


# -- restrictions ---------------------------------------------------------------------------------------------


def page_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    ids = set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))
    ids |= set(Page.objects.filter(alias_of__in=ids).values_list("pk", flat=True))
    changes.emit(changes.Change(changes.RESTRICTED, page_ids=frozenset(ids), obj=page, model=_label(page)))


def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Read from the database: the instance's collection may be an object loaded before a sibling was added,
    # whose path has moved since (collections are kept sorted by name), and would name another subtree.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        _collection_media_changed(collection)


def collection_moved(sender, old_path, new_path, **kwargs):
    """Wagtail's collection form moves a collection under its new parent after saving it, with no model
    signal (treebeard only says a path changed): under a private parent its media are private now."""
    collection = Collection.objects.filter(path=new_path).first()
    if collection is not None:
        _collection_media_changed(collection)


def _collection_media_changed(collection):
    """The items showing media of ``collection``'s subtree, which may have become private or public."""
    in_subtree = {"collection__path__startswith": collection.path}
    media = [*get_image_model().objects.filter(**in_subtree), *get_document_model().objects.filter(**in_subtree)]
    ids = _media_referrers(media)
    changes.emit(changes.Change(changes.MEDIA, page_ids=frozenset(ids), obj=collection, model=_label(collection)))


# -- snippets, media, settings --------------------------------------------------------------------------------


def snippet_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return  # a new snippet is not shown anywhere yet
    affected, _ = _diff(sender, instance, update_fields)
    if affected:
        changes.emit(
            changes.Change(
                changes.TAXONOMY,
                page_ids=frozenset(pages_filed_under(instance)),
                languages=frozenset(affected),
                obj=instance,
                model=_label(instance),
            )
        )


def snippet_deleting(sender, instance, **kwargs):
    instance._cms_pages = pages_filed_under(instance)


def snippet_deleted(sender, instance, **kwargs):
    changes.emit(
        changes.Change(
            changes.TAXONOMY,
            page_ids=frozenset(getattr(instance, "_cms_pages", ())),
            obj=instance,
            model=_label(instance),
        )
    )


def _media_referrers(objects) -> set[int]:
    ids: set[int] = set()
    images = [obj.pk for obj in objects if isinstance(obj, get_image_model())]
    if images:
        for model in CONTENT_PAGE_MODELS:
            ids.update(model.objects.filter(main_image_id__in=images).values_list("pk", flat=True))
    for obj in objects:
        ids |= _referrers(obj)
    return ids


def media_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return
    affected, _ = _diff(sender, instance, update_fields)
    if affected:
        ids = _media_referrers([instance])
        changes.emit(
            changes.Change(
                changes.MEDIA,
                page_ids=frozenset(ids),
                languages=frozenset(affected),
                obj=instance,
                model=_label(instance),
            )
        )


def media_deleting(sender, instance, **kwargs):
    instance._cms_pages = _media_referrers([instance])


def media_deleted(sender, instance, **kwargs):
    changes.emit(
        changes.Change(
            changes.MEDIA, page_ids=frozenset(getattr(instance, "_cms_pages", ())), obj=instance, model=_label(instance)
        )
    )


def settings_saved(sender, instance, raw=False, **kwargs):
    """Menus and links are written after the settings row: listeners hear of it once they are saved."""
    if raw:
        return
    transaction.on_commit(
        lambda: changes.emit(changes.Change(changes.SETTINGS, obj=instance, model=_label(instance))), robust=True
    )


def connect():
    for model in _page_models():
        uid = model.__name__
        pre_save.connect(_snapshot, sender=model, dispatch_uid=f"changes-snapshot-{uid}")
        post_save.connect(page_saved, sender=model, dispatch_uid=f"changes-saved-{uid}")
        page_published.connect(page_published_, sender=model, dispatch_uid=f"changes-published-{uid}")
        page_unpublished.connect(page_unpublished_, sender=model, dispatch_uid=f"changes-unpublished-{uid}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(page_relations_changed, sender=through, dispatch_uid=f"changes-m2m-{through.__name__}")
    for model in apps.get_models():
        parents = [f for f in model._meta.concrete_fields if isinstance(f, ParentalKey)]
        if any(issubclass(f.related_model, Page) for f in parents):
            uid = model._meta.label_lower
            post_save.connect(child_row_changed, sender=model, dispatch_uid=f"changes-child-saved-{uid}")
            post_delete.connect(child_row_changed, sender=model, dispatch_uid=f"changes-child-deleted-{uid}")
    pre_delete.connect(page_deleting, sender=Page, dispatch_uid="changes-page-deleting")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="changes-page-deleted")
    pre_page_move.connect(page_moving, dispatch_uid="changes-page-moving")
    post_page_move.connect(page_moved, dispatch_uid="changes-page-moved")
    for model in (PageViewRestriction,):
        post_save.connect(page_restriction_changed, sender=model, dispatch_uid="changes-restriction-saved")
        post_delete.connect(page_restriction_changed, sender=model, dispatch_uid="changes-restriction-deleted")
    post_save.connect(collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="changes-cr-s")
    post_delete.connect(collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid="changes-cr-d")
    path_updated.connect(collection_moved, sender=Collection, dispatch_uid="changes-collection-moved")
    for model in SNIPPET_MODELS:
        uid = model.__name__
        pre_save.connect(_snapshot, sender=model, dispatch_uid=f"changes-snapshot-{uid}")
        post_save.connect(snippet_saved, sender=model, dispatch_uid=f"changes-snippet-saved-{uid}")
        pre_delete.connect(snippet_deleting, sender=model, dispatch_uid=f"changes-snippet-deleting-{uid}")
        post_delete.connect(snippet_deleted, sender=model, dispatch_uid=f"changes-snippet-deleted-{uid}")
    for model in (get_image_model(), get_document_model()):
        uid = model.__name__
        pre_save.connect(_snapshot, sender=model, dispatch_uid=f"changes-snapshot-{uid}")
        post_save.connect(media_saved, sender=model, dispatch_uid=f"changes-media-saved-{uid}")
        pre_delete.connect(media_deleting, sender=model, dispatch_uid=f"changes-media-deleting-{uid}")
        post_delete.connect(media_deleted, sender=model, dispatch_uid=f"changes-media-deleted-{uid}")
    post_save.connect(settings_saved, sender=apps.get_model("home", "SiteSettings"), dispatch_uid="changes-settings")
