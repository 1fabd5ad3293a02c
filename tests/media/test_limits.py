"""Upload limits: an image bomb is refused from its header, before any decoding; big files by their size.

A 100-megapixel one-colour PNG weighs a few hundred KB but takes gigabytes and many seconds to decode; the
admin must refuse it with a form error, quickly, and store nothing.
"""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.factories import ImageFactory

from .images import huge_png

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return huge_png(10_000, 10_000)


def stored_originals() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "original_images"
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def test_the_bomb_is_small_on_disk_and_huge_in_pixels(bomb):
    assert len(bomb) < 1_000_000
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 100_000_000


class PeakMemory:
    """The process's peak resident memory during a block, from Linux's high-water mark (reset on entry), so
    memory allocated by Pillow's C code counts too."""

    def __enter__(self):
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            pytest.skip("the peak-memory counter cannot be reset here")
        self.before = self.read("VmRSS")
        return self

    def __exit__(self, *exc):
        self.growth = self.read("VmHWM") - self.before

    @staticmethod
    def read(key) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
        raise AssertionError(key)


def test_admin_refuses_a_100_megapixel_png_quickly_with_a_form_error(admin_client, bomb):
    before = stored_originals()
    admin_client.get(reverse("wagtailimages:add"))  # URLs and templates loaded before measuring
    started = time.perf_counter()
    with PeakMemory() as memory:
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "bomb",
                "file": ContentFile(bomb, name="bomb.png"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [error.code for error in errors] == ["file_too_many_pixels"]
    assert "100000000" in response.content.decode()  # the editor sees the count (in the admin's language)
    assert memory.growth < 50_000_000, memory.growth  # its pixels alone are 300 MB
    assert elapsed < 2, elapsed  # decoding it takes several seconds
    assert not get_image_model().objects.exists()
    assert stored_originals() == before


def test_multiple_upload_refuses_it_too(admin_client, bomb):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": ContentFile(bomb, name="bomb.png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "100000000" in answer["error_message"]
    assert not get_image_model().objects.exists()


def test_an_image_made_in_code_is_refused_before_decoding(bomb):
    with pytest.raises(ValidationError, match="too many pixels"):
        ImageFactory(file=ContentFile(bomb, name="bomb.png"))
    assert not get_image_model().objects.exists()


def test_images_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "big",
            "file": ContentFile(huge_png(200, 200) + b"\0" * 2000, name="big.png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["file"]] == ["file_too_large"]
    assert not get_image_model().objects.exists()


def test_documents_over_the_size_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "report",
            "file": ContentFile(b"%PDF-1.4\n" + b"0" * 5000, name="report.pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_limits_come_from_the_environment():
    """The defaults documented in README.md (cms/settings/base.py reads CMS_* variables)."""
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
