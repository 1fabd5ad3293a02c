"""Page types of the newsroom: news items, statements and dialogue-session reports, each under its index.

Field order in each class: fields, panels, search fields, then tree rules. Which fields vary by language is
declared in ``news/translation.py``; everything else (dates, figures, links to places and people) is a fact
shared by all languages.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.pages import TranslatedPage

from .blocks import BodyBlock, ListItemBlock
from .taxonomy import Organisation, Person, Place, Project, Topic  # noqa: F401  (registered models)


class ContentPage(TranslatedPage):
    """What news items, statements and session reports have in common: the card, the body, the filing."""

    date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        help_text="Publication date shown to readers; lists are ordered by it.",
    )
    summary = models.TextField(blank=True, help_text="Two or three sentences for cards, feeds and search results.")
    body = StreamField(BodyBlock(), blank=True)
    main_image = models.ForeignKey("cms.CMSImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dateline_place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text='Where the item was filed from ("ASO – Amouda").',
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="+")
    places = ParentalManyToManyField(Place, blank=True, related_name="+", help_text="Where the activity took place.")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    partners = ParentalManyToManyField(Organisation, blank=True, related_name="+")

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
                FieldPanel("topics"),
                FieldPanel("places"),
                FieldPanel("project"),
                FieldPanel("partners"),
            ],
            heading="Filing",
        )
    ]
    search_fields = TranslatedPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        abstract = True


class NewsIndexPage(TranslatedPage):
    """The section that holds news items."""

    intro = models.TextField(blank=True)

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1


class NewsPage(ContentPage):
    """News of a workshop, training or other activity."""

    content_panels = ContentPage.content_panels + ContentPage.filing_panels

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []


class StatementIndexPage(TranslatedPage):
    """The section that holds official statements."""

    intro = models.TextField(blank=True)

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.StatementPage"]
    max_count_per_parent = 1


class StatementPage(ContentPage):
    """An official statement, clarification or press release of the centre."""

    CLARIFICATION, POSITION, PRESS_RELEASE = "clarification", "position", "press_release"
    KIND_CHOICES = [(CLARIFICATION, "Clarification"), (POSITION, "Position"), (PRESS_RELEASE, "Press release")]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=POSITION)
    statement_date = models.DateField(
        null=True, blank=True, help_text="Date the statement was issued, if not the publication date."
    )
    reference = models.CharField(max_length=60, blank=True, help_text="Reference number, if any.")

    content_panels = (
        ContentPage.content_panels
        + [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("kind"), FieldPanel("statement_date"), FieldPanel("reference")])],
                heading="Statement",
            ),
            InlinePanel("attachments", heading="Attachments (signed PDF)", label="Attachment"),
        ]
        + ContentPage.filing_panels
    )

    parent_page_types = ["news.StatementIndexPage"]
    subpage_types = []


class StatementAttachment(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class DialogueSessionIndexPage(TranslatedPage):
    """The section that holds reports of dialogue sessions and workshops."""

    intro = models.TextField(blank=True)

    content_panels = TranslatedPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.DialogueSessionPage"]
    max_count_per_parent = 1


class DialogueSessionPage(ContentPage):
    """Report of a dialogue session or workshop: when, where, who took part, what came out of it."""

    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    facilitators = ParentalManyToManyField(Person, blank=True, related_name="+", help_text="Trainers or facilitators.")
    organisers = ParentalManyToManyField(Organisation, blank=True, related_name="+")
    funders = ParentalManyToManyField(Organisation, blank=True, related_name="+")
    participants_total = models.PositiveIntegerField(null=True, blank=True)
    participants_women = models.PositiveIntegerField(null=True, blank=True)
    participants_men = models.PositiveIntegerField(null=True, blank=True)
    outcomes = StreamField(ListItemBlock(), blank=True)
    recommendations = StreamField(ListItemBlock(), blank=True)

    content_panels = (
        ContentPage.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("facilitators"),
                    FieldPanel("organisers"),
                    FieldPanel("funders"),
                ],
                heading="Session",
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
                    InlinePanel("age_groups", label="Age group"),
                ],
                heading="Participants",
            ),
            FieldPanel("outcomes"),
            FieldPanel("recommendations"),
        ]
        + ContentPage.filing_panels
    )

    parent_page_types = ["news.DialogueSessionIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The session cannot end before it starts."
        parts = [self.participants_women, self.participants_men]
        if self.participants_total is not None and all(p is not None for p in parts):
            if sum(parts) > self.participants_total:
                errors["participants_total"] = "Women and men together are more than the total."
        if errors:
            raise ValidationError(errors)


class ParticipantAgeGroup(Orderable):
    page = ParentalKey(DialogueSessionPage, on_delete=models.CASCADE, related_name="age_groups")
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty for \u201cand over\u201d.")
    count = models.PositiveIntegerField()

    panels = [FieldRowPanel([FieldPanel("age_from"), FieldPanel("age_to"), FieldPanel("count")])]

    @property
    def label(self):
        return f"{self.age_from}\u2013{self.age_to}" if self.age_to is not None else f"{self.age_from}+"


CONTENT_PAGE_MODELS = (NewsPage, StatementPage, DialogueSessionPage)
INDEX_PAGE_MODELS = (NewsIndexPage, StatementIndexPage, DialogueSessionIndexPage)

__all__ = [m.__name__ for m in CONTENT_PAGE_MODELS + INDEX_PAGE_MODELS] + ["Page"]
