from modeltranslation.translator import TranslationOptions, register

from .models import CMSImage


@register(CMSImage)
class CMSImageTR(TranslationOptions):
    # The alt text; the title stays one internal label for the media library.
    fields = ("description",)
