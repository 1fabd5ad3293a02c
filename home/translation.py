"""Which fields of the home page and the site settings vary by language."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro",)


@register(models.SiteSettings)
class SiteSettingsTR(TranslationOptions):
    fields = ("organisation_name", "tagline", "address")


@register(models.MenuItem)
class MenuItemTR(TranslationOptions):
    fields = ("label",)
