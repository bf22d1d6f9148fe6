"""Notifications: written in the recipient's language, e-mailed once through Celery on commit."""
from datetime import timedelta

import pytest
from django.utils import timezone

from registry.models import Notification
from registry.notifications import notification_email_deliver, notification_email_sweep, notification_send

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§2")]

SUBJECT = {
    "kk": "Инфрақұрылымдық қолдау порталына қош келдіңіз",
    "ru": "Добро пожаловать на портал инфраструктурной поддержки",
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s2_notification_is_written_in_the_recipients_language(coordinator, language):
    coordinator.language = language
    note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator}, email=False)
    assert note.subject == SUBJECT[language]
    assert coordinator.full_name in note.body
    assert note.email == Notification.Email.NONE


def test_s2_email_goes_out_once_through_celery_after_commit(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    coordinator.language = "ru"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator}, url="/ru/cabinet/")
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == SUBJECT["ru"]
    assert mailoutbox[0].to == [coordinator.email]
    assert "/ru/cabinet/" in mailoutbox[0].body
    note.refresh_from_db()
    assert (note.email, note.email_attempts) == (Notification.Email.SENT, 1)


def test_s2_delivering_twice_sends_one_email(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator})
    assert notification_email_deliver(notification_id=note.pk) is False
    assert len(mailoutbox) == 1


def test_s2_a_recipient_without_email_gets_only_the_in_app_notification(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    coordinator.email = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator})
    assert callbacks == [] and mailoutbox == []
    assert note.email == Notification.Email.NONE


def test_s2_sweeper_queues_again_an_email_left_pending(coordinator, mailoutbox):
    # As if the broker was down when the transaction committed.
    note = Notification.objects.create(
        recipient=coordinator, kind="welcome", subject="s", body="b", email=Notification.Email.PENDING,
        created_at=timezone.now() - timedelta(minutes=10),
    )
    fresh = Notification.objects.create(recipient=coordinator, kind="welcome", subject="s", body="b",
                                        email=Notification.Email.PENDING)
    assert notification_email_sweep() == 1
    assert len(mailoutbox) == 1
    note.refresh_from_db()
    fresh.refresh_from_db()
    assert (note.email, fresh.email) == (Notification.Email.SENT, Notification.Email.PENDING)
