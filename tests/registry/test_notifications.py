"""Notifications: written in the recipient's language, e-mailed once through Celery on commit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.models import Notification
from registry.notifications import (
    notification_email_deliver,
    notification_email_sweep,
    notification_send,
    notifications_send,
)

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


def test_s2_email_goes_out_once_through_celery_after_commit(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator.language = "ru"
    coordinator.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note = notification_send(
            recipient=coordinator, kind="welcome", context={"user": coordinator}, url="/ru/cabinet/"
        )
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


def test_s2_a_recipient_without_email_gets_only_the_in_app_notification(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator.email = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator})
    assert callbacks == [] and mailoutbox == []
    assert note.email == Notification.Email.NONE


def test_s2_sweeper_queues_again_an_email_left_pending(coordinator, mailoutbox):
    # As if the broker was down when the transaction committed.
    note = Notification.objects.create(
        recipient=coordinator,
        kind="welcome",
        subject="s",
        body="b",
        email=Notification.Email.PENDING,
        created_at=timezone.now() - timedelta(minutes=10),
    )
    fresh = Notification.objects.create(
        recipient=coordinator, kind="welcome", subject="s", body="b", email=Notification.Email.PENDING
    )
    assert notification_email_sweep() == 1
    assert len(mailoutbox) == 1
    note.refresh_from_db()
    fresh.refresh_from_db()
    assert (note.email, fresh.email) == (Notification.Email.SENT, Notification.Email.PENDING)


# --- Stored as a kind and its data, rendered in the reader's language ----------------------

ESCALATION_KIND = {
    "kk": "Өтінімді қарау",
    "ru": "Рассмотрение заявки",
}


def _escalation(region, recipient, *, sender_language="ru"):
    from datetime import date

    from django.utils import translation

    from tests.registry.deadline_factories import open_deadline

    deadline = open_deadline(region=region, responsible=[recipient], due_on=date(2026, 4, 1), url="/ru/cabinet/")
    with translation.override(sender_language):  # whoever caused it reads Russian
        return notification_send(
            recipient=recipient,
            kind="deadline_escalation",
            context={"deadline": deadline, "days_overdue": 2, "responsible": True},
            url="/ru/cabinet/",
        )


def test_s2_a_notification_caused_in_russian_reads_in_kazakh_for_a_kazakh_reader(client, region, coordinator):
    coordinator.language = "kk"
    coordinator.save(update_fields=["language"])
    _escalation(region, coordinator)
    client.force_login(coordinator)
    kazakh = client.get("/kk/notifications/").content.decode()
    assert ESCALATION_KIND["kk"] in kazakh and "01.04.2026" in kazakh
    assert 'href="/kk/cabinet/"' in kazakh
    assert ESCALATION_KIND["ru"] not in kazakh
    # The same row, read on the Russian page, reads Russian: nothing was frozen.
    russian = client.get("/ru/notifications/").content.decode()
    assert ESCALATION_KIND["ru"] in russian and 'href="/ru/cabinet/"' in russian
    assert ESCALATION_KIND["kk"] not in russian


def test_s2_rendering_a_stored_notification_reads_no_database(region, coordinator, django_assert_num_queries):
    from django.utils import translation

    note = Notification.objects.get(pk=_escalation(region, coordinator).pk)
    with translation.override("kk"), django_assert_num_queries(0):
        subject, body = note.text
    assert "01.04.2026" in subject and region.name_kk in body and region.name_ru not in body


def test_s2_the_snapshot_copies_no_secret(coordinator):
    note = notification_send(recipient=coordinator, kind="welcome", context={"user": coordinator}, email=False)
    assert "password" not in note.data["user"]["fields"]
    assert note.data["user"]["fields"]["last_name"] == coordinator.last_name


@pytest.mark.parametrize("rows", [1, 20])
def test_s2_notification_page_queries_do_not_grow_with_rows(
    client, region, coordinator, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        _escalation(region, coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/kk/notifications/")
    assert response.content.decode().count("notification-body") == rows


def test_s2_email_reads_in_the_recipients_language_with_links_in_it(
    region, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator.language = "kk"
    coordinator.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        _escalation(region, coordinator, sender_language="ru")
    (mail,) = mailoutbox
    assert ESCALATION_KIND["kk"] in mail.body and ESCALATION_KIND["ru"] not in mail.body
    assert "/kk/cabinet/" in mail.body and "/ru/cabinet/" not in mail.body


def test_s2_a_row_without_data_shows_the_words_it_was_written_with(coordinator):
    note = Notification.objects.create(recipient=coordinator, kind="review_accepted", subject="Ескі", body="мәтін")
    assert note.text == ("Ескі", "мәтін")
    unknown = Notification.objects.create(recipient=coordinator, kind="gone_kind", subject="S", body="B", data={"a": 1})
    assert unknown.text == ("S", "B")


def test_s2_old_welcome_rows_are_migrated_to_render_in_the_readers_language(coordinator):
    import importlib

    from django.apps import apps
    from django.utils import translation

    migration = importlib.import_module("registry.migrations.0008_notification_data_of_old_rows")
    old = Notification.objects.create(recipient=coordinator, kind="welcome", subject=SUBJECT["kk"], body="b")
    other = Notification.objects.create(recipient=coordinator, kind="review_accepted", subject="S", body="B")
    migration.forwards(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    with translation.override("ru"):
        assert old.text[0] == SUBJECT["ru"] and coordinator.full_name in old.text[1]
    assert other.data == {} and other.text == ("S", "B")


def test_s2_several_recipients_each_read_their_language_and_only_those_with_email_get_one(
    coordinator, region, django_capture_on_commit_callbacks, mailoutbox, django_assert_num_queries
):
    from tests.factories import UserFactory

    russian = UserFactory(username="coordinator_ru", role="coordinator", region=region, language="ru")
    silent = UserFactory(username="coordinator_silent", role="coordinator", region=region, email="")
    coordinator.language = "kk"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with django_assert_num_queries(1):  # one INSERT for every recipient
            notes = notifications_send(
                recipients=[coordinator, russian, silent], kind="welcome", context={"user": coordinator}, url="/x/"
            )
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert [n.subject for n in notes] == [SUBJECT["kk"], SUBJECT["ru"], SUBJECT["kk"]]
    assert [n.email for n in Notification.objects.filter(pk__in=[n.pk for n in notes]).order_by("pk")] == [
        Notification.Email.SENT,
        Notification.Email.SENT,
        Notification.Email.NONE,
    ]
    assert len(callbacks) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([coordinator.email, russian.email])
