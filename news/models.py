"""Page types of the newsroom: news items, statements and dialogue-session reports, each under its index.

Field order in each class: fields, panels, search fields, then tree rules. Which fields vary by language is
declared in ``news/translation.py``; everything else (dates, figures, links to places and people) is a fact
shared by all languages.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.admin_widgets import MultipleSnippetChooser
from cms.pages import TranslatedPage

from .blocks import BodyBlock, ListItemBlock
from .taxonomy import Organisation, Person, Place, Project, Topic  # noqa: F401  (registered models)


class ContentPage(TranslatedPage):
    """What news items, statements and session reports have in common: the card, the body, the filing."""

    date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        verbose_name=_("date"),
        help_text=_("Publication date shown to readers; lists are ordered by it."),
    )
    summary = models.TextField(
        blank=True,
        verbose_name=_("summary"),
        help_text=_("Two or three sentences for cards, feeds and search results."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    main_image = models.ForeignKey(
        "cms.CMSImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    dateline_place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dateline place"),
        help_text=_("Where the item was filed from (“ASO – Amouda”)."),
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    places = ParentalManyToManyField(
        Place,
        blank=True,
        related_name="+",
        verbose_name=_("places"),
        help_text=_("Where the activity took place."),
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("project")
    )
    partners = ParentalManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("partners"))

    content_panels = TranslatedPage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    filing_panels = [
        MultiFieldPanel(
            [
                FieldPanel("dateline_place"),
                FieldPanel("topics", widget=MultipleSnippetChooser(Topic)),
                FieldPanel("places", widget=MultipleSnippetChooser(Place)),
                FieldPanel("project"),
                FieldPanel("partners", widget=MultipleSnippetChooser(Organisation)),
            ],
            heading=_("Filing"),
        )
    ]
    search_fields = TranslatedPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        abstract = True


class NewsIndexPage(TranslatedPage):
    """The section that holds news items."""

    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("News")
        verbose_name_plural = _("news sections")


class NewsPage(ContentPage):
    """News of a workshop, training or other activity."""

    content_panels = ContentPage.content_panels + ContentPage.filing_panels

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class StatementIndexPage(TranslatedPage):
    """The section that holds official statements."""

    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.StatementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Statements")
        verbose_name_plural = _("statement sections")


class StatementPage(ContentPage):
    """An official statement, clarification or press release of the centre."""

    CLARIFICATION, POSITION, PRESS_RELEASE = "clarification", "position", "press_release"
    KIND_CHOICES = [
        (CLARIFICATION, _("Clarification")),
        (POSITION, _("Position")),
        (PRESS_RELEASE, _("Press release")),
    ]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=POSITION, verbose_name=_("kind"))
    statement_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("statement date"),
        help_text=_("Date the statement was issued, if not the publication date."),
    )
    reference = models.CharField(
        max_length=60, blank=True, verbose_name=_("reference"), help_text=_("Reference number, if any.")
    )

    content_panels = (
        ContentPage.content_panels
        + [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("kind"), FieldPanel("statement_date"), FieldPanel("reference")])],
                heading=_("Statement"),
            ),
            InlinePanel("attachments", heading=_("Attachments (signed PDF)"), label=_("Attachment")),
        ]
        + ContentPage.filing_panels
    )

    parent_page_types = ["news.StatementIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")


class StatementAttachment(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class DialogueSessionIndexPage(TranslatedPage):
    """The section that holds reports of dialogue sessions and workshops."""

    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.DialogueSessionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Dialogue sessions")
        verbose_name_plural = _("dialogue session sections")


class DialogueSessionPage(ContentPage):
    """Report of a dialogue session or workshop: when, where, who took part, what came out of it."""

    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    facilitators = ParentalManyToManyField(
        Person,
        blank=True,
        related_name="+",
        verbose_name=_("facilitators"),
        help_text=_("Trainers or facilitators."),
    )
    organisers = ParentalManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("organisers"))
    funders = ParentalManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("funders"))
    participants_total = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("participants (total)"))
    participants_women = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("women"))
    participants_men = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("men"))
    outcomes = StreamField(ListItemBlock(), blank=True, verbose_name=_("outcomes"))
    recommendations = StreamField(ListItemBlock(), blank=True, verbose_name=_("recommendations"))

    content_panels = (
        ContentPage.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("facilitators", widget=MultipleSnippetChooser(Person)),
                    FieldPanel("organisers", widget=MultipleSnippetChooser(Organisation)),
                    FieldPanel("funders", widget=MultipleSnippetChooser(Organisation)),
                ],
                heading=_("Session"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("participants_total"),
                            FieldPanel("participants_women"),
                            FieldPanel("participants_men"),
                        ]
                    ),
                    InlinePanel("age_groups", label=_("Age group")),
                ],
                heading=_("Participants"),
            ),
            FieldPanel("outcomes"),
            FieldPanel("recommendations"),
        ]
        + ContentPage.filing_panels
    )

    parent_page_types = ["news.DialogueSessionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The session cannot end before it starts.")
        parts = [self.participants_women, self.participants_men]
        if self.participants_total is not None and all(p is not None for p in parts):
            if sum(parts) > self.participants_total:
                errors["participants_total"] = _("Women and men together are more than the total.")
        if errors:
            raise ValidationError(errors)


class ParticipantAgeGroup(Orderable):
    page = ParentalKey(DialogueSessionPage, on_delete=models.CASCADE, related_name="age_groups")
    age_from = models.PositiveSmallIntegerField(verbose_name=_("from age"))
    age_to = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("to age"), help_text=_("Empty for “and over”.")
    )
    count = models.PositiveIntegerField(verbose_name=_("number of participants"))

    panels = [FieldRowPanel([FieldPanel("age_from"), FieldPanel("age_to"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")

    @property
    def label(self):
        return f"{self.age_from}\u2013{self.age_to}" if self.age_to is not None else f"{self.age_from}+"


CONTENT_PAGE_MODELS = (NewsPage, StatementPage, DialogueSessionPage)
INDEX_PAGE_MODELS = (NewsIndexPage, StatementIndexPage, DialogueSessionIndexPage)

__all__ = [m.__name__ for m in CONTENT_PAGE_MODELS + INDEX_PAGE_MODELS] + ["Page"]
