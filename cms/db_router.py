"""Read replicas: public API reads go to a replica, everything else to the primary.

``DATABASE_REPLICA_URLS`` (comma-separated) adds ``replica_1``, ``replica_2``… to ``DATABASES`` and turns this
router on. Only code running inside :func:`replica_reads` (the public API views, ``cms/api/base.py``) reads
from a replica; the admin, every write, every read inside a transaction on the primary, management commands
and Wagtail's own page serving use the primary, so an editor always sees what they have just saved. A replica
may lag the primary by a moment, which the API's ``max-age`` already tolerates.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_reads: ContextVar[bool] = ContextVar("cms_replica_reads", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


@contextmanager
def replica_reads():
    """Reads inside this block may go to a replica (only public, read-only API work belongs here)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        aliases = replica_aliases()
        return random.choice(aliases) if aliases else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas copy the primary's schema through replication; migrations run on the primary only.
        return db == DEFAULT_DB_ALIAS
