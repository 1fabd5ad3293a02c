import factory
from factory.django import DjangoModelFactory
from wagtail.models import Site

from cms.factories import TranslatedPageFactory

from . import models


class HomePageFactory(TranslatedPageFactory):
    class Meta:
        model = models.HomePage

    title_ar = "الرئيسية"
    title_ku = "Destpêk"
    title_en = "Home"
    slug_ar = slug_ku = slug_en = "home"


class SiteSettingsFactory(DjangoModelFactory):
    class Meta:
        model = models.SiteSettings

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    organisation_name_ar = "مركز آسو للاستشارات والدراسات الاستراتيجية"
    organisation_name_en = "ASO Center for Consultancy and Strategic Studies"
    phone = "+964 751 441 3372"
