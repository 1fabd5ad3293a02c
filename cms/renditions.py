"""The image sizes the public API offers, generated when an image is saved, never while answering a request.

Generating a rendition means decoding and re-encoding the original: far too slow inside an API request, and
a request that does it can be made to do it on purpose. So the sizes are fixed here, made on upload (a
``post_save`` signal, ``cms/signals.py``) and backfilled by ``manage.py generate_renditions``; the API
serves only renditions that already exist (``cms.api.body``).

The sized renditions are WebP (much lighter than JPEG for readers on slow connections); ``original`` keeps
the source format at full size. All are made from the stored original, which is already free of EXIF, XMP
and IPTC data (camera, GPS position) and turned upright (``cms.media``); when ``manage.py
clean_image_metadata`` rewrites an older original, its renditions are deleted and made again.
"""

import logging

from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

RENDITION_SPECS = {
    "small": "max-400x400|format-webp",
    "medium": "max-800x800|format-webp",
    "large": "max-1600x1600|format-webp",
    "original": "original",
}


def ensure_renditions(image) -> dict:
    """Make every rendition of ``RENDITION_SPECS`` that ``image`` lacks; returns them by size name.

    What exists is read from the database (prefetched), not from Wagtail's rendition cache, which can
    remember renditions whose rows are gone.
    """
    specs = RENDITION_SPECS.values()
    image = type(image).objects.prefetch_renditions(*specs).get(pk=image.pk)
    by_spec = image.get_renditions(*specs)
    return {name: by_spec[spec] for name, spec in RENDITION_SPECS.items()}


def ensure_renditions_by_id(image_id) -> None:
    """For work scheduled after a commit: the image may have been deleted, or its file unreadable, by then."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return
    try:
        ensure_renditions(image)
    except Exception:
        logger.exception("Could not generate renditions of image %s", image_id)
