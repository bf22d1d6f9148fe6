"""The administrators' budget requests (§26) and the akimat's resolution on the local budget (§27)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Status
from monitoring.clock import S27_RESOLUTION, clock_meet, clock_open
from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution
from monitoring.notify import notify_people
from monitoring.permissions import (
    may_record_budget_approval,
    may_record_resolution,
    may_review_budget_request,
    may_submit_budget_request,
)
from monitoring.rules import budget_of
from registry.audit import audit_record
from registry.models import BudgetAdministrator, BudgetProgramme, Role, User
from registry.permissions import require

# §25: what the administrator receives: projects handed over and everything after.
HANDED_OVER = (Status.SENT_TO_BUDGET, Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
# §27: the akimat's resolution within 14 calendar days of the budget's approval.
RESOLUTION_DAYS = 14


class RequestLine(NamedTuple):
    """One project the administrator includes in its budget request, with the amount asked."""

    application: Application
    amount: Decimal
    subprogramme_code: str = ""


def _local_today(at: datetime) -> date:
    return timezone.localdate(at)


def _administrator_staff(administrator_id: int):
    return User.objects.filter(administrator_id=administrator_id, role=Role.BUDGET_ADMIN, is_active=True)


def _request_url(request: BudgetRequest) -> str:
    return reverse("monitoring:budget_request", args=[request.pk])


def _request_context(request: BudgetRequest) -> dict:
    """What a §26 notification says, stored as plain values (rendered later in the reader's language)."""
    return {
        "administrator": request.administrator,
        "programme": request.programme.code,
        "year": request.year,
        "reason": request.return_reason,
        "commission_number": request.commission_number,
        "commission_date": request.commission_date,
        "approved": request.approved_amount,
        "projects": [line.application.number for line in request.lines.select_related("application")],
    }


def _check_lines(administrator: BudgetAdministrator, year: int, lines: Sequence[RequestLine], request_pk) -> None:
    if not lines:
        raise ValidationError(_("Include at least one project in the budget request."), code="empty")
    ids = [line.application.pk for line in lines]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("A project is included twice."), code="twice")
    for line in lines:
        if line.amount is None or line.amount <= 0:
            raise ValidationError(_("Each project's amount must be above zero."), code="amount")
        if line.application.region_id != administrator.region_id or line.application.status not in HANDED_OVER:
            raise ValidationError(
                _("Project %(number)s has not been handed over to the budget administrator.")
                % {"number": line.application.number},
                code="not_handed_over",
            )
    elsewhere = (
        BudgetRequestLine.objects.filter(application_id__in=ids, request__year=year)
        .exclude(request_id=request_pk)
        .select_related("application")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            _("Project %(number)s is already in another budget request for this year.")
            % {"number": elsewhere.application.number},
            code="elsewhere",
        )


def budget_request_submit(
    *, programme: BudgetProgramme, year: int, lines: Sequence[RequestLine], by: User, at: datetime
) -> BudgetRequest:
    """§26: the administrator files its request for a programme and year (or re-files it, corrected,
    after the planning body returned it unreviewed). Once: a request under review or decided stays."""
    administrator = programme.administrator
    require(may_submit_budget_request(by, administrator))
    with transaction.atomic():
        request = BudgetRequest.objects.select_for_update().filter(programme=programme, year=year).first()
        if request is not None and request.status != BudgetRequest.Status.RETURNED:
            raise ValidationError(
                _("The budget request for this programme and year is already under review or decided."),
                code="exists",
            )
        _check_lines(administrator, year, lines, request.pk if request else None)
        from_state = request.status if request else ""
        if request is None:
            request = BudgetRequest(administrator=administrator, programme=programme, year=year)
        request.status, request.submitted_at, request.return_reason = BudgetRequest.Status.SUBMITTED, at, ""
        request.save()
        request.lines.all().delete()
        BudgetRequestLine.objects.bulk_create(
            BudgetRequestLine(
                request=request,
                application=line.application,
                amount=line.amount,
                subprogramme_code=line.subprogramme_code,
            )
            for line in lines
        )
        audit_record(
            actor=by,
            obj=request,
            action="budget_request_submit",
            from_state=from_state,
            to_state=request.status,
            reason="; ".join(f"{line.application.number}: {line.amount}" for line in lines),
            rule="§26",
            at=at,
        )
    return request


def _locked(request: BudgetRequest, state: str, by: User) -> BudgetRequest:
    require(may_review_budget_request(by, request))
    locked = BudgetRequest.objects.select_for_update().select_related("administrator", "programme").get(pk=request.pk)
    if locked.status != state:
        raise ValidationError(_("The budget request is not at this step."), code="wrong_state")
    return locked


def budget_request_return(*, request: BudgetRequest, reason: str, by: User, at: datetime) -> BudgetRequest:
    """§26(1): the planning body returns a request that does not meet the budget legislation's
    requirements unreviewed, with its reasons; the administrator corrects and re-files it."""
    if not reason.strip():
        raise ValidationError({"reason": _("State why the request is returned.")}, code="reason_required")
    with transaction.atomic():
        locked = _locked(request, BudgetRequest.Status.SUBMITTED, by)
        locked.status, locked.return_reason, locked.returned_at = BudgetRequest.Status.RETURNED, reason.strip(), at
        locked.save(update_fields=["status", "return_reason", "returned_at"])
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
        notify_people(
            people=_administrator_staff(locked.administrator_id),
            kind="monitoring_budget_returned",
            context=_request_context(locked),
            url=_request_url(locked),
        )
    return locked


def budget_request_conclude(*, request: BudgetRequest, conclusion: str, by: User, at: datetime) -> BudgetRequest:
    """§26(2): the planning body records its conclusion on the request, sent to the budget commission."""
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the conclusion.")}, code="conclusion_required")
    with transaction.atomic():
        locked = _locked(request, BudgetRequest.Status.SUBMITTED, by)
        locked.status, locked.conclusion, locked.concluded_at = BudgetRequest.Status.CONCLUDED, conclusion.strip(), at
        locked.save(update_fields=["status", "conclusion", "concluded_at"])
        audit_record(
            actor=by,
            obj=locked,
            action="budget_request_conclude",
            from_state="submitted",
            to_state=locked.status,
            rule="§26",
            at=at,
        )
    return locked


def budget_commission_decide(
    *,
    request: BudgetRequest,
    commission_date: date,
    commission_number: str,
    approved: Mapping[int, Decimal],
    by: User,
    at: datetime,
) -> BudgetRequest:
    """§26(3): the planning body records the budget commission's decision (date, number, the amount
    approved for each project) and informs the administrator and the regional authorized body."""
    if not commission_number.strip():
        raise ValidationError({"commission_number": _("State the decision's number.")}, code="number_required")
    if commission_date > _local_today(at):
        raise ValidationError({"commission_date": _("The decision's date cannot be in the future.")}, code="future")
    with transaction.atomic():
        locked = _locked(request, BudgetRequest.Status.CONCLUDED, by)
        if commission_date < timezone.localdate(locked.concluded_at):
            raise ValidationError(
                {"commission_date": _("The decision cannot precede the planning body's conclusion.")}, code="early"
            )
        lines = list(locked.lines.select_related("application"))
        if set(approved) != {line.application_id for line in lines}:
            raise ValidationError(_("State the approved amount for every project of the request."), code="amounts")
        for line in lines:
            amount = approved[line.application_id]
            if amount is None or amount < 0:
                raise ValidationError(_("An approved amount cannot be negative."), code="negative")
            line.approved_amount = amount
        BudgetRequestLine.objects.bulk_update(lines, ["approved_amount"])
        locked.status, locked.decided_at = BudgetRequest.Status.DECIDED, at
        locked.commission_date, locked.commission_number = commission_date, commission_number.strip()
        # §27: the act already recorded for this budget and year covers the request too.
        locked.resolution = BudgetResolution.objects.filter(
            region_id=locked.administrator.region_id, administrator=budget_of(locked.administrator), year=locked.year
        ).first()
        locked.save(update_fields=["status", "decided_at", "commission_date", "commission_number", "resolution"])
        audit_record(
            actor=by,
            obj=locked,
            action="budget_commission_decide",
            from_state="concluded",
            to_state=locked.status,
            reason="; ".join(f"{line.application.number}: {line.approved_amount}" for line in lines),
            rule="§26",
            at=at,
        )
        # §26(3): "уәкілетті органды/жергілікті бюджеттік бағдарламалар әкімшілерін ... хабардар етеді".
        regional_body = User.objects.filter(
            region_id=locked.administrator.region_id, role=Role.REGIONAL_BODY, is_active=True
        )
        notify_people(
            people=[*_administrator_staff(locked.administrator_id), *regional_body],
            kind="monitoring_budget_decided",
            context=_request_context(locked),
            url=_request_url(locked),
        )
    return locked


def budget_approval_record(
    *, administrator: BudgetAdministrator, year: int, approved_on: date, by: User, at: datetime
) -> BudgetResolution:
    """§27: the maslikhat approved the budget (the administrator's: its district's or the region's) for
    ``year``; the akimat's resolution is due 14 calendar days later. One record a budget and year."""
    require(may_record_budget_approval(by, administrator))
    district = budget_of(administrator)
    if approved_on > _local_today(at):
        raise ValidationError({"approved_on": _("The date cannot be in the future.")}, code="future")
    decided = BudgetRequest.objects.filter(
        administrator__region_id=administrator.region_id, year=year, status=BudgetRequest.Status.DECIDED
    )
    decided = decided.filter(administrator=district) if district else decided.filter(administrator__level="regional")
    if not decided.exists():
        raise ValidationError(
            _("The budget commission has not decided on a budget request of this budget and year yet."),
            code="wrong_state",
        )
    with transaction.atomic():
        if BudgetResolution.objects.filter(
            region_id=administrator.region_id, administrator=district, year=year
        ).exists():
            raise ValidationError(_("The budget's approval is already recorded."), code="recorded")
        resolution = BudgetResolution.objects.create(
            region_id=administrator.region_id,
            administrator=district,
            year=year,
            budget_approved_on=approved_on,
            due_on=approved_on + timedelta(days=RESOLUTION_DAYS),
        )
        decided.update(resolution=resolution)
        audit_record(actor=by, obj=resolution, action="budget_approval_record", rule="§27", at=at)
    clock_open(
        obj=resolution,
        kind=S27_RESOLUTION,
        due_on=resolution.due_on,
        region=administrator.region,
        responsible="budget_admin",
        url=reverse("monitoring:budget"),
        at=at,
    )
    return resolution


def akimat_resolution_record(
    *, resolution: BudgetResolution, adopted_on: date, number: str, by: User, at: datetime
) -> BudgetResolution:
    """§27: the akimat's resolution implementing the budget decision, its date and number (once)."""
    require(may_record_resolution(by, resolution))
    if not number.strip():
        raise ValidationError({"number": _("State the resolution's number.")}, code="number_required")
    if adopted_on > _local_today(at):
        raise ValidationError({"adopted_on": _("The date cannot be in the future.")}, code="future")
    with transaction.atomic():
        locked = BudgetResolution.objects.select_for_update().get(pk=resolution.pk)
        if locked.adopted_on is not None:
            raise ValidationError(_("The akimat's resolution is already recorded."), code="recorded")
        if adopted_on < locked.budget_approved_on:
            raise ValidationError({"adopted_on": _("The resolution cannot precede the budget's approval.")})
        locked.adopted_on, locked.number = adopted_on, number.strip()
        locked.save(update_fields=["adopted_on", "number"])
        audit_record(actor=by, obj=locked, action="akimat_resolution_record", rule="§27", at=at)
    # §27: on time or late by the act's own date, not by the day it was entered on the portal.
    adopted = timezone.make_aware(datetime.combine(adopted_on, time(12)))
    clock_meet(obj=locked, kind=S27_RESOLUTION, at=min(adopted, at))
    return locked
