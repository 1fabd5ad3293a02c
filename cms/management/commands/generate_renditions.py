"""Backfill the API's image renditions (``cms.renditions.RENDITION_SPECS``) for images that lack some.

Run after deploying a change of sizes, after restoring media, or when an upload could not make them; the
API never generates them during a request. Safe to run again: existing renditions are kept.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from cms.renditions import RENDITION_SPECS, ensure_renditions


class Command(BaseCommand):
    help = "Generate missing image renditions used by the public API."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these image ids (default: all images).")

    def handle(self, *args, ids=(), **options):
        filters = [Filter(spec=spec) for spec in RENDITION_SPECS.values()]
        images = get_image_model().objects.order_by("pk").prefetch_renditions(*RENDITION_SPECS.values())
        if ids:
            images = images.filter(pk__in=ids)
        checked = completed = failed = 0
        for image in images.iterator(chunk_size=200):
            checked += 1
            if len(image.find_existing_renditions(*filters)) == len(filters):
                continue
            try:
                ensure_renditions(image)
            except Exception as error:  # one unreadable file must not stop the backfill
                failed += 1
                self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
            else:
                completed += 1
        self.stdout.write(f"{checked} image(s) checked, {completed} completed, {failed} failed.")
        if failed:
            raise SystemExit(1)
