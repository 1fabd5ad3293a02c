"""The index follows the project's one change signal (``cms.changes``): pages whose public text may have
changed are re-read and re-indexed; unpublished and deleted pages leave the index. A renamed snippet can
touch thousands of pages, so those are re-indexed by a background task."""

from cms import changes

from . import indexer
from .tasks import reindex_pages

LEAVING = {changes.UNPUBLISHED, changes.DELETED}
IN_BACKGROUND = {changes.TAXONOMY, changes.MEDIA}


def content_changed(sender, change, **kwargs):
    if indexer.is_paused() or not change.page_ids:
        return
    ids = sorted(change.page_ids)
    if change.action in LEAVING:
        indexer.remove_pages(ids)
        rest = [pk for pk in ids if pk not in {getattr(change.obj, "pk", None)}]
        if rest:
            indexer.index_pages(rest)  # pages that linked to the one that left
    elif change.action in IN_BACKGROUND:
        reindex_pages.enqueue(ids)
    else:
        indexer.index_pages(ids)


def connect():
    changes.content_changed.connect(content_changed, dispatch_uid="search-content-changed")
