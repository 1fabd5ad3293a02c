"""Media models shared by every content app."""

from django.conf import settings
from django.db import models
from modeltranslation.utils import build_localized_fieldname
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CMSImage(AbstractImage):
    """An image whose alt text (``description``) is written in each language (see ``cms/translation.py``)."""

    # One alt-text input per language (a bare "description" would be one input writing whichever language
    # the admin interface happens to be in).
    admin_form_fields = tuple(
        name
        for field in Image.admin_form_fields
        for name in (
            [build_localized_fieldname(field, code) for code in settings.CMS_LANGUAGES]
            if field == "description"
            else [field]
        )
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class CMSRendition(AbstractRendition):
    image = models.ForeignKey(CMSImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
