"""Photos are stored without where, when and with what they were taken: the original and every size.

The people in the centre's photos can be put at risk by a GPS position left in a file, so no upload path may
store it: the admin's image form, its multiple-upload view, and images made in code. The EXIF orientation is
applied to the pixels first, so a phone photo still stands upright once its EXIF is gone.
"""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.factories import ImageFactory
from cms.media import strip_metadata
from cms.renditions import RENDITION_SPECS, ensure_renditions

from .images import SRGB_PROFILE, camera_exif, metadata_left, photo

pytestmark = pytest.mark.django_db

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif", "HEIF": "heic"}


def stored_bytes(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def assert_clean_and_upright(data: bytes, size=(200, 300), icc=True):
    """No metadata; turned as its orientation tag said (the 300×200 red|blue picture becomes red over blue)."""
    assert metadata_left(data) == {}
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == size
        if size == (200, 300):
            top, bottom = image.convert("RGB").getpixel((100, 20)), image.convert("RGB").getpixel((100, 280))
            assert top[0] > 200 and top[2] < 50, top  # red on top
            assert bottom[2] > 200 and bottom[0] < 50, bottom  # blue below
        if icc:
            assert image.info.get("icc_profile") == SRGB_PROFILE


def assert_image_clean(image, size=(200, 300)):
    image.refresh_from_db()
    assert (image.width, image.height) == size
    original = stored_bytes(image.file)
    assert_clean_and_upright(original, size)
    assert image.file_size == len(original)
    renditions = ensure_renditions(image)
    assert set(renditions) == set(RENDITION_SPECS)
    for name, rendition in renditions.items():
        data = stored_bytes(rendition.file)
        assert metadata_left(data) == {}, name
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.height > picture.width, name  # made from the upright original


def test_the_sample_photo_carries_what_must_go():
    """The test photo really has GPS, camera and XMP data, so the tests below can fail."""
    left = metadata_left(photo("JPEG"))
    assert {"gps", "exif", "xmp", "comment"} <= set(left)
    assert left["gps"][2] == (36.0, 30.0, 12.5)


def test_admin_image_form_stores_a_clean_upright_original(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Workshop in Qamishli",
            "file": ContentFile(photo("JPEG"), name="IMG_0001.jpg"),
            "collection": Collection.get_first_root_node().pk,
            "description_ar": "ورشة عمل",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    image = get_image_model().objects.get(title="Workshop in Qamishli")
    assert_image_clean(image)


def test_admin_multiple_upload_stores_a_clean_original(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": ContentFile(photo("JPEG"), name="IMG_0002.jpg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert json.loads(response.content)["success"] is True
    assert_image_clean(get_image_model().objects.get())


def test_replacing_the_file_in_the_admin_edit_form_cleans_the_new_one(admin_client):
    image = ImageFactory(file=ContentFile(photo("PNG", orientation=1), name="plain.png"))
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "file": ContentFile(photo("JPEG"), name="IMG_0003.jpg"),
            "collection": image.collection_id,
            "description_ar": "ورشة عمل",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert_image_clean(image)


@pytest.mark.parametrize("image_format", FORMATS)
def test_images_made_in_code_are_stored_clean(image_format):
    image = ImageFactory(file=ContentFile(photo(image_format), name=f"photo.{FORMATS[image_format]}"))
    if image_format == "TIFF":
        # Not an upload format of the admin (WAGTAILIMAGES_EXTENSIONS), and Wagtail cannot write TIFF
        # renditions: the original made in code is what must be clean.
        image.refresh_from_db()
        assert_clean_and_upright(stored_bytes(image.file))
        return
    if image_format == "HEIF":
        # libheif applies the orientation itself when reading (the container's own transform), so the file is
        # stored as it displays: 300×200. What matters here is that the metadata is gone.
        image.refresh_from_db()
        data = stored_bytes(image.file)
        assert metadata_left(data) == {}
        assert (image.width, image.height) == Image.open(io.BytesIO(data)).size
        return
    assert_image_clean(image)


def test_a_jpeg_without_turning_keeps_its_pixels_byte_for_byte():
    """Only the metadata segments go: the compressed picture is not re-encoded (no loss of quality)."""
    source = photo("JPEG", orientation=1)
    cleaned = strip_metadata(source)
    scan = source.index(b"\xff\xda")
    assert cleaned.endswith(source[scan:])
    assert len(cleaned) < len(source)
    assert_clean_and_upright(cleaned, size=(300, 200))
    assert strip_metadata(cleaned) is None  # already clean: nothing to do


def test_clean_image_metadata_cleans_existing_images_once():
    """Images stored before this rule: cleaned in place, their renditions remade from the clean file."""
    Image_ = get_image_model()
    storage = Image_._meta.get_field("file").storage
    name = storage.save("original_images/legacy.jpg", ContentFile(photo("JPEG")))
    legacy = Image_.objects.create(title="legacy", file=name, width=300, height=200)
    clean = ImageFactory(file=ContentFile(photo("PNG", orientation=1), name="clean.png"))
    assert metadata_left(stored_bytes(legacy.file))  # really stored with its metadata
    old_renditions = {r.pk for r in ensure_renditions(legacy).values()}

    out = io.StringIO()
    call_command("clean_image_metadata", stdout=out)
    assert "2 image(s) checked, 1 cleaned, 1 already clean, 0 failed" in out.getvalue()
    assert_image_clean(Image_.objects.get(pk=legacy.pk))  # its renditions now stand upright too
    new_renditions = {r.pk for r in legacy.renditions.all()}
    assert len(new_renditions) == len(RENDITION_SPECS) and not (new_renditions & old_renditions)
    assert clean.renditions.count() == 0  # untouched

    out = io.StringIO()
    call_command("clean_image_metadata", stdout=out)
    assert "2 image(s) checked, 0 cleaned, 2 already clean, 0 failed" in out.getvalue()


def test_a_file_written_to_storage_before_the_model_is_saved_is_cleaned_in_place():
    """Wagtail's "create from uploaded file" step writes the file first (``file.save(..., save=False)``),
    then saves the image: the stored file is cleaned right after."""
    Image_ = get_image_model()
    image = Image_(title="from upload", collection=Collection.get_first_root_node())
    image.file.save("IMG_0004.jpg", ContentFile(photo("JPEG")), save=False)
    assert metadata_left(stored_bytes(image.file))  # written as uploaded
    image.width, image.height = 300, 200  # as the upload's header says, before turning
    image._set_image_file_metadata()
    image.save()
    assert_image_clean(Image_.objects.get(pk=image.pk))


def test_data_appended_after_the_jpeg_picture_is_dropped():
    """Phones append maker data (Samsung's trailer, a motion photo's video) after the end-of-image marker."""
    source = photo("JPEG", orientation=1) + b"SEFH\x00Location: 36.5N 40.7E SERIAL-0042"
    cleaned = strip_metadata(source)
    assert cleaned.endswith(b"\xff\xd9")
    assert metadata_left(cleaned) == {}


def test_a_multi_picture_jpeg_keeps_only_its_first_picture_clean():
    """MPO files (a JPEG followed by more JPEGs, each with EXIF) become one clean JPEG."""
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (300, 200), "red"), Image.new("RGB", (300, 200), "blue")
    second.encoderinfo = {"exif": camera_exif(1)}
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=camera_exif(6))
    source = buffer.getvalue()
    assert Image.open(io.BytesIO(source)).format == "MPO" and source.count(b"Canon") >= 2
    cleaned = strip_metadata(source)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        assert image.size == (200, 300)
    assert metadata_left(cleaned) == {}
