"""Rebuilding many stored documents (a renamed topic, a settings change) runs as a background task; until it
has run, the documents it will replace are already forgotten, so requests build the few they need."""

from django_tasks import task

from . import store


@task()
def rebuild(page_ids: list[int] | None = None) -> int:
    return store.build(page_ids)
