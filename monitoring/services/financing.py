"""The individual financing plan (§2(8), §17): the administrator's plan of obligations and plan of
payments for a year, by classification and month, for the projects it funds; approval; publication."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Status
from applications.workflow import application_move
from monitoring.clock import S17_PUBLISH, clock_meet, clock_open
from monitoring.models import BudgetRequest, BudgetRequestLine, FinancingPlan, FinancingPlanLine
from monitoring.notify import notify_applicant
from monitoring.permissions import may_edit_plan
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.models import BudgetAdministrator, BudgetProgramme, User
from registry.permissions import require

# §17: publish within 3 working days of approval.
PUBLISH_WORKING_DAYS = 3


def plan_line_set(
    *,
    administrator: BudgetAdministrator,
    year: int,
    programme: BudgetProgramme,
    subprogramme_code: str,
    specifics_code: str,
    application: Application,
    month: int,
    obligations: Decimal,
    payments: Decimal,
    by: User,
    at: datetime,
) -> FinancingPlanLine:
    """§2(8), §17: the administrator sets one month of a classification line for a project of its budget
    request of the year, while its plan for the year is a draft (the plan is made on the first line)."""
    require(may_edit_plan(by, administrator))
    if programme.administrator_id != administrator.pk:
        raise ValidationError({"programme": _("The programme is another administrator's.")}, code="programme")
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("A month is 1 to 12.")}, code="month")
    if obligations < 0 or payments < 0:
        raise ValidationError(_("Sums cannot be negative."), code="negative")
    requested = BudgetRequestLine.objects.filter(
        application=application, request__administrator=administrator, request__year=year
    )
    if not requested.exists():
        raise ValidationError(
            {"application": _("The project is not in the administrator's budget request for this year.")},
            code="not_requested",
        )
    with transaction.atomic():
        plan, _created = FinancingPlan.objects.get_or_create(administrator=administrator, year=year)
        plan = FinancingPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != FinancingPlan.Status.DRAFT:
            raise ValidationError(_("An approved plan cannot be changed."), code="approved")
        line, _created = FinancingPlanLine.objects.update_or_create(
            plan=plan,
            programme=programme,
            subprogramme_code=subprogramme_code,
            specifics_code=specifics_code,
            application=application,
            month=month,
            defaults={"obligations": obligations, "payments": payments},
        )
        plan.projects.add(application)
        audit_record(
            actor=by,
            obj=plan,
            action="plan_line_set",
            reason=(
                f"{programme.code}/{subprogramme_code or '-'}/{specifics_code or '-'} {application.number} "
                f"{year}-{month:02d}: {obligations} / {payments}"
            ),
            rule="§17",
            at=at,
        )
    return line


def plan_approve(*, plan: FinancingPlan, approved_on: date, by: User, at: datetime) -> FinancingPlan:
    """Approve the plan: its projects become ``funded`` and the §17 publication clock starts."""
    require(may_edit_plan(by, plan.administrator))
    if approved_on > timezone.localdate(at):
        raise ValidationError({"approved_on": _("The date cannot be in the future.")}, code="future")
    with transaction.atomic():
        locked = FinancingPlan.objects.select_for_update().select_related("administrator__region").get(pk=plan.pk)
        if locked.status != FinancingPlan.Status.DRAFT:
            raise ValidationError(_("The plan is already approved."), code="wrong_state")
        if not locked.lines.exists():
            raise ValidationError(_("Add at least one month to the plan."), code="empty")
        projects = list(locked.projects.order_by("id"))
        decided = set(
            BudgetRequestLine.objects.filter(
                application__in=projects,
                request__administrator_id=locked.administrator_id,
                request__year=locked.year,
                request__status=BudgetRequest.Status.DECIDED,
            ).values_list("application_id", flat=True)
        )
        if undecided := [str(p.number) for p in projects if p.pk not in decided]:
            raise ValidationError(
                _("The budget commission has not decided on these projects yet: %(numbers)s.")
                % {"numbers": ", ".join(undecided)},
                code="no_budget",
            )
        locked.status, locked.approved_on = FinancingPlan.Status.APPROVED, approved_on
        locked.publish_due = add_working_days(approved_on, PUBLISH_WORKING_DAYS)
        locked.save(update_fields=["status", "approved_on", "publish_due"])
        audit_record(actor=by, obj=locked, action="plan_approve", to_state=locked.status, rule="§17", at=at)
        for project in projects:
            if project.status == Status.SENT_TO_BUDGET:
                application_move(
                    application=project,
                    allowed_from=[Status.SENT_TO_BUDGET],
                    to=Status.FUNDED,
                    by=by,
                    action="financing_plan_approved",
                    rule="§17",
                    at=at,
                )
    clock_open(
        obj=locked,
        kind=S17_PUBLISH,
        due_on=locked.publish_due,
        region=locked.administrator.region,
        responsible="budget_admin",
        url=reverse("monitoring:plan", args=[locked.pk]),
        at=at,
    )
    return locked


def plan_publish(*, plan: FinancingPlan, by: User, at: datetime) -> FinancingPlan:
    """§17: put the approved plan on the portal's public page (no login), with the projects it funds."""
    require(may_edit_plan(by, plan.administrator))
    with transaction.atomic():
        locked = FinancingPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != FinancingPlan.Status.APPROVED:
            raise ValidationError(_("Only an approved, unpublished plan can be published."), code="wrong_state")
        locked.status, locked.published_at = FinancingPlan.Status.PUBLISHED, at
        locked.save(update_fields=["status", "published_at"])
        audit_record(
            actor=by,
            obj=locked,
            action="plan_publish",
            from_state="approved",
            to_state=locked.status,
            rule="§17",
            at=at,
        )
        for project in locked.projects.select_related("applicant"):
            notify_applicant(application=project, kind="monitoring_plan_published", context={"plan": locked})
    clock_meet(obj=locked, kind=S17_PUBLISH, at=at)
    return locked
