"""Each body block as the public API sends it, in every language. The API endpoints and, through them,
the website's renderers rely on these shapes."""

import pytest
from wagtail.embeds.models import Embed

from cms.api.body import image_data, serialize_stream
from cms.factories import DocumentFactory
from news.factories import DialogueSessionPageFactory, NewsPageFactory

from .conftest import BASE_URL, index_for

TEXT = {
    "ar": {"heading": "نتائج الورشة", "para": "تدرب المشاركون على الحوار.", "quote": "الحوار طريقنا", "who": "مدربة"},
    "ku": {
        "heading": "Encamên xebatê",
        "para": "Beşdaran li ser diyalogê perwerde dîtin.",
        "quote": "Diyalog rêya me ye",
        "who": "Perwerdekar",
    },
    "en": {
        "heading": "Workshop results",
        "para": "Participants trained in dialogue.",
        "quote": "Dialogue is our way",
        "who": "Trainer",
    },
}
ALT = {"ar": ("متدربات في ورشة", "ar"), "ku": ("متدربات في ورشة", "ar"), "en": ("Trainees at a workshop", "en")}
VIDEO = "https://www.youtube.com/watch?v=abc123"


def full_body(code, image, document):
    text = TEXT[code]
    return [
        {"type": "heading", "value": text["heading"], "id": "h"},
        {"type": "paragraph", "value": f"<p>{text['para']} <b>!</b></p>", "id": "p"},
        {"type": "image", "value": {"image": image.pk, "caption": text["heading"]}, "id": "i"},
        {"type": "quote", "value": {"text": text["quote"], "attribution": text["who"]}, "id": "q"},
        {"type": "embed", "value": VIDEO, "id": "e"},
        {"type": "document", "value": {"document": document.pk, "title": text["heading"]}, "id": "d"},
        {
            "type": "key_figures",
            "value": [
                {"type": "item", "value": {"figure": "23", "label": text["who"]}, "id": "k1"},
                {"type": "item", "value": {"figure": "3", "label": text["quote"]}, "id": "k2"},
            ],
            "id": "k",
        },
    ]


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_every_block_type_in_each_language(site_tree, image, code):
    document = DocumentFactory(title="report-2024")
    page = NewsPageFactory(
        parent=site_tree["news"],
        title_ku="Nûçe",
        title_en="News item",
        **{f"body_{code}": full_body(code, image, document)},
    )
    page.refresh_from_db()
    text = TEXT[code]

    blocks = serialize_stream(getattr(page, f"body_{code}"), index_for([page], code))

    by_id = {block["id"]: block for block in blocks}
    assert [block["type"] for block in blocks] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "embed",
        "document",
        "key_figures",
    ]
    assert by_id["h"]["value"] == text["heading"]
    assert by_id["p"]["value"] == f"<p>{text['para']} <b>!</b></p>"
    picture = by_id["i"]["value"]
    assert picture["caption"] == text["heading"]
    assert picture["image"]["id"] == image.pk
    assert (picture["image"]["alt"], picture["image"]["alt_lang"]) == ALT[code]
    assert by_id["q"]["value"] == {"text": text["quote"], "attribution": text["who"]}
    assert by_id["e"]["value"] == {"url": VIDEO}
    assert by_id["d"]["value"] == {
        "title": text["heading"],
        "url": BASE_URL + f"documents/{document.pk}/{document.filename}",
        "extension": document.file_extension,
        **({"file_size": document.file_size} if document.file_size is not None else {}),
    }
    assert by_id["k"]["value"] == [{"figure": "23", "label": text["who"]}, {"figure": "3", "label": text["quote"]}]


def test_image_data_lists_each_size_as_absolute_url_within_its_bounds(image):
    index = index_for([], "en", extra_image_ids=[image.pk])

    data = image_data(image.pk, index)

    assert (data["width"], data["height"]) == (1200, 900)
    renditions = data["renditions"]
    assert set(renditions) == {"small", "medium", "large", "original"}
    assert (renditions["small"]["width"], renditions["small"]["height"]) == (400, 300)
    assert (renditions["medium"]["width"], renditions["medium"]["height"]) == (800, 600)
    assert (renditions["large"]["width"], renditions["large"]["height"]) == (1200, 900)  # never enlarged
    assert (renditions["original"]["width"], renditions["original"]["height"]) == (1200, 900)
    assert all(r["url"].startswith(BASE_URL + "media/images/") for r in renditions.values())
    assert renditions["small"]["url"].endswith(".webp")
    assert image.file.url not in {r["url"].removeprefix(BASE_URL.rstrip("/")) for r in renditions.values()}


def test_alt_text_without_any_language_is_empty_not_the_file_title(image):
    image.description_ar = image.description_en = ""
    image.save()

    data = image_data(image.pk, index_for([], "en", extra_image_ids=[image.pk]))

    assert data["alt"] == ""


def test_document_without_block_title_uses_its_own_title(site_tree):
    document = DocumentFactory(title="التقرير السنوي")
    body = [{"type": "document", "value": {"document": document.pk, "title": ""}}]
    page = NewsPageFactory(parent=site_tree["news"], body_ar=body)
    page.refresh_from_db()

    [block] = serialize_stream(page.body_ar, index_for([page], "ar"))

    assert block["value"]["title"] == "التقرير السنوي"


def test_embed_gives_cached_provider_html_sanitised_and_never_fetches(site_tree):
    cached, uncached = VIDEO, "https://vimeo.com/1"
    Embed.objects.create(
        url=cached,
        hash="h1",
        type="video",
        html='<iframe src="https://www.youtube.com/embed/abc123" width="480" allowfullscreen></iframe>'
        "<script>track()</script>",
    )
    body = [{"type": "embed", "value": cached}, {"type": "embed", "value": uncached}]
    page = NewsPageFactory(parent=site_tree["news"], body_ar=body)
    page.refresh_from_db()

    first, second = serialize_stream(page.body_ar, index_for([page], "ar"))

    assert first["value"] == {
        "url": cached,
        "html": '<iframe src="https://www.youtube.com/embed/abc123" width="480" allowfullscreen=""></iframe>',
    }
    assert second["value"] == {"url": uncached}
    assert Embed.objects.count() == 1


def test_list_items_of_outcomes_are_strings(site_tree):
    outcomes = [{"type": "item", "value": "تشكيل لجنة متابعة"}, {"type": "item", "value": "ورشة ثانية"}]
    page = DialogueSessionPageFactory(parent=site_tree["sessions"], outcomes_ar=outcomes)
    page.refresh_from_db()

    blocks = serialize_stream(page.outcomes_ar, index_for([page], "ar", field="outcomes_ar"))

    assert [(b["type"], b["value"]) for b in blocks] == [("item", "تشكيل لجنة متابعة"), ("item", "ورشة ثانية")]


def test_empty_and_missing_bodies_serialize_to_empty_lists(site_tree):
    page = NewsPageFactory(parent=site_tree["news"], body_en=[])
    page.refresh_from_db()
    index = index_for([page], "en")

    assert serialize_stream(page.body_en, index) == []
    assert serialize_stream(None, index) == []
