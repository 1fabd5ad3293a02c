"""A rebuild run as a command, outside any caller's transaction (PostgreSQL)."""

import datetime

import pytest
from django.db import connection

from news.factories import NewsPageFactory
from search import indexer
from tests.conftest import build_site_tree

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_rebuild_run_on_its_own_vacuums_the_entries_it_replaced():
    """Every old entry is a dead row after a rebuild: run on its own, the rebuild vacuums them away, so the
    index-only reads of a search need not visit the table."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's vacuum")
    tree = build_site_tree()
    for day in range(1, 4):
        NewsPageFactory(parent=tree["news"], date=datetime.date(2024, 1, day), title_en=f"Workshop {day}")
    assert not connection.in_atomic_block
    assert indexer.rebuild() >= 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT last_vacuum, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'cms_search_searchentry'"
        )
        last_vacuum, dead = cursor.fetchone()
    assert last_vacuum is not None and dead == 0
