"""Redis away for a moment: the web transaction still succeeds and the sweeper sends everything later.

Queuing happens after commit and a failure to queue is caught, so a request
that notifies someone or asks for a document commits normally while the broker
is down. The row stays pending; ``sweep_unsent_email`` (the beat's sweeper),
once Redis is back, queues it again and a real worker delivers it.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from registry.documents import document_request
from registry.models import GeneratedDocument, Notification
from registry.notifications import notification_send
from registry.tasks import sweep_unsent_email
from tests.reliability.conftest import BROKER, CLOSED_BROKER, point_broker, wait_for
from tests.reliability.slow_kind import SLOW_KIND

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _web_transaction(user, region, tmp_path):
    """What a view does: write, notify, ask for a document, all in one transaction."""
    with transaction.atomic():
        notification = notification_send(recipient=user, kind="welcome", context={"user": user}, url="/kk/cabinet/")
        document = document_request(
            kind=SLOW_KIND,
            obj=region,
            language="ru",
            requested_by=user,
            params={
                "flag": str(tmp_path / "no-hold"),
                "started": str(tmp_path / "started"),
            },
        )
    return notification, document


def test_broker_outage_loses_nothing_and_the_sweeper_delivers_later(workers, entrepreneur, region, tmp_path):
    point_broker(CLOSED_BROKER, workers.queue)
    notification, document = _web_transaction(entrepreneur, region, tmp_path)  # no exception reaches the view

    notification.refresh_from_db()
    document.refresh_from_db()
    assert notification.email == Notification.Email.PENDING
    assert document.state == GeneratedDocument.State.QUEUED and document.attempts == 0

    # Redis is back; the sweeper picks up what has waited longer than its grace period.
    point_broker(BROKER, workers.queue)
    workers.start("sweeper")
    past = timezone.now() - timedelta(minutes=10)
    Notification.objects.filter(pk=notification.pk).update(created_at=past)
    GeneratedDocument.objects.filter(pk=document.pk).update(requested_at=past)
    sweep_unsent_email.delay()

    wait_for(lambda: _delivered(notification, document), 40, "the sweeper's deliveries")
    assert notification.email_attempts == 1
    assert document.attempts == 1
    mails = workers.mails()
    assert len(mails) == 1 and entrepreneur.email in mails[0]


def _delivered(notification: Notification, document: GeneratedDocument) -> bool:
    notification.refresh_from_db()
    document.refresh_from_db()
    return notification.email == Notification.Email.SENT and document.state == GeneratedDocument.State.DONE
