"""Withdrawal by the applicant (DESIGN.md: draft / submitted → withdrawn)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from applications.models import Application, Status
from applications.workflow import application_move
from registry.deadlines import deadline_cancel
from registry.models import User
from registry.notifications import notification_send

# Not yet decided: once the coordinator has refused or recommended, the applicant can no longer withdraw.
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED)


def application_withdraw(*, application: Application, reason: str, by: User, at: datetime) -> Application:
    """The applicant takes back a draft or an application the coordinator has not decided on."""
    if application.applicant_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        was_submitted = current.status == Status.SUBMITTED
        application_move(
            application=application,
            allowed_from=WITHDRAWABLE,
            to=Status.WITHDRAWN,
            by=by,
            action="application_withdraw",
            rule="§18",
            reason=reason,
            at=at,
        )
        if was_submitted:
            deadline_cancel(obj=current, at=at)  # §19 no longer runs for a withdrawn application
            url = reverse("review:detail", args=[application.pk])
            context = {"number": current.number, "project": current.project_name, "reason": reason}
            for coordinator in User.objects.filter(role="coordinator", region=application.region_id, is_active=True):
                notification_send(recipient=coordinator, kind="application_withdrawn", context=context, url=url)
    return application
