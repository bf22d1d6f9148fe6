"""Notifications: in-app, and by e-mail through Celery once the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone, translation

from registry.i18n import url_in_language
from registry.models import Notification, User
from registry.notification_text import notification_render
from registry.snapshots import freeze

logger = logging.getLogger(__name__)


class EmailAttachment(NamedTuple):
    filename: str
    content: str | bytes
    mimetype: str


# A kind's e-mail attachment, made at send time from the stored notification (its kind and data), in
# the recipient's language: nothing is stored. Apps register theirs in ``AppConfig.ready``.
AttachmentProducer = Callable[[Notification], EmailAttachment | None]
_ATTACHMENTS: dict[str, AttachmentProducer] = {}


def notification_attachment_register(kind: str, producer: AttachmentProducer) -> None:
    _ATTACHMENTS[kind] = producer


def notification_attachments(notification: Notification) -> list[EmailAttachment]:
    """The files the e-mail of ``notification`` carries (none for most kinds)."""
    producer = _ATTACHMENTS.get(notification.kind)
    attachment = producer(notification) if producer is not None else None
    return [attachment] if attachment is not None else []


def notification_send(
    *, recipient: User, kind: str, context: dict | None = None, url: str = "", email: bool = True
) -> Notification:
    """Store a notification as its kind and data, and queue its e-mail.

    Text comes from ``templates/notifications/<kind>.txt`` (the first line is
    the subject, the rest the body), rendered from the stored data whenever it
    is shown, in the reader's language; the words in the recipient's language
    at this moment are kept as well, for search and the admin.
    """
    notification = _notification(recipient=recipient, kind=kind, data=freeze(context or {}), url=url, email=email)
    notification.save(force_insert=True)
    _queue_emails([notification])
    return notification


def notifications_send(
    *, recipients: Iterable[User], kind: str, context: dict | None = None, url: str = "", email: bool = True
) -> list[Notification]:
    """:func:`notification_send` to each of ``recipients``, the rows stored in one statement."""
    data = freeze(context or {})
    notifications = [
        _notification(recipient=recipient, kind=kind, data=data, url=url, email=email) for recipient in recipients
    ]
    Notification.objects.bulk_create(notifications)
    _queue_emails(notifications)
    return notifications


def _notification(*, recipient: User, kind: str, data: dict, url: str, email: bool) -> Notification:
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        subject, body = notification_render(kind=kind, data=data)
    wants_email = email and bool(recipient.email)
    return Notification(
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        data=data,
        url=url,
        email=Notification.Email.PENDING if wants_email else Notification.Email.NONE,
    )


def _queue_emails(notifications: list[Notification]) -> None:
    for notification in notifications:
        if notification.email == Notification.Email.PENDING:
            transaction.on_commit(partial(_queue_email, notification.pk))


def _queue_email(notification_id: int) -> None:
    from registry.tasks import send_notification_email

    try:
        send_notification_email.delay(notification_id)
    except Exception:  # the broker may be away; the sweeper queues it again
        logger.warning("could not queue e-mail for notification %s", notification_id, exc_info=True)


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send one pending e-mail; safe to run twice (a sent one is not resent)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.email != Notification.Email.PENDING:
            return False
        notification.email_attempts += 1
        # The e-mail speaks the recipient's language of today, and so do its links.
        language = notification.recipient.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, text = notification.text
        url = url_in_language(notification.url, language) if notification.url.startswith("/") else notification.url
        link = f"{settings.PORTAL_BASE_URL}{url}" if url else ""
        body = f"{text}\n\n{link}".strip()
        message = EmailMessage(subject, body, None, [notification.recipient.email])
        with translation.override(language):
            for attachment in notification_attachments(notification):
                message.attach(attachment.filename, attachment.content, attachment.mimetype)
        message.send()
        notification.email = Notification.Email.SENT
        notification.save(update_fields=["email", "email_attempts"])
    return True


def notification_email_sweep(*, now=None, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Queue again the e-mail that is still pending after a while (lost to a broker outage)."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            email=Notification.Email.PENDING, created_at__lt=now - older_than, email_attempts__lt=5
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        _queue_email(pk)
    return len(ids)


def unread_for(recipient: User | OuterRef) -> QuerySet[Notification]:
    """The recipient's unread notifications: what the bell counts."""
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True)


def unread_count_subquery() -> Subquery:
    """The bell's count as a column of a query on users (``registry.signed_in``)."""
    # COUNT as a plain function, not an aggregate: no GROUP BY, so one row even when there are none.
    count = unread_for(OuterRef("pk")).order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(count, output_field=IntegerField())


def notifications_mark_read(*, recipient: User, ids: list[int] | None = None) -> int:
    qs = unread_for(recipient)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
