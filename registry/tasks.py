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
        raise self.retry(exc=exc)


@shared_task
def sweep_unsent_email() -> int:
    return notification_email_sweep()


@shared_task(bind=True, max_retries=3, default_retry_delay=120, acks_late=True)
def deadlines_tick(self, day: str | None = None) -> list[int]:
    """The clock's beat: reminders and escalations due today (safe to run any number of times).

    ``day`` (ISO date) reruns a missed day by hand; otherwise today in settings.TIME_ZONE.
    """
    today = date.fromisoformat(day) if day else timezone.localdate()
    try:
        reminders, escalations = deadline_tick(today=today)
    except OperationalError as exc:  # the database was briefly away: try again, a bounded number of times
        raise self.retry(exc=exc)
    return [reminders, escalations]
