"""Monitoring's beat: the yearly clock (§13, §30–§32), opened without anybody visiting a page."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from monitoring.services.reports import yearly_open


@shared_task(bind=True, max_retries=3, default_retry_delay=120, acks_late=True)
def yearly_clock(self, day: str | None = None) -> int:
    """Open every region's duties for the past year; runs daily, safe to run any number of times.

    ``day`` (ISO date) reruns a missed day by hand; otherwise today in Asia/Almaty (settings.TIME_ZONE):
    at 00:30 local time on 1 January the UTC date is still 31 December.
    """
    today = date.fromisoformat(day) if day else timezone.localdate()
    try:
        return yearly_open(today=today, at=timezone.now())
    except OperationalError as exc:  # the database was briefly away
        raise self.retry(exc=exc) from exc
