"""Snippets that content is filed under: topics, places, projects, organisations, people.

Their names are translated (``news/translation.py``); their slugs are stable identifiers used as API filters.
"""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms import languages
from cms.text import unicode_slug


def name_in_admin_language():
    """An expression for ordering by name as the editor reads it: the name in the admin's language where
    there is one, else in the source language (an item is always named in the source language first)."""
    source = languages.source_code()
    code = languages.base_code(translation.get_language() or "") or source
    fields = dict.fromkeys([build_localized_fieldname("name", code), build_localized_fieldname("name", source)])
    names = [NullIf(F(name), Value("")) for name in fields]
    return Lower(Coalesce(*names) if len(names) > 1 else names[0])


class SlugForm(WagtailAdminModelForm):
    """The admin form of every filing snippet: a typed slug is normalised before it is validated, so
    "السلم الأهلي" becomes "السلم-الأهلي" instead of an "enter a valid slug" error (as in the page form)."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("slug"):
            data = data.copy()
            data["slug"] = unicode_slug(data["slug"], 80) or data["slug"]
        super().__init__(data, *args, **kwargs)


class SlugMixin(models.Model):
    slug = models.SlugField(
        max_length=80,
        allow_unicode=True,
        unique=True,
        blank=True,
        verbose_name=_("slug"),
        help_text=_(
            "Stable identifier used in links and API filters; if left empty, it is made from the name in the "
            "first language that has one."
        ),
    )

    base_form_class = SlugForm

    class Meta:
        abstract = True

    def first_name_slug(self):
        """A slug from the first language (in the enabled order: source language first) that has a name, in
        that name's own script, as page slugs are made; a typed slug is normalised the same way."""
        names = [getattr(self, build_localized_fieldname("name", code), None) for code in languages.enabled_codes()]
        for name in [*names, getattr(self, "name", None)]:
            slug = unicode_slug(name or "", 70)
            if slug:
                return slug
        return ""

    def admin_label(self):
        """How the admin's choosers and lists name this item; places and organisations say more."""
        return str(self)

    def save(self, *args, **kwargs):
        typed = unicode_slug(self.slug or "", 80)
        if typed:
            self.slug = typed
        else:
            # Only a record without any name reaches the model's own name; forms require the source name.
            base = self.first_name_slug() or self._meta.model_name
            slug, n = base, 2
            while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)


class Topic(SlugMixin, index.Indexed):
    """A subject such as human rights, displaced people or social safety."""

    name = models.CharField(max_length=120, verbose_name=_("name"))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name or self.slug


class Place(SlugMixin, index.Indexed):
    """A town, governorate or region; towns sit in a governorate, so a filter on Deir Ezzor finds Hajin."""

    REGION, GOVERNORATE, TOWN = "region", "governorate", "town"
    KIND_CHOICES = [(REGION, _("Region")), (GOVERNORATE, _("Governorate")), (TOWN, _("Town or city"))]

    name = models.CharField(max_length=120, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=TOWN, verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent place"),
        help_text=_("The governorate of a town, or the region of a governorate."),
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("parent"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name or self.slug

    def admin_label(self):
        """ "Hajin · Deir Ezzor": the name with its governorate (or region), so the governorate الرقة and the
        city الرقة can be told apart in a chooser."""
        return f"{self} \u00b7 {self.parent}" if self.parent_id else str(self)

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
    KIND_CHOICES = [
        (PARTNER, _("Partner")),
        (FUNDER, _("Funder")),
        (PLATFORM, _("Platform or network")),
        (OTHER, _("Other")),
    ]

    name = models.CharField(max_length=200, verbose_name=_("name"))
    acronym = models.CharField(max_length=30, blank=True, verbose_name=_("acronym"))
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=PARTNER, verbose_name=_("kind"))
    website = models.URLField(blank=True, verbose_name=_("website"))

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("kind"), FieldPanel("website"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.SearchField("acronym"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name or self.slug

    def admin_label(self):
        return f"{self} ({self.acronym})" if self.acronym and self.acronym != str(self) else str(self)


class Project(SlugMixin, index.Indexed):
    """A funded programme that activities belong to, in one of its phases."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    phase = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("phase"), help_text=_("Phase number, if the project has phases.")
    )
    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_projects",
        verbose_name=_("funder"),
    )

    panels = [FieldPanel("name"), FieldPanel("phase"), FieldPanel("funder"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.name or self.slug


class Person(SlugMixin, index.Indexed):
    """A trainer, facilitator, speaker or staff member quoted in content."""

    name = models.CharField(max_length=120, verbose_name=_("name"))
    role = models.CharField(
        max_length=200, blank=True, verbose_name=_("role"), help_text=_("e.g. trainer, project manager")
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name or self.slug
