from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from registry.deadlines import deadline_tick
from registry.notifications import notification_email_deliver, notification_email_sweep


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_notification_email(self, notification_id: int) -> bool:
    try:
        return notification_email_deliver(notification_id=notification_id)
    except OSError as exc:  # SMTP unreachable: try again later, a bounded number of times
        raise self.retry(exc=exc) from exc


@shared_task
def sweep_unsent_email() -> int:
    """Queue again e-mail and documents whose queuing was lost (e.g. Redis was away)."""
    from registry.documents import documents_sweep

    return notification_email_sweep() + documents_sweep()


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def render_document(self, document_id: int) -> int | None:
    from registry.documents import document_fail, document_render

    try:
        document = document_render(document_id=document_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries or self.request.is_eager:
            document_fail(document_id=document_id, error=repr(exc))
            raise
        raise self.retry(exc=exc) from exc
    return document.pk if document else None


@shared_task(bind=True, max_retries=3, default_retry_delay=120, acks_late=True)
def deadlines_tick(self, day: str | None = None) -> list[int]:
    """The clock's beat: reminders and escalations due today (safe to run any number of times).

    ``day`` (ISO date) reruns a missed day by hand; otherwise today in settings.TIME_ZONE.
    """
    today = date.fromisoformat(day) if day else timezone.localdate()
    try:
        reminders, escalations = deadline_tick(today=today)
    except OperationalError as exc:  # the database was briefly away: try again, a bounded number of times
        raise self.retry(exc=exc) from exc
    return [reminders, escalations]


@shared_task
def audit_anchor_daily() -> int | None:
    """Anchor the journal's head outside the table (registry.audit.audit_anchor)."""
    from registry.audit import audit_anchor

    anchor = audit_anchor(at=timezone.now())
    return anchor.last_id if anchor else None
