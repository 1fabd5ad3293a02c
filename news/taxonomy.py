"""Snippets that content is filed under: topics, places, projects, organisations, people.

Their names are translated (``news/translation.py``); their slugs are stable identifiers used as API filters.
"""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SlugMixin(models.Model):
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Stable identifier used in links and API filters; made from the English name if left empty.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(getattr(self, "name_en", None) or self.name, allow_unicode=False) or "item"
            slug, n = base[:70], 2
            while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base[:70]}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)


class Topic(SlugMixin, index.Indexed):
    """A subject such as human rights, displaced people or social safety."""

    name = models.CharField(max_length=120)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug


class Place(SlugMixin, index.Indexed):
    """A town, governorate or region; towns sit in a governorate, so a filter on Deir Ezzor finds Hajin."""

    REGION, GOVERNORATE, TOWN = "region", "governorate", "town"
    KIND_CHOICES = [(REGION, "Region"), (GOVERNORATE, "Governorate"), (TOWN, "Town or city")]

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=TOWN)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The governorate of a town, or the region of a governorate.",
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("parent"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug

    def ancestors(self):
        """This place's governorate and region, nearest first (a short chain, walked in Python)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain


class Organisation(SlugMixin, index.Indexed):
    """A partner, funder or platform (e.g. the NES NGO Platform, Norwegian People's Aid)."""

    PARTNER, FUNDER, PLATFORM, OTHER = "partner", "funder", "platform", "other"
    KIND_CHOICES = [(PARTNER, "Partner"), (FUNDER, "Funder"), (PLATFORM, "Platform or network"), (OTHER, "Other")]

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=PARTNER)
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("kind"), FieldPanel("website"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.SearchField("acronym"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug


class Project(SlugMixin, index.Indexed):
    """A funded programme that activities belong to, in one of its phases."""

    name = models.CharField(max_length=200)
    phase = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Phase number, if the project has phases."
    )
    funder = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="funded_projects"
    )

    panels = [FieldPanel("name"), FieldPanel("phase"), FieldPanel("funder"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug


class Person(SlugMixin, index.Indexed):
    """A trainer, facilitator, speaker or staff member quoted in content."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=200, blank=True, help_text="e.g. trainer, project manager")

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name or self.slug
