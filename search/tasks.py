"""Background work of the index: re-indexing the pages a renamed place, topic or organisation is attached to
(possibly thousands) runs as a task, so saving a snippet in the admin stays fast with a real task backend."""

from django_tasks import task

from . import indexer


@task()
def reindex_pages(page_ids: list[int]) -> int:
    return indexer.index_pages(page_ids)
