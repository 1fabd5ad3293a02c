"""Factories for every snippet and page type of the newsroom.

Pages are made in the source language (Arabic) by default; pass ``title_en=...``, ``summary_ku=...`` and so on
for the other languages. Each page factory needs a ``parent``.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from cms.factories import TranslatedPageFactory

from . import models, taxonomy


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = taxonomy.Topic

    name_ar = factory.Sequence(lambda n: f"موضوع {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = taxonomy.Place

    name_ar = factory.Sequence(lambda n: f"مكان {n}")
    name_en = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = taxonomy.Place.TOWN


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = taxonomy.Organisation

    name_ar = factory.Sequence(lambda n: f"منظمة {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = taxonomy.Project

    name_ar = factory.Sequence(lambda n: f"مشروع {n}")
    name_en = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    phase = 1
    funder = factory.SubFactory(OrganisationFactory, kind=taxonomy.Organisation.FUNDER)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = taxonomy.Person

    name_ar = factory.Sequence(lambda n: f"شخص {n}")
    name_en = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class NewsIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = models.NewsIndexPage

    title_ar = "الأخبار"
    title_ku = "Nûçe"
    title_en = "News"
    slug_ar = slug_ku = slug_en = "news"


class StatementIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = models.StatementIndexPage

    title_ar = "البيانات"
    title_ku = "Daxuyanî"
    title_en = "Statements"
    slug_ar = slug_ku = slug_en = "statements"


class DialogueSessionIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = models.DialogueSessionIndexPage

    title_ar = "الجلسات الحوارية"
    title_ku = "Rûniştinên diyalogê"
    title_en = "Dialogue sessions"
    slug_ar = slug_ku = slug_en = "dialogue-sessions"


class ContentPageFactory(TranslatedPageFactory):
    class Meta:
        abstract = True

    title_ar = factory.Sequence(lambda n: f"خبر رقم {n}")
    summary_ar = "ملخص قصير للخبر."
    # A language given a title gets a summary too, so it is available there (cms.availability); pass
    # ``summary_xx=None`` for a version that lacks one.
    summary_ku = factory.LazyAttribute(lambda o: f"{o.title_ku}." if getattr(o, "title_ku", None) else None)
    summary_en = factory.LazyAttribute(lambda o: f"{o.title_en}." if getattr(o, "title_en", None) else None)
    body_ar = factory.LazyFunction(lambda: paragraph("نص الخبر."))
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))


class NewsPageFactory(ContentPageFactory):
    class Meta:
        model = models.NewsPage


class StatementPageFactory(ContentPageFactory):
    class Meta:
        model = models.StatementPage

    title_ar = factory.Sequence(lambda n: f"بيان رقم {n}")
    kind = models.StatementPage.POSITION


class DialogueSessionPageFactory(ContentPageFactory):
    class Meta:
        model = models.DialogueSessionPage

    title_ar = factory.Sequence(lambda n: f"جلسة حوارية {n}")
    participants_total = 20
    participants_women = 9
    participants_men = 11
