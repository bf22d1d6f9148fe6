"""Individual financing plan (§17): lines, approval, publication on the portal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from applications.models import Application, Status
from applications.workflow import application_move
from monitoring.clock import S17_PUBLISH, clock_meet, clock_open
from monitoring.models import BudgetRequest, FinancingPlan, FinancingPlanLine
from monitoring.notify import notify_applicant
from monitoring.services.budget import HANDED_OVER
from monitoring.services.common import require_official
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.models import Role, User

# §17: publish within 3 working days of approval.
PUBLISH_WORKING_DAYS = 3


def plan_line_set(
    *, application: Application, year: int, month: int, obligations: Decimal, payments: Decimal, by: User, at: datetime
) -> FinancingPlanLine:
    """§17: the administrator sets one month's obligations and payments while the plan is a draft (journalled)."""
    require_official(by, region_id=application.region_id, roles=(Role.BUDGET_ADMIN,))
    if application.status not in HANDED_OVER:
        raise ValidationError(
            _("The project has not been handed over to the budget administrator."), code="not_handed_over"
        )
    with transaction.atomic():
        plan, _created = FinancingPlan.objects.get_or_create(application=application)
        plan = FinancingPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != FinancingPlan.Status.DRAFT:
            raise ValidationError(_("An approved plan cannot be changed."), code="approved")
        line, _created = FinancingPlanLine.objects.update_or_create(
            plan=plan, year=year, month=month, defaults={"obligations": obligations, "payments": payments}
        )
        audit_record(
            actor=by,
            obj=plan,
            action="plan_line_set",
            reason=f"{year}-{month:02d}: {obligations} / {payments}",
            rule="§17",
            at=at,
        )
    return line


def plan_approve(*, plan: FinancingPlan, approved_on: date, by: User, at: datetime) -> FinancingPlan:
    """Approve the plan: the project becomes ``funded`` and the §17 publication clock starts."""
    require_official(by, region_id=plan.application.region_id, roles=(Role.BUDGET_ADMIN,))
    accepted = BudgetRequest.objects.filter(application_id=plan.application_id, status=BudgetRequest.Status.ACCEPTED)
    if not accepted.exists():
        raise ValidationError(_("The budget request has not been accepted yet."), code="no_budget")
    with transaction.atomic():
        locked = FinancingPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != FinancingPlan.Status.DRAFT:
            raise ValidationError(_("The plan is already approved."), code="wrong_state")
        if not locked.lines.exists():
            raise ValidationError(_("Add at least one month to the plan."), code="empty")
        locked.status, locked.approved_on = FinancingPlan.Status.APPROVED, approved_on
        locked.publish_due = add_working_days(approved_on, PUBLISH_WORKING_DAYS)
        locked.save(update_fields=["status", "approved_on", "publish_due"])
        audit_record(actor=by, obj=locked, action="plan_approve", to_state=locked.status, rule="§17", at=at)
        application_move(
            application=locked.application,
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
        region=locked.application.region,
        responsible="budget_admin",
        url=reverse("monitoring:project", args=[locked.application_id]),
        at=at,
    )
    return locked


def plan_publish(*, plan: FinancingPlan, by: User, at: datetime) -> FinancingPlan:
    """§17: put the approved plan on the portal's public page."""
    require_official(by, region_id=plan.application.region_id, roles=(Role.BUDGET_ADMIN,))
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
        notify_applicant(application=locked.application, kind="monitoring_plan_published", context={"plan": locked})
    clock_meet(obj=locked, kind=S17_PUBLISH, at=at)
    return locked
