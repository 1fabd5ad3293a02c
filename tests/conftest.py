"""Shared fixtures: a site tree like the real one (home page and the three sections).

Building pages is the slow part of most tests, so data that a whole test module reads is built once per
module, inside one transaction that is rolled back when the module ends (``module_db``); every test still
runs in its own savepoint, so what a test changes is undone before the next one, and each test gets fresh
Python objects re-read from the database (``refetch``). This applies to the read-heavy folders listed in
``SHARED_DATA_FOLDERS``; elsewhere (admin, browser tests whose server thread must see committed data) the tree
is built per test.
"""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.utils import translation
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from news.factories import (
    DialogueSessionIndexPageFactory,
    NewsIndexPageFactory,
    StatementIndexPageFactory,
)


@pytest.fixture(autouse=True)
def _source_language():
    """Tests start in the source language, as a request with no preference would."""
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Tests start with empty caches: a rendition or an API answer cached by an earlier test, whose rows were
    rolled back since, must not be read (Wagtail keeps renditions in the default cache)."""
    from cms.api import cache as api_cache

    for cache in caches.all():
        cache.clear()
    api_cache.forget()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (a live server, a restore; marked ``transaction=True, serialized_rollback=True``)
    empties the database when it ends, taking what ``migrate`` made with it (the tree's and collections'
    roots, the default site, locale and groups). Once its fixtures are torn down, that is put back, so the
    tests after it start as the first did."""
    result = yield
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from django.apps import apps
        from django.core.management import call_command
        from django.core.management.color import no_style
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    call_command("flush", interactive=False, inhibit_post_migrate=True, database=connection.alias)
                    connection.creation.deserialize_db_from_string(contents)
                    # The rows came back with their ids: move PostgreSQL's sequences past them.
                    with connection.cursor() as cursor:
                        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                            cursor.execute(sql)
    return result


# Folders whose modules share data built once per module. Their tests must not assume an empty database.
SHARED_DATA_FOLDERS = {"api", "body", "search"}


def _shares_data(module) -> bool:
    return Path(module.__file__).parent.name in SHARED_DATA_FOLDERS


def _is_browser_test(request) -> bool:
    return request.node.get_closest_marker("browser") is not None


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker):
    """An open transaction for the whole module (rolled back at its end) where data is shared; else False."""
    if not _shares_data(request.module):
        yield False
        return
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield True
            transaction.set_rollback(True)


def refetch(objects: dict) -> dict:
    """The same objects, re-read from the database (model instances), so no test sees another's edits."""
    return {
        key: type(value)._default_manager.get(pk=value.pk) if isinstance(value, Model) and value.pk else value
        for key, value in objects.items()
    }


def build_site_tree() -> dict:
    """The home page as the default site's root, with the three sections under it.

    Whatever sits under the tree root first (Wagtail's "Welcome" page of a fresh database, whose slug "home"
    would clash) is removed, with the site that pointed at it; the default site is then made anew.
    """
    for child in Page.get_first_root_node().get_children():
        child.delete()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.refresh_from_db()
    return {
        "root": Page.get_first_root_node(),
        "home": home,
        "site": site,
        "news": NewsIndexPageFactory(parent=home),
        "statements": StatementIndexPageFactory(parent=home),
        "sessions": DialogueSessionIndexPageFactory(parent=home),
    }


@pytest.fixture(scope="module")
def site_tree_once(module_db):
    return build_site_tree() if module_db else None


@pytest.fixture
def site_tree(site_tree_once, request):
    if site_tree_once is None:
        request.getfixturevalue("transactional_db" if _is_browser_test(request) else "db")
        return build_site_tree()
    request.getfixturevalue("db")
    return refetch(site_tree_once)


def pytest_collection_modifyitems(items):
    """Tests that use the site tree touch the database through fixtures that request it only at run time;
    mark them, so pytest-django knows before any test runs that the test database must be set up (without
    this, a module run alone reached the development database)."""
    for item in items:
        if _shares_data(item.module) and {"site_tree", "site_tree_once"} & set(item.fixturenames):
            item.add_marker(pytest.mark.django_db)
