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

    def save(self, *args, **kwargs):
        """Store the picture without its location and camera data (``cms.media``).

        A new upload is cleaned before it is written; a file some view wrote to the storage itself (Wagtail's
        "create from uploaded file" step) is cleaned in place right after.
        """
        from cms import media

        update_fields = kwargs.get("update_fields")
        file_saved = update_fields is None or "file" in update_fields
        cleaned_before = False
        if file_saved and self.file and not self.file._committed:
            media.clean_upload(self)
            cleaned_before = True
        new_file = file_saved and self.file and self.file.name != getattr(self, "_cms_loaded_file_name", None)
        super().save(*args, **kwargs)
        if new_file and not cleaned_before:
            media.clean_stored_image(self)

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class CMSRendition(AbstractRendition):
    image = models.ForeignKey(CMSImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class FormerPath(models.Model):
    """A path a page had in a language before a slug change, a move or its first own slug in that language,
    so links shared under it keep resolving (``resolve/`` answers with a redirect to the current path).

    Written by ``cms.paths`` from the change signal; ``url_path`` is Wagtail's translated ``url_path``
    (``/home/news/<slug>/``), the same value frontend paths are resolved against.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    lang = models.CharField(max_length=8)
    url_path = models.TextField()
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lang", "url_path"], name="unique_former_path")]

    def __str__(self):
        return f"{self.lang}:{self.url_path} → {self.page_id}"
