"""Budget request (§26) and the akimat's resolution (§27)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Status
from monitoring.clock import S27_RESOLUTION, clock_meet, clock_open
from monitoring.models import BudgetRequest
from monitoring.notify import notify_role
from monitoring.services.common import require_official
from registry.audit import audit_record
from registry.models import Role, User

# §25: what the administrator receives: projects handed over and everything after.
HANDED_OVER = (Status.SENT_TO_BUDGET, Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
# §27: the akimat's resolution within 14 calendar days of the budget's approval.
RESOLUTION_DAYS = 14


def budget_request_submit(
    *,
    application: Application,
    amount: Decimal,
    programme_code: str,
    subprogramme_code: str,
    year: int,
    by: User,
    at: datetime,
) -> BudgetRequest:
    """The administrator files (or re-files after a return) the project's budget request (§26)."""
    require_official(by, region_id=application.region_id, roles=(Role.BUDGET_ADMIN,))
    if application.status not in HANDED_OVER:
        raise ValidationError(
            _("The project has not been handed over to the budget administrator."), code="not_handed_over"
        )
    with transaction.atomic():
        request = BudgetRequest.objects.select_for_update().filter(application=application).first()
        if request is not None and request.status != BudgetRequest.Status.RETURNED:
            raise ValidationError(
                _("A budget request for this project is already under review or accepted."), code="exists"
            )
        request = request or BudgetRequest(application=application)
        request.amount, request.programme_code, request.subprogramme_code = amount, programme_code, subprogramme_code
        request.year, request.status, request.submitted_at = year, BudgetRequest.Status.SUBMITTED, at
        request.return_reason = ""
        request.save()
        audit_record(actor=by, obj=request, action="budget_request_submit", to_state=request.status, rule="§26", at=at)
    return request


def _locked_submitted(request: BudgetRequest) -> BudgetRequest:
    locked = BudgetRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != BudgetRequest.Status.SUBMITTED:
        raise ValidationError(_("The budget request is not under review."), code="wrong_state")
    return locked


def budget_request_return(*, request: BudgetRequest, reason: str, by: User, at: datetime) -> BudgetRequest:
    """§26: the planning body returns a non-compliant request unreviewed, with its reason."""
    require_official(by, region_id=request.application.region_id, roles=(Role.PLANNING,))
    if not reason.strip():
        raise ValidationError({"reason": _("State why the request is returned.")}, code="reason_required")
    with transaction.atomic():
        locked = _locked_submitted(request)
        locked.status, locked.return_reason, locked.reviewed_at = BudgetRequest.Status.RETURNED, reason.strip(), at
        locked.save(update_fields=["status", "return_reason", "reviewed_at"])
        audit_record(
            actor=by,
            obj=locked,
            action="budget_request_return",
            from_state="submitted",
            to_state=locked.status,
            reason=locked.return_reason,
            rule="§26",
            at=at,
        )
        notify_role(
            application=locked.application,
            role="budget_admin",
            kind="monitoring_budget_reviewed",
            context={"request": locked},
        )
    return locked


def budget_request_accept(
    *,
    request: BudgetRequest,
    commission_date: date,
    commission_number: str,
    approved_amount: Decimal,
    by: User,
    at: datetime,
) -> BudgetRequest:
    """§26: the planning body accepts and records the budget commission's decision."""
    require_official(by, region_id=request.application.region_id, roles=(Role.PLANNING,))
    with transaction.atomic():
        locked = _locked_submitted(request)
        locked.status, locked.reviewed_at = BudgetRequest.Status.ACCEPTED, at
        locked.commission_date, locked.commission_number = commission_date, commission_number
        locked.approved_amount = approved_amount
        locked.save(update_fields=["status", "reviewed_at", "commission_date", "commission_number", "approved_amount"])
        audit_record(
            actor=by,
            obj=locked,
            action="budget_request_accept",
            from_state="submitted",
            to_state=locked.status,
            rule="§26",
            at=at,
        )
        # §26(3): the administrators and the authorized body are informed of the commission's decision.
        for role in (Role.BUDGET_ADMIN, Role.REGIONAL_BODY):
            notify_role(
                application=locked.application,
                role=role,
                kind="monitoring_budget_reviewed",
                context={"request": locked},
            )
    return locked


def budget_approval_record(*, request: BudgetRequest, approved_on: date, by: User, at: datetime) -> BudgetRequest:
    """§27: the maslikhat approved the budget; the akimat's resolution is due in 14 calendar days."""
    require_official(by, region_id=request.application.region_id, roles=(Role.BUDGET_ADMIN,))
    if request.status != BudgetRequest.Status.ACCEPTED:
        raise ValidationError(_("The budget commission has not decided on this request yet."), code="wrong_state")
    if request.budget_approved_on is not None:
        raise ValidationError(_("The budget's approval is already recorded."), code="recorded")
    request.budget_approved_on = approved_on
    request.resolution_due = approved_on + timedelta(days=RESOLUTION_DAYS)
    request.save(update_fields=["budget_approved_on", "resolution_due"])
    audit_record(actor=by, obj=request, action="budget_approval_record", rule="§27", at=at)
    clock_open(
        obj=request,
        kind=S27_RESOLUTION,
        due_on=request.resolution_due,
        region=request.application.region,
        responsible="budget_admin",
        url=reverse("monitoring:project", args=[request.application_id]),
        at=at,
    )
    return request


def akimat_resolution_record(
    *, request: BudgetRequest, resolution_date: date, resolution_number: str, by: User, at: datetime
) -> BudgetRequest:
    """§27: the akimat's resolution implementing the budget decision, with its date (recorded once)."""
    require_official(by, region_id=request.application.region_id, roles=(Role.BUDGET_ADMIN,))
    if request.resolution_date is not None:
        raise ValidationError(_("The akimat's resolution is already recorded."), code="recorded")
    if request.budget_approved_on is None:
        raise ValidationError(_("Record the maslikhat's budget approval first."), code="no_budget")
    if resolution_date < request.budget_approved_on:
        raise ValidationError({"resolution_date": _("The resolution cannot precede the budget's approval.")})
    request.resolution_date, request.resolution_number = resolution_date, resolution_number
    request.save(update_fields=["resolution_date", "resolution_number"])
    audit_record(actor=by, obj=request, action="akimat_resolution_record", rule="§27", at=at)
    # §27: on time or late by the act's own date, not by the day it was entered on the portal.
    adopted = timezone.make_aware(datetime.combine(resolution_date, time(12)))
    clock_meet(obj=request, kind=S27_RESOLUTION, at=min(adopted, at))
    return request
