"""A search outside any transaction (as the API runs it), PostgreSQL: its planner settings travel with each
statement in one query string and end with it (``search.backends.postgres``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsPageFactory
from search.backends import postgres
from tests.conftest import build_site_tree

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_each_statement_carries_the_planner_settings_and_leaves_none_behind(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    tree = build_site_tree()
    for day in range(1, 4):
        NewsPageFactory(parent=tree["news"], date=datetime.date(2024, 1, day), title_en=f"Workshop {day}")
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as captured:
        search = client.get("/api/v1/search/", {"q": "workshop", "lang": "en"})
        suggest = client.get("/api/v1/search/suggest/", {"q": "works", "lang": "en"})
    assert search.status_code == suggest.status_code == 200
    assert search.json()["count"] == 3 and len(suggest.json()["results"]) == 3
    statements = [query["sql"] for query in captured.captured_queries]
    searching = [sql for sql in statements if "to_tsquery" in sql]
    assert searching and all(sql.startswith(postgres.HERE) for sql in searching)
    # No transaction of its own, no separate statement to set or put back the settings.
    assert not [sql for sql in statements if sql.startswith(("BEGIN", "COMMIT", "SELECT current_setting"))]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        assert cursor.fetchone() == ("on", "on")
