from celery import shared_task

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
