"""Admin views of the delivery log: re-sending a delivery."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import tasks
from .models import WebhookDelivery


@require_POST
def resend(request, pk):
    if not request.user.has_perm("delivery.change_webhookdelivery"):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    tasks.resend(delivery)
    messages.success(request, _("Delivery %(id)s to %(url)s is queued again.") % {"id": pk, "url": delivery.url})
    return redirect("webhook_deliveries:index")
