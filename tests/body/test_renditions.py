"""Renditions are made when an image is saved and backfilled by a command, so that requests only ever
read them. Editors uploading photos and the deploy procedure (``generate_renditions``) rely on this."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image as PILImage

from cms.factories import ImageFactory
from cms.models import CMSRendition
from cms.renditions import RENDITION_SPECS


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="replacement.png")


def specs_of(image):
    return set(CMSRendition.objects.filter(image=image).values_list("filter_spec", flat=True))


def test_saving_an_image_generates_every_rendition(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(file__width=2000, file__height=1000)

    assert specs_of(image) == set(RENDITION_SPECS.values())
    widths = dict(CMSRendition.objects.filter(image=image).values_list("filter_spec", "width"))
    assert widths[RENDITION_SPECS["small"]] == 400
    assert widths[RENDITION_SPECS["large"]] == 1600
    assert widths[RENDITION_SPECS["original"]] == 2000


def test_renditions_wait_for_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = ImageFactory()

    assert specs_of(image) == set()
    assert len(callbacks) >= 1


def test_replacing_the_file_replaces_the_renditions(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(file__width=600, file__height=600)
    old = set(CMSRendition.objects.filter(image=image).values_list("file", flat=True))

    image = type(image).objects.get(pk=image.pk)
    with django_capture_on_commit_callbacks(execute=True):
        image.file = png(300, 200)
        image._set_image_file_metadata()
        image.save()

    renditions = CMSRendition.objects.filter(image=image)
    assert {r.filter_spec for r in renditions} == set(RENDITION_SPECS.values())
    assert not old & {r.file.name for r in renditions}
    assert all((r.width, r.height) == (300, 200) for r in renditions)


def test_generate_renditions_backfills_only_what_is_missing(db, capsys):
    complete, bare = ImageFactory(), ImageFactory()
    call_command("generate_renditions", str(complete.pk))
    CMSRendition.objects.filter(image=complete, filter_spec=RENDITION_SPECS["medium"]).delete()
    kept = set(CMSRendition.objects.filter(image=complete).values_list("pk", flat=True))
    capsys.readouterr()

    call_command("generate_renditions")

    assert specs_of(complete) == specs_of(bare) == set(RENDITION_SPECS.values())
    assert kept <= set(CMSRendition.objects.filter(image=complete).values_list("pk", flat=True))
    assert "2 image(s) checked, 2 completed, 0 failed." in capsys.readouterr().out
    call_command("generate_renditions")
    assert "2 image(s) checked, 0 completed, 0 failed." in capsys.readouterr().out


def test_generate_renditions_reports_an_unreadable_image_and_goes_on(db, capsys):
    broken, fine = ImageFactory(), ImageFactory()
    broken.file.storage.delete(broken.file.name)

    with pytest.raises(SystemExit):
        call_command("generate_renditions")

    assert specs_of(fine) == set(RENDITION_SPECS.values())
    assert f"image {broken.pk}" in capsys.readouterr().err
