"""One change signal: every listener (search index, caches, webhooks, translation status, stored documents)
learns of a change from here, already turned into *which items and which languages* it affects.

``news.changes`` is the one place that computes a :class:`Change` from Django's and Wagtail's raw signals
(page saved, published, unpublished, moved or deleted; a snippet, an image, a document, a view restriction or
the site settings changed) and sends it with :func:`emit`. Listeners connect to :data:`content_changed`:

>>> @receiver(content_changed)
... def on_change(sender, change, **kwargs):
...     reindex(change.page_ids)

The signal is sent synchronously, inside the transaction that made the change; a listener that talks to the
outside world (webhooks, a CDN) defers itself with ``transaction.on_commit`` or a task.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal

from cms import languages

content_changed = Signal()

# What happened, as listeners filter on it.
PUBLISHED = "published"  # a page went live, or its live content changed
UNPUBLISHED = "unpublished"
DELETED = "deleted"
MOVED = "moved"  # a page (and so its descendants) got new paths: a move or a slug change
SAVED = "saved"  # live content changed outside a publish (code, imports, relations written after the row)
RESTRICTED = "restricted"  # a view restriction was added, changed or removed above these pages
TAXONOMY = "taxonomy"  # a topic, place, project, organisation or person changed or was deleted
MEDIA = "media"  # an image or document (file, alt text, collection) changed
SETTINGS = "settings"  # site settings, menus or the home page's featured items changed

ACTIONS = (PUBLISHED, UNPUBLISHED, DELETED, MOVED, SAVED, RESTRICTED, TAXONOMY, MEDIA, SETTINGS)


@dataclass(frozen=True)
class Change:
    """What a change affects.

    ``page_ids``: the pages whose public answers may now differ (the changed page itself, pages filed under a
    renamed snippet, pages showing a changed image, descendants of a moved section...).
    ``languages``: the language versions affected (all enabled ones when the change is not language-specific).
    ``paths``: for moves and slug changes, ``{page id: {lang: (old path, new path)}}`` of ``url_path`` values
    that changed, so stable redirects and webhooks can name them.
    ``obj``: the object that changed (a page, snippet, image, document, settings), for listeners that need it.
    """

    action: str
    page_ids: frozenset[int] = frozenset()
    languages: frozenset[str] = field(default_factory=lambda: frozenset(languages.enabled_codes()))
    paths: dict = field(default_factory=dict, compare=False)
    obj: object = field(default=None, compare=False)
    model: str = ""  # "app_label.model" of ``obj``

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError(f"unknown change action {self.action!r}")


def emit(change: Change) -> Change:
    """Tell every listener, in one transaction: what they derive (stored documents, links, the index...)
    commits together, and the content version, replaced once more after the commit, never names answers
    read before the derived rows were written (a change saved outside a transaction would otherwise let a
    request between two listeners keep the old document under the new version)."""
    with transaction.atomic():
        content_changed.send(sender=Change, change=change)
    return change
