"""Read replicas on PostgreSQL: public API reads go to the replica, the admin and everything else to the primary.

Two real databases on the local server: the primary is migrated and given a published news item, the replica
is a copy of it (as replication would make) whose copy of the item's title is then changed, so each answer
shows which database it was read from.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest

from .conftest import BASE_DIR

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

BUILD = """
from tests.conftest import build_site_tree
from news.factories import NewsPageFactory
tree = build_site_tree()
page = NewsPageFactory(parent=tree["news"], title_ar="عنوان الأساسي", title_en="Primary title")
print(json.dumps(page.pk))
"""

PROBE = """
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

api = Client()
on_replica, on_primary = CaptureQueriesContext(connections["replica_1"]), CaptureQueriesContext(connections["default"])
with on_replica, on_primary:
    public = api.get("/api/v1/news/?lang=en").json()["results"][0]["title"]
api_queries = {"replica": len(on_replica), "primary": len(on_primary)}
with transaction.atomic():  # another address than above, so the response cache does not answer it
    in_transaction = api.get("/api/v1/news/?lang=en&limit=5").json()["results"][0]["title"]
editor = Client()
editor.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-12345678"))
admin = editor.get(f"/admin/pages/{PAGE}/edit/").content.decode()
print(json.dumps({
    "public": public,
    "api_queries": api_queries,
    "in_transaction": in_transaction,
    "admin_sees_primary": "Primary title" in admin,
    "admin_sees_replica": "Replica title" in admin,
}))
"""


def sh(*args):
    subprocess.run(args, check=True, capture_output=True, text=True)


def child(code, env):
    script = "import json, os\nimport django\ndjango.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def two_databases():
    suffix = uuid.uuid4().hex[:8]
    primary, replica = f"cms_replica_test_primary_{suffix}", f"cms_replica_test_copy_{suffix}"
    sh("createdb", primary)
    try:
        yield primary, replica
    finally:
        for name in (replica, primary):
            subprocess.run(["dropdb", "--if-exists", name], capture_output=True)


def test_public_api_reads_from_the_replica_and_the_admin_from_the_primary(two_databases, tmp_path):
    primary, replica = two_databases
    base_env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URLS")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgresql:///{primary}",
        "MEDIA_ROOT": str(tmp_path),
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=BASE_DIR, env=base_env, capture_output=True
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    page = child(BUILD, base_env)
    sh("createdb", "-T", primary, replica)  # the replica: a copy of the primary
    # The item's title, in its row and in its stored API documents (readmodel), differs on the replica.
    sh("psql", "-q", "-d", replica, "-c", f"UPDATE wagtailcore_page SET title_en = 'Replica title' WHERE id = {page}")
    swap = "replace({0}, 'Primary title', 'Replica title')"
    stored = f"SET card = {swap.format('card')}, detail = {swap.format('detail')}"
    sh("psql", "-q", "-d", replica, "-c", f"UPDATE readmodel_storeditem {stored} WHERE page_id = {page}")

    result = child(
        PROBE.replace("{PAGE}", str(page)), {**base_env, "DATABASE_REPLICA_URLS": f"postgresql:///{replica}"}
    )
    assert result["public"] == "Replica title"
    assert result["api_queries"]["replica"] > 0 and result["api_queries"]["primary"] == 0
    assert result["in_transaction"] == "Primary title"
    assert result["admin_sees_primary"] and not result["admin_sees_replica"]

    # Without replicas configured, the same request reads the primary: the test above can tell them apart.
    title_now = "from django.test import Client\nanswer = Client().get('/api/v1/news/?lang=en').json()\n"
    without = child(title_now + "print(json.dumps(answer['results'][0]['title']))", base_env)
    assert without == "Primary title"
