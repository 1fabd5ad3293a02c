"""The webhook worker as ``make run`` starts it, in its own process, killed while sending and started again:
nothing queued is lost. Needs a database two processes can share (PostgreSQL: ``make test-postgres``)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from delivery import tasks
from delivery.models import WebhookDelivery
from tests.delivery.receiver import Receiver

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent


def start_worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgresql:///{connection.settings_dict['NAME']}",
        "CMS_WEBHOOK_TIMEOUT": "1",
        "CMS_WEBHOOK_BACKOFF": "0.1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "webhook_worker", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_lost_when_the_worker_process_is_killed():
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a shared database: run with DATABASE_URL=postgresql:///...")
    receiver = Receiver(delay=4).start()  # the first request hangs: the worker is killed while sending it
    worker = None
    try:
        deliveries = [
            WebhookDelivery.objects.create(url=receiver.url, secret="s", event="publish", body=f'{{"n": {n}}}')
            for n in range(4)
        ]
        for delivery in deliveries:
            tasks.enqueue(delivery)
        worker = start_worker()
        assert wait_for(lambda: len(receiver.received) >= 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        assert WebhookDelivery.objects.filter(status="delivered").count() == 0
        time.sleep(2.5)  # past the stale time of the delivery the killed worker was sending
        worker = start_worker()
        assert wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").count() == 4), list(
            WebhookDelivery.objects.values_list("status", "attempts", "error")
        )
        bodies = {item["body"] for item in receiver.received}
        assert bodies == {d.body.encode() for d in deliveries}
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=10)
        receiver.stop()
