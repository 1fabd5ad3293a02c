"""Factories for media shared by every app."""

import factory
import wagtail_factories
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.text import unicode_slug


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Base of page factories: the untranslated ``title``/``slug`` follow the source-language ones, so
    passing only ``title_ar`` (and ``title_en``...) gives a consistent page in every language."""

    class Meta:
        abstract = True

    title = factory.LazyAttribute(lambda o: o.title_ar)
    slug = factory.LazyAttribute(lambda o: o.slug_ar if getattr(o, "slug_ar", None) else unicode_slug(o.title_ar))


class ImageFactory(wagtail_factories.ImageFactory):
    """An image with alt text in the source language (add others with ``description_en=...``)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"image-{n}")
    description_ar = "صورة من ورشة عمل"


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"document-{n}")
    # A type editors may upload (WAGTAILDOCS_EXTENSIONS); the default "example.dat" is refused by validation.
    file = factory.django.FileField(filename="statement.pdf", data=b"%PDF-1.4\n%%EOF\n")
