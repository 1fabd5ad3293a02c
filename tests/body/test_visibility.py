"""Images and documents of private collections never leave the CMS through a body. Staff keep internal
photos (faces of participants, signed lists) in restricted collections and rely on this."""

import json

import pytest
from wagtail.models import Collection

from cms.api.body import image_data, serialize_stream
from cms.factories import DocumentFactory, ImageFactory
from cms.renditions import ensure_renditions
from news.factories import NewsPageFactory

from .conftest import index_for


@pytest.fixture
def private_media(private_collection):
    nested = Collection.objects.get(pk=private_collection.pk).add_child(name="Internal / 2024")
    images = [ImageFactory(collection=private_collection), ImageFactory(collection=nested)]
    for made in images:
        ensure_renditions(made)
    documents = [DocumentFactory(collection=private_collection), DocumentFactory(collection=nested)]
    return images, documents


def body_using(images, documents):
    blocks = []
    for made in images:
        blocks.append({"type": "image", "value": {"image": made.pk, "caption": "private"}})
        blocks.append(
            {"type": "paragraph", "value": f'<p>x</p><embed embedtype="image" id="{made.pk}" format="left"/>'}
        )
    for document in documents:
        blocks.append({"type": "document", "value": {"document": document.pk, "title": "private"}})
        blocks.append(
            {"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">signed list</a></p>'}
        )
    return blocks


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_private_images_and_documents_are_never_exposed(site_tree, private_media, image, code):
    images, documents = private_media
    public_document = DocumentFactory()
    body = body_using(images, documents) + body_using([image], [public_document])
    page = NewsPageFactory(parent=site_tree["news"], title_en="News", **{f"body_{code}": body})
    page.refresh_from_db()
    index = index_for([page], code, extra_image_ids=[m.pk for m in images])

    blocks = serialize_stream(getattr(page, f"body_{code}"), index)

    types = [b["type"] for b in blocks]
    assert types == ["paragraph"] * 4 + ["image", "paragraph", "document", "paragraph"]
    assert [b["value"] for b in blocks[:4]] == ["<p>x</p>", "<p>x</p>", "<p>signed list</p>", "<p>signed list</p>"]
    assert all(image_data(made.pk, index) is None for made in images)
    output = json.dumps(blocks, ensure_ascii=False)
    for made in images:
        assert made.renditions.count() == 4
        assert not any(r.file.name in output for r in made.renditions.all())
        assert made.file.name not in output
    for document in documents:
        assert f"/documents/{document.pk}/" not in output
    assert image.renditions.first().url in output  # the public ones are there


def test_missing_image_is_none(site_tree):
    assert image_data(987654, index_for([], "ar", extra_image_ids=[987654])) is None
    assert image_data(None, index_for([], "ar")) is None
