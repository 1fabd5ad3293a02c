"""Sending webhook deliveries in the background: one attempt per task run, the next one queued with
exponential backoff (``CMS_WEBHOOK_BACKOFF`` seconds, doubled each time) until ``CMS_WEBHOOK_MAX_ATTEMPTS``.

The queue is the database (``django_tasks_db``): a delivery queued while no worker runs, or while a worker
restarts, is sent when one runs again.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import webhooks
from .models import WebhookAttempt, WebhookDelivery

USER_AGENT = "ASO-Center-CMS-Webhooks/1"


def backoff(attempts: int) -> float:
    """Seconds to wait after ``attempts`` failed attempts: 10, 20, 40... by default."""
    return settings.CMS_WEBHOOK_BACKOFF * (2 ** max(attempts - 1, 0))


def enqueue(delivery: WebhookDelivery, run_after=None) -> None:
    task_ = deliver.using(run_after=run_after) if run_after is not None else deliver
    task_.enqueue(delivery.pk)


def send(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the stored body, freshly signed; ``(status code or None, error text)``."""
    body = delivery.body.encode()
    secret = delivery.endpoint.secret if delivery.endpoint_id and delivery.endpoint else delivery.secret
    request = urllib.request.Request(
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            webhooks.SIGNATURE_HEADER: webhooks.sign(secret, body),
            webhooks.EVENT_HEADER: delivery.event,
            webhooks.DELIVERY_HEADER: str(delivery.pk),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.CMS_WEBHOOK_TIMEOUT) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:500]


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """One attempt, logged; queues the next one after a failure while attempts remain."""
    started = time.monotonic()
    code, error = send(delivery)
    duration = int((time.monotonic() - started) * 1000)
    succeeded = code is not None and 200 <= code < 300
    delivery.attempts += 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempt_log.count() + 1,
        response_code=code,
        error=error,
        duration_ms=duration,
        succeeded=succeeded,
    )
    delivery.response_code, delivery.error, delivery.duration_ms = code, error, duration
    delivery.last_attempt_at = timezone.now()
    if succeeded:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.DELIVERED, None
    elif delivery.attempts < settings.CMS_WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.RETRYING
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=backoff(delivery.attempts))
    else:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.FAILED, None
    delivery.save()
    if delivery.status == WebhookDelivery.RETRYING:
        enqueue(delivery, run_after=delivery.next_attempt_at)
    return delivery


@task(backend="webhooks", queue_name="webhooks")
def deliver(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (WebhookDelivery.DELIVERED, WebhookDelivery.FAILED):
        return "skipped"
    return attempt(delivery).status


def resend(delivery: WebhookDelivery) -> None:
    """Start a failed (or any) delivery over: a fresh round of attempts, queued now."""
    delivery.status, delivery.next_attempt_at = WebhookDelivery.PENDING, None
    delivery.attempts = 0
    delivery.save(update_fields=["status", "next_attempt_at", "attempts"])
    enqueue(delivery)


def recover(stale_after: float | None = None) -> int:
    """Queue again the deliveries whose task was lost: a worker killed while sending leaves its task
    "running" forever. A delivery still pending or retrying with no task ready to run, and no attempt for
    ``stale_after`` seconds, gets a new task; receivers may see it twice (``X-CMS-Delivery`` tells them
    it is the same), never not at all. Returns how many were queued."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stale_after = settings.CMS_WEBHOOK_TIMEOUT * 2 if stale_after is None else stale_after
    waiting = set()
    for args_kwargs in DBTaskResult.objects.filter(
        backend_name="webhooks", task_path=deliver.module_path, status=TaskResultStatus.READY
    ).values_list("args_kwargs", flat=True):
        args = (args_kwargs or {}).get("args") or [None]
        waiting.add(args[0])
    cutoff = timezone.now() - timedelta(seconds=stale_after)
    count = 0
    for delivery in WebhookDelivery.objects.filter(status__in=(WebhookDelivery.PENDING, WebhookDelivery.RETRYING)):
        if delivery.pk in waiting:
            continue
        last = delivery.last_attempt_at or delivery.created_at
        if last > cutoff:
            continue
        enqueue(delivery)
        count += 1
    return count
