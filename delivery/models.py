"""Webhook endpoints and the log of every delivery to them; the frontend preview address of a site."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Events a webhook endpoint may subscribe to (what ``cms.changes`` actions become for the website).
PUBLISH, UNPUBLISH, DELETE, MOVE, SLUG_CHANGE, SETTINGS, TAXONOMY = (
    "publish",
    "unpublish",
    "delete",
    "move",
    "slug_change",
    "settings",
    "taxonomy",
)
EVENTS = [
    (PUBLISH, _("Publish")),
    (UNPUBLISH, _("Unpublish")),
    (DELETE, _("Delete")),
    (MOVE, _("Move")),
    (SLUG_CHANGE, _("Slug change")),
    (SETTINGS, _("Site settings")),
    (TAXONOMY, _("Taxonomy")),
]
EVENT_NAMES = [name for name, _label in EVENTS]


@register_setting(icon="view")
class DeliverySettings(BaseSiteSetting):
    """Per-site address of the frontend's preview route (overrides ``CMS_FRONTEND_PREVIEW_URL``)."""

    preview_url = models.URLField(
        _("preview address"),
        blank=True,
        help_text=_(
            "The website's preview address, e.g. https://example.org/api/preview. It receives ?token=…&lang=…. "
            "Empty: the environment's CMS_FRONTEND_PREVIEW_URL, else the CMS's built-in preview."
        ),
    )

    panels = [FieldPanel("preview_url")]

    class Meta:
        verbose_name = _("delivery settings")


class WebhookEndpoint(models.Model):
    """A receiver the CMS tells about publishes and other public changes, signed with its secret."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500, help_text=_("Where the CMS POSTs its JSON notifications."))
    secret = models.CharField(
        _("secret"),
        max_length=200,
        help_text=_("Shared secret: each request carries X-CMS-Signature, an HMAC-SHA256 of timestamp.body."),
    )
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,
        help_text=format_lazy(_("Events to send (empty: all): {events}"), events=", ".join(EVENT_NAMES)),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_('Language codes to send changes of (empty: all), e.g. ["ar", "en"].'),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("events"),
        FieldPanel("languages"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("webhook endpoint")

    def __str__(self):
        return self.name or self.url

    def clean(self):
        from django.core.exceptions import ValidationError

        from cms import languages

        errors = {}
        if not isinstance(self.events, list) or any(event not in EVENT_NAMES for event in self.events):
            errors["events"] = _("A list of events among: %s.") % ", ".join(EVENT_NAMES)
        enabled = languages.enabled_codes()
        if not isinstance(self.languages, list) or any(code not in enabled for code in self.languages):
            errors["languages"] = _("A list of enabled language codes among: %s.") % ", ".join(enabled)
        if errors:
            raise ValidationError(errors)


class WebhookDelivery(models.Model):
    """One notification to one endpoint, with the outcome of its latest attempt. The body is stored as
    sent, so a re-send is byte for byte the same notification (with a new timestamp and signature)."""

    PENDING, DELIVERED, RETRYING, FAILED = "pending", "delivered", "retrying", "failed"
    STATUSES = [(PENDING, _("Pending")), (DELIVERED, _("Delivered")), (RETRYING, _("Retrying")), (FAILED, _("Failed"))]

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("endpoint"), null=True, blank=True, on_delete=models.SET_NULL
    )
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(_("secret"), max_length=200, editable=False)
    event = models.CharField(_("event"), max_length=20, choices=EVENTS)
    body = models.TextField(_("body"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.url} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: what the receiver answered (or why it could not be reached)."""

    delivery = models.ForeignKey(
        WebhookDelivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    succeeded = models.BooleanField(_("succeeded"), default=False)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self):
        return f"#{self.number}: {self.response_code or self.error}"
