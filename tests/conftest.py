"""Shared fixtures: a site tree like the real one (home page and the three sections), built per test."""

import pytest
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


@pytest.fixture
def site_tree(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk and old_root.depth > 1:
        old_root.delete()
    home.refresh_from_db()
    return {
        "root": root,
        "home": home,
        "site": site,
        "news": NewsIndexPageFactory(parent=home),
        "statements": StatementIndexPageFactory(parent=home),
        "sessions": DialogueSessionIndexPageFactory(parent=home),
    }
