"""Admin: webhook endpoints (Settings menu) and the delivery log, where a failed delivery can be re-sent."""

from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import views
from .models import WebhookDelivery, WebhookEndpoint


class ResendColumn(Column):
    cell_template_name = "delivery/resend_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        can = request is not None and request.user.has_perm("delivery.change_webhookdelivery")
        if can and instance.status in (WebhookDelivery.FAILED, WebhookDelivery.RETRYING):
            context["resend_url"] = reverse("delivery_resend", args=[instance.pk])
            context["csrf"] = get_token(request)
        return context


class DeliveryLogPolicy(ModelPermissionPolicy):
    """The log is written by the CMS only: editors may read it and re-send, not add or edit entries."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WebhookDelivery, DeliveryLogPolicy(WebhookDelivery))


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhook endpoints")
    list_display = ["name", "url", "events", "languages", "active"]
    form_fields = ["name", "url", "secret", "events", "languages", "active"]
    copy_view_enabled = False


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    name = "webhook_deliveries"
    menu_label = _("Webhook deliveries")
    list_display = [
        "event",
        "url",
        "status",
        "attempts",
        "response_code",
        "duration_ms",
        "last_attempt_at",
        ResendColumn("resend", label=_("Re-send")),
    ]
    list_filter = ["status", "event"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "event",
        "url",
        "status",
        "attempts",
        "response_code",
        "error",
        "duration_ms",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "body",
    ]
    copy_view_enabled = False
    form_fields = ["url"]


class WebhooksGroup(ModelViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 800
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksGroup()


@hooks.register("register_admin_urls")
def register_resend_url():
    return [path("webhook-deliveries/<int:pk>/resend/", views.resend, name="delivery_resend")]
