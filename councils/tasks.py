from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone


@shared_task(bind=True, max_retries=3, default_retry_delay=120, acks_late=True)
def sessions_remind(self, day: str | None = None) -> int:
    """The clock: members are reminded of a session on the working day before it (safe to run again)."""
    from councils.services import sessions_remind as remind

    today = date.fromisoformat(day) if day else timezone.localdate()
    try:
        return remind(today=today, at=timezone.now())
    except OperationalError as exc:
        raise self.retry(exc=exc) from exc
