"""Cost of serialising bodies: lists and detail responses serialise many bodies at once and rely on a
fixed number of queries, and on never generating a rendition inside a request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.models import Embed

from cms.api.body import MediaIndex, image_data, serialize_stream
from cms.factories import DocumentFactory, ImageFactory
from cms.models import CMSRendition
from cms.paths import Paths
from cms.renditions import RENDITION_SPECS, ensure_renditions
from news.factories import NewsPageFactory
from news.models import NewsPage

from .conftest import BASE_URL


def rich_page(parent, n):
    images = [ImageFactory(), ImageFactory(), ImageFactory()]
    for made in images:
        ensure_renditions(made)
    document = DocumentFactory()
    target = NewsPageFactory(parent=parent)
    url = f"https://www.youtube.com/watch?v={n}"
    Embed.objects.create(url=url, hash=f"hash-{n}", type="video", html=f'<iframe src="https://y.example/{n}"></iframe>')
    body = [
        {"type": "heading", "value": f"heading {n}"},
        {
            "type": "paragraph",
            "value": f'<p><a linktype="page" id="{target.pk}">page</a> <a linktype="document" id="{document.pk}">'
            f'doc</a></p><embed embedtype="image" id="{images[0].pk}" format="fullwidth"/>',
        },
        {"type": "image", "value": {"image": images[1].pk, "caption": "c"}},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
        {"type": "embed", "value": url},
        {"type": "quote", "value": {"text": "q", "attribution": "a"}},
        {"type": "key_figures", "value": [{"type": "item", "value": {"figure": "1", "label": "l"}}]},
    ]
    return NewsPageFactory(parent=parent, main_image=images[2], body_en=body, title_en=f"Item {n}")


def serialize_all(pages):
    paths = Paths()
    with CaptureQueriesContext(connection) as queries:
        index = MediaIndex.collect(
            [p.body_en for p in pages], "en", paths, BASE_URL, extra_image_ids=[p.main_image_id for p in pages]
        )
        bodies = [serialize_stream(p.body_en, index) for p in pages]
        cards = [image_data(p.main_image_id, index) for p in pages]
    return len(queries), bodies, cards


def test_query_count_is_the_same_for_one_body_and_twenty(site_tree):
    made = [rich_page(site_tree["news"], n) for n in range(20)]
    pages = list(NewsPage.objects.filter(pk__in=[p.pk for p in made]).order_by("pk"))

    one, bodies_one, _ = serialize_all(pages[:1])
    twenty, bodies, cards = serialize_all(pages)

    assert one == twenty
    assert one <= 10
    assert bodies[0] == bodies_one[0]
    # every reference was really resolved, so the count is not low because something was skipped
    for body, card in zip(bodies, cards, strict=True):
        paragraph, picture, document, embed = body[1]["value"], body[2]["value"], body[3]["value"], body[4]["value"]
        assert paragraph.count('href="') == 2 and "<img" in paragraph
        assert len(picture["image"]["renditions"]) == len(RENDITION_SPECS)
        assert document["url"].startswith(BASE_URL + "documents/")
        assert "html" in embed
        assert len(card["renditions"]) == len(RENDITION_SPECS)


def test_serializing_after_collect_makes_no_query(site_tree, django_assert_num_queries):
    page = rich_page(site_tree["news"], 0)
    page = NewsPage.objects.get(pk=page.pk)
    index = MediaIndex.collect([page.body_en], "en", Paths(), BASE_URL, extra_image_ids=[page.main_image_id])

    with django_assert_num_queries(0):
        body = serialize_stream(page.body_en, index)
        image_data(page.main_image_id, index)

    assert len(body) == 7


@pytest.fixture
def bare_image(db):
    """An image saved inside the test transaction: its on-commit rendition job never runs, so it has none."""
    made = ImageFactory(file__width=900, file__height=600, description_en="Bare")
    assert made.renditions.count() == 0
    return made


def test_no_rendition_is_created_while_serializing(site_tree, bare_image):
    body = [
        {"type": "image", "value": {"image": bare_image.pk, "caption": "c"}},
        {"type": "paragraph", "value": f'<p>x</p><embed embedtype="image" id="{bare_image.pk}" format="left"/>'},
    ]
    page = NewsPage.objects.get(pk=NewsPageFactory(parent=site_tree["news"], body_en=body, title_en="x").pk)
    index = MediaIndex.collect([page.body_en], "en", Paths(), BASE_URL, extra_image_ids=[bare_image.pk])

    blocks = serialize_stream(page.body_en, index)
    card = image_data(bare_image.pk, index)

    assert CMSRendition.objects.filter(image=bare_image).count() == 0
    assert blocks[0]["value"]["image"]["renditions"] == {} and card["renditions"] == {}
    assert blocks[1]["value"] == "<p>x</p>"  # an embedded image without a rendition is left out


def test_only_existing_renditions_are_listed(site_tree, bare_image):
    bare_image.get_rendition(RENDITION_SPECS["small"])
    index = MediaIndex.collect([], "en", Paths(), BASE_URL, extra_image_ids=[bare_image.pk])

    data = image_data(bare_image.pk, index)

    assert list(data["renditions"]) == ["small"]
    small = data["renditions"]["small"]
    assert small["width"] == 400 and abs(small["height"] - 600 * 400 / 900) < 1
    assert CMSRendition.objects.filter(image=bare_image).count() == 1
