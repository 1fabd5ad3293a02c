"""``/media/`` hands out only the files of public images, renditions and documents.

A file in a private collection (or a child of one) must not be reachable by guessing or keeping its URL; the
answer for a private file is the same 404 as for a missing one. With ``CMS_MEDIA_ACCEL_REDIRECT`` the check
stays in Django and the web server sends the bytes.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from cms.factories import DocumentFactory, ImageFactory
from cms.renditions import ensure_renditions

from .images import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def collections():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Participants (private)")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return {"public": root.add_child(name="Press"), "private": private, "child": private.add_child(name="2026")}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def media(collections):
    made = {}
    for name, collection in collections.items():
        image = ImageFactory(collection=collection, file=ContentFile(photo("JPEG"), name=f"{name}.jpg"))
        made[f"{name} image"] = image
        made[f"{name} renditions"] = list(ensure_renditions(image).values())
        made[f"{name} document"] = DocumentFactory(collection=collection)
    return made


def test_public_originals_renditions_and_documents_are_served(client, media):
    image = media["public image"]
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert body(response) == image.file.open("rb").read()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    for rendition in media["public renditions"]:
        assert client.get(rendition.file.url).status_code == 200
    document = media["public document"]
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert body(response) == b"%PDF-1.4\n%%EOF\n"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize("where", ["private", "child"])
def test_files_of_private_collections_are_404(client, media, where):
    urls = [media[f"{where} image"].file.url, media[f"{where} document"].file.url]
    urls += [rendition.file.url for rendition in media[f"{where} renditions"]]
    for url in urls:
        assert url.startswith("/media/")
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in response.content and b"JFIF" not in response.content


def test_private_documents_through_wagtails_document_view_are_refused(client, media):
    """The documents URL Wagtail links to checks the collection's restriction too (login asked for)."""
    document = media["private document"]
    response = client.get(document.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    public = client.get(media["public document"].url)
    assert public.status_code == 200


def test_a_file_becomes_unreachable_when_its_collection_turns_private(client, media, collections):
    url = media["public image"].file.url
    assert client.get(url).status_code == 200
    CollectionViewRestriction.objects.create(collection=collections["public"], restriction_type="login")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/uploaded_files/waiting.jpg",  # an upload whose details are not filled in yet
        "/media/original_images/nothing-here.jpg",
        "/media/original_images/../original_images/public.jpg",
        "/media/%2e%2e/cms/settings/base.py",
        "/media/original_images/public.jpg%00.png",
    ],
)
def test_other_paths_under_media_are_404(client, media, path):
    assert client.get(path).status_code == 404


def test_accel_redirect_leaves_the_bytes_to_the_web_server(client, media, settings):
    settings.CMS_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    image = media["public image"]
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + image.file.name
    assert response.content == b""
    assert client.get(media["private image"].file.url).status_code == 404


def test_x_sendfile(client, media, settings):
    settings.CMS_MEDIA_ACCEL_REDIRECT = "x-sendfile"
    image = media["public image"]
    response = client.get(image.file.url)
    assert response["X-Sendfile"] == image.file.path
    assert "X-Accel-Redirect" not in response


def test_writing_methods_are_refused(client, media):
    assert client.post(media["public image"].file.url).status_code == 405
