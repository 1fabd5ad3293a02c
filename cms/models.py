"""Media models shared by every content app."""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CMSImage(AbstractImage):
    """An image whose alt text (``description``) is written in each language (see ``cms/translation.py``)."""

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class CMSRendition(AbstractRendition):
    image = models.ForeignKey(CMSImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
