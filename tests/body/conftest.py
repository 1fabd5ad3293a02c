"""Fixtures for the body serializer: real images with their renditions, private collections, raw writes."""

import json

import pytest
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.api.body import MediaIndex
from cms.factories import ImageFactory
from cms.paths import Paths
from cms.renditions import ensure_renditions

BASE_URL = "http://testserver/"


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Wagtail caches renditions by image id, and ids come back after each test's rollback: a cached
    rendition of another test's image would stand in for one that does not exist."""
    get_image_model().get_rendition_model().cache_backend.clear()


@pytest.fixture
def image(db):
    """A public 1200x900 image with alt text in Arabic and English (none in Kurmanji) and every rendition."""
    made = ImageFactory(
        file__width=1200, file__height=900, description_ar="متدربات في ورشة", description_en="Trainees at a workshop"
    )
    ensure_renditions(made)
    return made


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    return collection


def index_for(pages, code, field=None, **kwargs):
    """The index a response in ``code`` would build for these pages' bodies."""
    field = field or f"body_{code}"
    return MediaIndex.collect([getattr(page, field) for page in pages], code, Paths(), BASE_URL, **kwargs)


def write_raw_body(page, field, blocks):
    """Store a body as JSON straight in the table, as an import or a script could, bypassing every form."""
    model = type(page)
    table = model._meta.db_table
    column = model._meta.get_field(field).column
    pk_column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk_column}" = %s', [json.dumps(blocks), page.pk])
    return model.objects.get(pk=page.pk)
