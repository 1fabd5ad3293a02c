"""Remove location and camera data from images stored before uploads were cleaned (``cms.media``).

Each original is rewritten in place only if it still carries metadata (or a turned orientation); its
renditions are then deleted and made again from the clean file. Safe to run again: a clean image is left as
it is, so a second run reports nothing cleaned.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from cms.media import clean_stored_image
from cms.renditions import ensure_renditions


class Command(BaseCommand):
    help = "Strip EXIF/XMP/IPTC data from stored images (in place, idempotent) and remake their renditions."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these image ids (default: all images).")

    def handle(self, *args, ids=(), **options):
        images = get_image_model().objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
        checked = cleaned = failed = 0
        for image in images.iterator(chunk_size=200):
            checked += 1
            try:
                if clean_stored_image(image):
                    cleaned += 1
                    ensure_renditions(image)
            except Exception as error:  # one unreadable file must not stop the rest
                failed += 1
                self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(
            f"{checked} image(s) checked, {cleaned} cleaned, {checked - cleaned - failed} already clean, "
            f"{failed} failed."
        )
        if failed:
            raise SystemExit(1)
