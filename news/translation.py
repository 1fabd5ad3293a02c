"""Which fields vary by language. Everything not listed here is a fact shared by all languages."""

from modeltranslation.translator import TranslationOptions, register

from . import models, taxonomy


@register(taxonomy.Topic)
class TopicTR(TranslationOptions):
    fields = ("name",)


@register(taxonomy.Place)
class PlaceTR(TranslationOptions):
    fields = ("name",)


@register(taxonomy.Organisation)
class OrganisationTR(TranslationOptions):
    fields = ("name",)


@register(taxonomy.Project)
class ProjectTR(TranslationOptions):
    fields = ("name",)


@register(taxonomy.Person)
class PersonTR(TranslationOptions):
    fields = ("name", "role")


@register(models.NewsIndexPage)
@register(models.StatementIndexPage)
@register(models.DialogueSessionIndexPage)
class IndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(models.NewsPage)
@register(models.StatementPage)
class ContentPageTR(TranslationOptions):
    fields = ("summary", "body")


@register(models.DialogueSessionPage)
class DialogueSessionPageTR(TranslationOptions):
    fields = ("summary", "body", "outcomes", "recommendations")
