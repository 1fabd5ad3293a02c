"""What the translators' workspace stores.

- :class:`TranslationState`: per item, language and field, the fingerprint of the source text the
  translation was last brought up to date with (and that text, for the side-by-side view). This is what makes
  "outdated, and which fields" possible: comparing today's source fingerprint with the stored one.
- :class:`TranslationStatus`: per item and language, the status computed from the live content and the
  states, denormalised so the report, the dashboard and the availability rule in SQL read one indexed table.
- :class:`ReviewMark`: a language version marked "needs review"; served as not available until cleared.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

MISSING, PARTIAL, OUTDATED, COMPLETE = "missing", "partial", "outdated", "complete"
STATUSES = (MISSING, PARTIAL, OUTDATED, COMPLETE)
STATUS_CHOICES = [
    (MISSING, _("Missing")),
    (PARTIAL, _("Partial")),
    (OUTDATED, _("Outdated")),
    (COMPLETE, _("Complete")),
]

PAGE, SNIPPET, SETTINGS, IMAGE = "page", "snippet", "settings", "image"
KIND_CHOICES = [(PAGE, _("Page")), (SNIPPET, _("Filing")), (SETTINGS, _("Site settings")), (IMAGE, _("Image alt text"))]


class TranslationState(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    lang = models.CharField(max_length=10)
    field = models.CharField(max_length=60)
    source_fingerprint = models.CharField(
        max_length=40, help_text="Fingerprint of the source text when this translation was last brought up to date."
    )
    source_text = models.TextField(blank=True, help_text="That source text, shown beside today's when it changed.")
    translated_fingerprint = models.CharField(max_length=40, blank=True)
    # {translated fingerprint: source fingerprint} of earlier translations, so reverting a revision finds
    # which source an old translation was written against.
    history = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "lang", "field"], name="translation_state_key")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.lang}.{self.field}"


class TranslationStatus(models.Model):
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    # Pages are keyed by Wagtail's base page type (ids are unique across page types); ``model`` names the
    # specific type, for the report's type filter and edit links.
    model = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    lang = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    outdated_fields = models.JSONField(default=list, blank=True)
    missing_fields = models.JSONField(default=list, blank=True)
    needs_review = models.BooleanField(default=False)
    available = models.BooleanField(default=False)
    label = models.CharField(max_length=255, blank=True, help_text="The item's name in the source language.")
    section = models.CharField(max_length=100, blank=True)
    item_date = models.DateField(null=True, blank=True)
    live = models.BooleanField(default=True)
    has_unpublished_changes = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "lang"], name="translation_status_key")
        ]
        indexes = [
            models.Index(fields=["lang", "status"]),
            models.Index(fields=["kind", "lang", "available"]),
            models.Index(fields=["object_id"]),
            models.Index(fields=["model", "lang"]),
            models.Index(fields=["lang", "needs_review"]),
        ]
        verbose_name_plural = "translation statuses"

    def __str__(self):
        return f"{self.label} [{self.lang}] {self.status}"


class ReviewMark(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    lang = models.CharField(max_length=10)
    note = models.CharField(max_length=255, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "lang"], name="review_mark_key")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.lang} needs review"
