"""Backups round-trip: the demo site, dumped and restored into a new database, answers the same.

The restore happens where it would in production: a second database file, migrated from scratch by another
process (Wagtail's migrations put their own welcome page and site there), then ``manage.py restore``. Every
live item in every language, its resolve/ answer, every list and a search must be byte-identical (a timestamp
that lost its microseconds would change them).
"""

import contextlib
import datetime
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, PageLogEntry

from cms.backup import PreciseJSONEncoder
from news.models import NewsPage

from .snapshot import api_snapshot

ROOT = Path(__file__).resolve().parents[2]


def run(*args, database):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database}
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@contextlib.contextmanager
def new_database(tmp_path):
    """An empty database of the same kind as the test database (search ranks differ between engines)."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"cms_restore_{uuid.uuid4().hex[:12]}"
    params = settings.DATABASES["default"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "") + "@" if params["USER"] else ""
        host = params["HOST"] + (f":{params['PORT']}" if params["PORT"] else "") if params["HOST"] else ""
        yield f"postgresql://{auth}{host}/{name}"
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_dumpdata_with_natural_keys_works_on_a_freshly_seeded_database(tmp_path):
    call_command("seed_demo")
    assert not PageLogEntry.objects.exclude(page_id__in=Page.objects.values("pk")).exists()
    output = tmp_path / "dump.json"
    call_command("dumpdata", natural_foreign=True, natural_primary=True, output=str(output), verbosity=0)
    models = {entry["model"] for entry in json.loads(output.read_text())}
    assert {"news.newspage", "wagtailcore.pagelogentry", "cms.cmsimage"} <= models


@pytest.mark.django_db
def test_the_history_of_a_deleted_page_does_not_break_a_dump(site_tree, tmp_path):
    """Wagtail keeps the log of a deleted page, naming its id: the dump keeps that id as it is."""
    from wagtail.actions.delete_page import DeletePageAction

    from news.factories import NewsPageFactory

    page = NewsPageFactory(parent=site_tree["news"])
    page.save_revision(log_action=True).publish()
    page_id = page.pk
    DeletePageAction(page).execute(skip_permission_checks=True)  # as the admin's delete view does
    assert not Page.objects.filter(pk=page_id).exists()
    assert PageLogEntry.objects.filter(page_id=page_id).exists()
    output = tmp_path / "dump.json"
    call_command("dumpdata", "wagtailcore.pagelogentry", natural_foreign=True, output=str(output), verbosity=0)
    entries = [e for e in json.loads(output.read_text()) if e["fields"]["page"] == page_id]
    assert entries


@pytest.mark.django_db
def test_timestamps_keep_their_microseconds():
    moment = datetime.datetime(2026, 3, 1, 10, 0, 0, 123456, tzinfo=datetime.UTC)
    assert json.dumps(moment, cls=PreciseJSONEncoder) == '"2026-03-01T10:00:00.123456Z"'
    page = Page(title="x", last_published_at=moment)
    text = serializers.serialize("json", [page], fields=["last_published_at"])
    (restored,) = serializers.deserialize("json", text)
    assert restored.object.last_published_at == moment


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_a_new_database_answers_identically(tmp_path):
    call_command("seed_demo")
    call_command("generate_renditions", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.test import Client

    before = api_snapshot(Client(), settings.CMS_LANGUAGES)
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup))

    with new_database(tmp_path) as database:
        run("manage.py", "migrate", "--no-input", "-v", "0", database=database)
        out = run("manage.py", "restore", str(backup), database=database)
        assert "Search indexes rebuilt." in out
        after = json.loads(run("-m", "tests.backup.snapshot", database=database))

    assert after.keys() == before.keys()
    assert len(before) >= 3 * (6 * 2 + 12 + 1)  # 6 demo items × (detail, resolve), 12 lists, a search
    for url, answer in before.items():
        assert answer[0] == 200, (url, answer)
        assert after[url] == answer, url
    searches = [url for url in before if url.startswith("search/")]
    assert searches and all(json.loads(before[url][1])["count"] > 0 for url in searches)


@pytest.mark.django_db
def test_restore_refuses_a_database_with_content(site_tree, tmp_path):
    from django.core.management.base import CommandError

    from news.factories import NewsPageFactory

    NewsPageFactory(parent=site_tree["news"])
    backup = tmp_path / "backup.json"
    backup.write_text("[]")
    with pytest.raises(CommandError, match="already has .* page"):
        call_command("restore", str(backup))
    assert NewsPage.objects.count() == 1
