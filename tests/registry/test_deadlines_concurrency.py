"""Exactly once under races: several ticks at the same moment, each on its own connection."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from registry.deadlines import deadline_tick
from registry.models import DeadlineMessage, Notification
from tests.concurrency import run_in_threads
from tests.registry.deadline_factories import open_deadline

THREADS = 6


def _race(today: date) -> list:
    """Run ``deadline_tick`` from THREADS threads released together; return their results."""
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def tick():
        try:
            barrier.wait(timeout=10)
            results.append(deadline_tick(today=today))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    run_in_threads(tick, [()] * THREADS, timeout=60)
    assert errors == []
    return results


@pytest.mark.rule("§19")
@pytest.mark.django_db(transaction=True)
def test_s19_concurrent_ticks_send_one_reminder_and_one_escalation(region, coordinator, planning):
    for _ in range(3):
        open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 4, 1))

    reminders = _race(date(2026, 3, 31))
    assert sum(r for r, _ in reminders) == 3
    escalations = _race(date(2026, 4, 2))
    assert sum(e for _, e in escalations) == 3

    assert Notification.objects.filter(kind="deadline_reminder", recipient=coordinator).count() == 3
    assert Notification.objects.filter(kind="deadline_escalation", recipient=coordinator).count() == 3
    assert Notification.objects.filter(kind="deadline_escalation", recipient=planning).count() == 3
    assert DeadlineMessage.objects.count() == 6
    # One e-mail per notification: 3 reminders + 3 escalations to each of the two people.
    assert sorted(m.to[0] for m in mail.outbox).count(coordinator.email) == 6
    assert sorted(m.to[0] for m in mail.outbox).count(planning.email) == 3
    assert not Notification.objects.exclude(email=Notification.Email.SENT).exists()
