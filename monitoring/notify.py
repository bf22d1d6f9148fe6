"""Who monitoring tells what: one helper per message, text in templates/notifications/monitoring_*.txt."""

from __future__ import annotations

from django.urls import reverse

from applications.models import Application
from registry.models import User
from registry.notifications import notification_send


def _project_url(application: Application) -> str:
    return reverse("monitoring:project", args=[application.pk])


def notify_role(*, application: Application, role: str, kind: str, context: dict) -> None:
    """Every active user of ``role`` in the project's region."""
    for user in User.objects.filter(region_id=application.region_id, role=role, is_active=True):
        notification_send(
            recipient=user, kind=kind, context={"project": application, **context}, url=_project_url(application)
        )


def notify_people(*, people, kind: str, context: dict, url: str) -> None:
    """Each of ``people`` (an administrator's staff, the region's authorized body), once."""
    seen: set[int] = set()
    for user in people:
        if user.pk not in seen:
            seen.add(user.pk)
            notification_send(recipient=user, kind=kind, context=context, url=url)


def notify_applicant(*, application: Application, kind: str, context: dict) -> None:
    notification_send(
        recipient=application.applicant,
        kind=kind,
        context={"project": application, **context},
        url=_project_url(application),
    )
