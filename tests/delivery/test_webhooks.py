"""Webhooks, received by a real HTTP server on 127.0.0.1 and sent by django-tasks' database worker.

The website relies on: a signed notification per public change (type, id, event, old and new frontend paths
per language), retried while its receiver is down, logged, re-sendable from the admin, never lost when the
worker stops, and never carrying a draft or a private page.
"""

import json
import time
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from wagtail.models import PageViewRestriction

from delivery import tasks, webhooks
from delivery.models import WebhookDelivery, WebhookEndpoint
from news.factories import NewsPageFactory
from tests.delivery.conftest import FRONTEND, HIDDEN_TITLES
from tests.delivery.receiver import Receiver

pytestmark = pytest.mark.django_db
SECRET = "s3cret-of-the-website"


@pytest.fixture(autouse=True)
def _fast_retries(settings, monkeypatch):
    settings.CMS_WEBHOOK_BACKOFF = 0.05
    settings.CMS_WEBHOOK_MAX_ATTEMPTS = 3
    settings.CMS_WEBHOOK_TIMEOUT = 2
    # The worker closes "obsolete" connections between tasks; inside a test's transaction that would
    # close the test database itself.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(name="website", url=receiver.url, secret=SECRET)


def run_worker(max_tasks=None):
    """The worker ``make run`` starts, processing what is due, then stopping (as after a restart)."""
    db_worker.Worker(
        queue_names=["webhooks"],
        interval=0,
        batch=True,
        backend_name="webhooks",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=f"test-{time.monotonic_ns()}",
        excluded_queue_names=[],
    ).run()


def run_until_settled(rounds=20):
    for _ in range(rounds):
        run_worker()
        if not WebhookDelivery.objects.filter(status__in=["pending", "retrying"]).exists():
            return
        time.sleep(0.06)


def publish(page, capture, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()


def test_publish_reaches_the_receiver_signed(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    page = newsroom["news_item"]
    publish(page, django_capture_on_commit_callbacks, summary_en="New summary.")
    assert receiver.received == []  # publishing only queued it
    run_worker()
    assert receiver.events() == ["publish"]
    got = receiver.received[0]
    assert webhooks.verify(SECRET, got["body"], got["headers"]["X-CMS-Signature"])
    assert not webhooks.verify("another secret", got["body"], got["headers"]["X-CMS-Signature"])
    assert not webhooks.verify(SECRET, got["body"] + b" ", got["headers"]["X-CMS-Signature"])
    timestamp = int(got["headers"]["X-CMS-Signature"].split(",")[0][2:])
    assert abs(timestamp - time.time()) < 60
    assert not webhooks.verify(SECRET, got["body"], got["headers"]["X-CMS-Signature"], now=time.time() + 3600)
    body = got["json"]
    assert body["type"] == "news" and body["id"] == page.pk and body["event"] == "publish"
    assert body["paths"]["en"] == {"old": None, "new": "/en/news/workshop-in-hajin/"}
    assert got["headers"]["X-CMS-Event"] == "publish"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1 and delivery.response_code == 200
    assert delivery.duration_ms is not None
    assert got["headers"]["X-CMS-Delivery"] == str(delivery.pk)


def test_slug_change_sends_old_and_new_paths(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    page = newsroom["news_item"]
    publish(page, django_capture_on_commit_callbacks, slug_en="workshop-hajin-2024")
    run_worker()
    slug = next(item["json"] for item in receiver.received if item["json"]["event"] == "slug_change")
    assert slug["paths"] == {"en": {"old": "/en/news/workshop-in-hajin/", "new": "/en/news/workshop-hajin-2024/"}}
    assert "publish" in receiver.events()


def test_move_sends_old_and_new_paths(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    from news.factories import NewsIndexPageFactory

    page = newsroom["news_item"]
    with django_capture_on_commit_callbacks(execute=True):
        page.move(newsroom["news"], pos="last-child")  # nothing changes: nothing sent
    run_worker()
    assert receiver.received == []
    # a second news section (tree rules allow one: the test lifts it only for the move)
    with mock.patch.object(type(newsroom["news"]), "max_count_per_parent", None):
        other = NewsIndexPageFactory(parent=newsroom["home"], slug_ar="archive", slug_ku="archive", slug_en="archive")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    run_worker()
    moved = [item["json"] for item in receiver.received if item["json"]["event"] == "move"]
    assert len(moved) == 1 and moved[0]["id"] == page.pk
    assert moved[0]["paths"]["en"] == {"old": "/en/news/workshop-in-hajin/", "new": "/en/archive/workshop-in-hajin/"}
    assert moved[0]["paths"]["ku"]["new"].startswith("/ku/archive/")


def test_unpublish_and_delete_send_id_and_paths_only(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    page = newsroom["statement"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["only_arabic"].delete()
    run_worker()
    by_event = {(item["json"]["event"], item["json"]["id"]): item["json"] for item in receiver.received}
    deleted = newsroom["only_arabic"].pk
    # Wagtail unpublishes a live page it deletes: both are told
    assert set(by_event) == {("unpublish", page.pk), ("unpublish", deleted), ("delete", deleted)}
    for body in by_event.values():
        assert set(body) == {"event", "occurred_at", "type", "id", "paths"}
    assert by_event[("unpublish", page.pk)]["type"] == "statement"
    assert by_event[("unpublish", page.pk)]["paths"]["en"]["new"] == "/en/statements/statement-on-the-elections/"
    assert by_event[("delete", deleted)]["paths"]["ar"]["new"] == "/ar/news/خبر-بالعربية-فقط/"


def test_taxonomy_and_settings_changes(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    from home.factories import SiteSettingsFactory

    topic = newsroom["topic"]
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_en = "Human rights and freedoms"
        topic.save()
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettingsFactory()
    run_worker()
    by_event = {item["json"]["event"]: item["json"] for item in receiver.received}
    assert by_event["taxonomy"]["slug"] == "human-rights" and by_event["taxonomy"]["type"] == "news.topic"
    assert by_event["taxonomy"]["pages"] == [newsroom["news_item"].pk]
    assert by_event["settings"]["type"] == "home.sitesettings"


def test_nothing_private_or_draft_is_ever_sent(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    page = newsroom["news_item"]
    with django_capture_on_commit_callbacks(execute=True):
        page.title_en = "Secret draft"
        page.save_revision()  # a draft: nothing public changed
        hidden = NewsPageFactory(parent=newsroom["news"], title_ar="خبر خاص", title_en="Private news")
    run_worker()
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        hidden.title_en = "Private news, edited"
        hidden.save_revision().publish()
        future = NewsPageFactory(parent=newsroom["news"], title_ar="خبر مجدول", title_en="Scheduled news", live=False)
        future.go_live_at = timezone.now() + timezone.timedelta(days=2)
        future.save_revision().publish()
    run_worker()
    assert "publish" not in receiver.events()  # the restricted and the scheduled page
    assert receiver.events() == ["unpublish"]  # the restriction hid the page
    everything = b" ".join(item["body"] for item in receiver.received)
    assert not any(title.encode() in everything for title in HIDDEN_TITLES)
    for delivery in WebhookDelivery.objects.all():
        assert not any(title in delivery.body for title in HIDDEN_TITLES)


def test_endpoint_filters_events_and_languages(newsroom, receiver, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(name="en", url=receiver.url, secret=SECRET, events=["publish"], languages=["en"])
    WebhookEndpoint.objects.create(name="off", url=receiver.url, secret=SECRET, active=False)
    WebhookEndpoint.objects.create(name="deletes", url=receiver.url, secret=SECRET, events=["delete"])
    publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_ku="Kurte.")  # Kurmanji only
    publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_en="English.")
    run_worker()
    assert len(receiver.received) == 1
    assert set(receiver.received[0]["json"]["paths"]) == {"en"}


def test_endpoints_from_the_environment(newsroom, receiver, settings, django_capture_on_commit_callbacks):
    settings.CMS_WEBHOOKS = [{"url": receiver.url, "secret": "env-secret", "events": ["publish"]}, {"url": "x"}]
    publish(newsroom["session"], django_capture_on_commit_callbacks, summary_en="Changed.")
    run_worker()
    assert receiver.events() == ["publish"]
    got = receiver.received[0]
    assert webhooks.verify("env-secret", got["body"], got["headers"]["X-CMS-Signature"])


def test_receiver_down_then_up_is_delivered_after_a_retry(newsroom, django_capture_on_commit_callbacks):
    down = Receiver()  # its port is free: nothing listens yet
    WebhookEndpoint.objects.create(name="later", url=down.url, secret=SECRET)
    started = time.monotonic()
    publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_en="While it is down.")
    assert time.monotonic() - started < 2  # publishing does not wait for the receiver
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying" and delivery.attempts == 1 and delivery.response_code is None
    assert delivery.error and delivery.next_attempt_at > delivery.last_attempt_at
    down.start()
    try:
        time.sleep(0.1)
        run_worker()
    finally:
        down.stop()
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    assert down.events() == ["publish"]
    assert [a.succeeded for a in delivery.attempt_log.all()] == [False, True]


def test_backoff_doubles(settings):
    settings.CMS_WEBHOOK_BACKOFF = 10
    assert [tasks.backoff(n) for n in (1, 2, 3, 4)] == [10, 20, 40, 80]


def test_always_failing_gives_up_is_logged_and_resent_from_the_admin(
    newsroom, django_capture_on_commit_callbacks, admin_client
):
    failing = Receiver(codes=[500]).start()
    try:
        WebhookEndpoint.objects.create(name="broken", url=failing.url, secret=SECRET)
        publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_en="Again.")
        run_until_settled()
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == "failed" and delivery.attempts == 3 and delivery.response_code == 500
        assert len(failing.received) == 3
        assert [a.response_code for a in delivery.attempt_log.all()] == [500, 500, 500]
        listing = admin_client.get("/admin/webhook_deliveries/")
        assert listing.status_code == 200
        html = listing.content.decode()
        assert f'data-resend="{delivery.pk}"' in html and "failed" in html.lower()
        assert admin_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").status_code == 200
        failing.codes = [204]
        response = admin_client.post(f"/admin/webhook-deliveries/{delivery.pk}/resend/")
        assert response.status_code == 302
        run_until_settled()
        delivery.refresh_from_db()
        assert delivery.status == "delivered" and delivery.response_code == 204
        assert len(failing.received) == 4
        assert failing.received[0]["body"] == failing.received[3]["body"]  # the same notification
        assert delivery.attempt_log.count() == 4
    finally:
        failing.stop()


def test_resend_needs_post_and_permission(newsroom, client, admin_client, django_user_model):
    delivery = WebhookDelivery.objects.create(url="http://127.0.0.1:9/", secret="x", event="publish", body="{}")
    assert admin_client.get(f"/admin/webhook-deliveries/{delivery.pk}/resend/").status_code == 405
    assert admin_client.post("/admin/webhook-deliveries/999999/resend/").status_code == 404
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.post(f"/admin/webhook-deliveries/{delivery.pk}/resend/").status_code in (302, 403)
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 0


def test_nothing_lost_across_a_worker_restart(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    for index, name in enumerate(("news_item", "statement", "session")):
        publish(newsroom[name], django_capture_on_commit_callbacks, summary_en=f"Change {index}.")
    assert WebhookDelivery.objects.count() == 3
    run_worker(max_tasks=1)  # the worker stops after one delivery
    assert len(receiver.received) == 1
    # a worker killed while sending: its task stays "running" and would never run again
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(status="READY").order_by("enqueued_at").first()
    task.claim("killed-worker")
    assert tasks.recover(stale_after=0) == 1
    run_worker()  # a new worker
    assert sorted(item["json"]["id"] for item in receiver.received) == sorted(
        newsroom[name].pk for name in ("news_item", "statement", "session")
    )
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert tasks.recover(stale_after=0) == 0


def test_a_broken_listener_never_fails_a_publish(newsroom, endpoint, django_capture_on_commit_callbacks):
    with mock.patch.object(webhooks, "_events_for", side_effect=RuntimeError("boom")):
        publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_en="Still published.")
    newsroom["news_item"].refresh_from_db()
    assert newsroom["news_item"].summary_en == "Still published."
    with mock.patch.object(tasks, "enqueue", side_effect=RuntimeError("queue down")):
        publish(newsroom["news_item"], django_capture_on_commit_callbacks, summary_en="Published again.")
    newsroom["news_item"].refresh_from_db()
    assert newsroom["news_item"].summary_en == "Published again."


def test_payload_paths_are_frontend_paths(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    publish(newsroom["news_item"], django_capture_on_commit_callbacks, title_en="Workshop in Hajin")
    run_worker()
    body = receiver.received[0]["json"]
    for code, paths in body["paths"].items():
        assert paths["new"].startswith(f"/{code}/news/")
        assert not paths["new"].startswith(FRONTEND)
    assert json.loads(WebhookDelivery.objects.get().body) == body | {"occurred_at": body["occurred_at"]}


def test_a_restriction_announces_only_what_it_hid(newsroom, endpoint, receiver, django_capture_on_commit_callbacks):
    """Restricting a section unpublishes its public pages; a draft or a scheduled page in it was never
    public, and its address (made from its unpublished title) must not be sent, not even as unpublished."""
    section = newsroom["news"]
    public = newsroom["news_item"]
    with django_capture_on_commit_callbacks(execute=True):
        draft = NewsPageFactory(parent=section, title_ar="مسودة سرية", title_en="Secret draft", live=False)
        draft.save_revision()
        scheduled = NewsPageFactory(parent=section, title_ar="خبر مجدول", title_en="Scheduled news", live=False)
        scheduled.go_live_at = timezone.now() + timezone.timedelta(days=2)
        scheduled.save_revision().publish()
    run_worker()
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    run_worker()
    unpublished = {item["json"]["id"] for item in receiver.received if item["json"]["event"] == "unpublish"}
    assert public.pk in unpublished and section.pk in unpublished
    assert not {draft.pk, scheduled.pk} & unpublished
    everything = b" ".join(item["body"] for item in receiver.received).decode()
    assert "secret-draft" not in everything and "scheduled-news" not in everything
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()  # public again: published, and still nothing of the draft
    run_worker()
    assert public.pk in {item["json"]["id"] for item in receiver.received if item["json"]["event"] == "publish"}
    assert not {draft.pk, scheduled.pk} & {item["json"]["id"] for item in receiver.received}
