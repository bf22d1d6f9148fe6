"""Exactly once through the broker: a real Celery worker consuming from Redis.

The worker runs in this process (``start_worker``, thread pool) on Redis DB 5
and a queue of its own, so it reads the same test database and the same
``mail.outbox``. The beat task is queued with ``.delay()`` twice in a row and
then several times at once; each deadline's reminder and escalation must
reach each recipient once, in-app and by e-mail.
"""

import threading
import time
import uuid
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail

from config.celery import app as celery_app
from registry.models import Notification
from registry.tasks import deadlines_tick
from tests.concurrency import run_in_threads
from tests.registry.deadline_factories import open_deadline

BROKER = "redis://127.0.0.1:6379/5"

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def _forget_connections() -> None:
    """Make the app open new broker connections and routes from its (changed) configuration."""
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


@pytest.fixture
def worker():
    """A real worker on Redis; yields a counter of finished ``deadlines_tick`` runs."""
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    queue = f"h4a-deadlines-{uuid.uuid4().hex[:8]}"
    conf.update(broker_url=BROKER, task_always_eager=False, task_default_queue=queue)
    _forget_connections()
    finished, in_test_thread = [], []

    def count(sender=None, **kwargs):
        if sender is not None and sender.name == deadlines_tick.name:
            finished.append(kwargs.get("retval"))
            in_test_thread.append(threading.current_thread() is threading.main_thread())

    task_postrun.connect(count, weak=False)
    try:
        with start_worker(
            celery_app, pool="threads", concurrency=4, queues=[queue], perform_ping_check=False, shutdown_timeout=30
        ):
            yield finished
        # Proof that the broker carried every run: none ran eagerly in the test's thread.
        assert in_test_thread and not any(in_test_thread)
    finally:
        task_postrun.disconnect(count)
        conf.update(saved)
        _forget_connections()


def _wait(condition, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.2)


def _all_mail_sent() -> bool:
    return not Notification.objects.exclude(email=Notification.Email.SENT).exists()


def _enqueue_concurrently(day: str, times: int) -> None:
    run_in_threads(deadlines_tick.delay, [(day,)] * times, timeout=None)


@pytest.mark.rule("§19")
def test_s19_beat_twice_in_a_row_through_redis_sends_each_message_once(worker, region, coordinator, planning):
    open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 4, 1))

    deadlines_tick.delay("2026-03-31")
    deadlines_tick.delay("2026-03-31")
    _wait(lambda: len(worker) == 2 and _all_mail_sent())
    assert sorted(worker) == [[0, 0], [1, 0]]
    reminders = Notification.objects.filter(kind="deadline_reminder")
    assert [n.recipient for n in reminders] == [coordinator]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    deadlines_tick.delay("2026-04-02")
    deadlines_tick.delay("2026-04-02")
    _wait(lambda: len(worker) == 4 and _all_mail_sent())
    escalations = Notification.objects.filter(kind="deadline_escalation")
    assert sorted(n.recipient.username for n in escalations) == ["coordinator", "planning"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, coordinator.email, planning.email])


@pytest.mark.rule("§23")
def test_s23_concurrent_beats_through_redis_send_each_message_once(worker, region, coordinator, planning):
    for _ in range(3):
        open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 3, 11), kind="protocol")

    _enqueue_concurrently("2026-03-10", 4)
    _wait(lambda: len(worker) == 4 and _all_mail_sent())
    assert sum(reminders for reminders, _ in worker) == 3
    _enqueue_concurrently("2026-03-12", 4)
    _wait(lambda: len(worker) == 8 and _all_mail_sent())
    assert sum(escalations for _, escalations in worker[4:]) == 3

    assert Notification.objects.filter(kind="deadline_reminder", recipient=coordinator).count() == 3
    assert Notification.objects.filter(kind="deadline_escalation", recipient=coordinator).count() == 3
    assert Notification.objects.filter(kind="deadline_escalation", recipient=planning).count() == 3
    sent_to = [m.to[0] for m in mail.outbox]
    assert sent_to.count(coordinator.email) == 6 and sent_to.count(planning.email) == 3
