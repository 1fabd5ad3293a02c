"""The search corpus (``corpus.build``), built and indexed once per module that asks for it (see
``tests/conftest.py``), and re-read for each test."""

import pytest

from tests.conftest import refetch

from .corpus import build


@pytest.fixture(scope="module")
def items_once(site_tree_once):
    return build(site_tree_once)


@pytest.fixture
def items(site_tree, items_once):
    return refetch(items_once)
