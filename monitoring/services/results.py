"""Results and counter-obligations (§13, §29.2, §32) and use of funds (§29.3)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationDetails, PastPerformanceMark
from applications.services import past_performance_settle
from monitoring import clock
from monitoring.models import OBLIGATIONS, FundsUse, ResultIndicator, YearResult
from monitoring.notify import notify_applicant
from monitoring.rules import direct_results_met, obligations_met, s13_marks
from monitoring.services.common import RESULT_RECORDERS, require_official
from registry.audit import audit_record
from registry.models import User


def year_result_plan(*, application: Application, year: int, by: User, at: datetime, **plan) -> YearResult:
    """Planned counter-obligations for a year (from the application's forecast)."""
    result, _created = YearResult.objects.update_or_create(
        application=application, year=year, defaults={f"plan_{k}": v for k, v in plan.items()}
    )
    return result


def year_results_from_forecast(*, application: Application, first_year: int) -> list[YearResult]:
    """Plan years 1–3 from the application's expected economic effect (Appendix item 6).

    "Jobs created" is the permanent-jobs plan (§22 speaks of permanent jobs);
    years already planned by hand are left as they are.
    """
    details = ApplicationDetails.objects.filter(application=application).first()
    if details is None:
        return []
    created = []
    for n in (1, 2, 3):
        plan = {
            "plan_jobs_permanent": getattr(details, f"jobs_{n}") or 0,
            "plan_tax": getattr(details, f"tax_{n}") or 0,
            "plan_output": getattr(details, f"output_{n}") or 0,
        }
        result, was_created = YearResult.objects.get_or_create(
            application=application, year=first_year + n - 1, defaults=plan
        )
        if was_created:
            created.append(result)
    return created


def year_result_report(*, result: YearResult, by: User, at: datetime, **facts) -> YearResult:
    """The entrepreneur reports the year's facts from their cabinet."""
    with transaction.atomic():
        locked = YearResult.objects.select_for_update().get(pk=result.pk)
        if locked.status == YearResult.Status.CONFIRMED:
            raise ValidationError(_("The coordinator has already confirmed this year."), code="confirmed")
        for name, value in facts.items():
            setattr(locked, f"fact_{name}" if name in OBLIGATIONS else name, value)
        locked.status, locked.reported_at = YearResult.Status.REPORTED, at
        locked.save()
        audit_record(actor=by, obj=locked, action="year_result_report", to_state=locked.status, rule="§32", at=at)
    clock.clock_meet(obj=locked, kind=clock.COUNTER_OBLIGATIONS, at=at)
    return locked


def s13_missed(*, result: YearResult, indicators: list[ResultIndicator]) -> bool:
    """§13: the year's plan and facts read off the rows, the verdict from monitoring.rules."""
    obligations = [(getattr(result, f"plan_{name}"), getattr(result, f"fact_{name}")) for name in OBLIGATIONS]
    direct = [(i.plan, i.fact) for i in indicators if i.kind == ResultIndicator.Kind.DIRECT]
    return s13_marks(direct_met=direct_results_met(direct), obligations_met=obligations_met(obligations))


def year_result_confirm(*, result: YearResult, by: User, at: datetime) -> YearResult:
    """The coordinator confirms the reported year; a §13 miss marks the entrepreneur."""
    with transaction.atomic():
        locked = YearResult.objects.select_for_update().select_related("application").get(pk=result.pk)
        if locked.status != YearResult.Status.REPORTED:
            raise ValidationError(_("Only a reported year can be confirmed."), code="wrong_state")
        indicators = list(ResultIndicator.objects.filter(application_id=locked.application_id, year=locked.year))
        locked.s13_marked = s13_missed(result=locked, indicators=indicators)
        locked.status, locked.confirmed_at, locked.confirmed_by = YearResult.Status.CONFIRMED, at, by
        locked.save(update_fields=["status", "confirmed_at", "confirmed_by", "s13_marked"])
        audit_record(actor=by, obj=locked, action="year_result_confirm", to_state=locked.status, rule="§13", at=at)
        if locked.s13_marked:
            past_performance_mark(result=locked)
        notify_applicant(application=locked.application, kind="monitoring_result_confirmed", context={"result": locked})
    clock.clock_meet(obj=locked, kind=clock.S13_CONFIRMATION, at=at)
    return locked


def year_evidence(result: YearResult | None) -> str:
    """§13: what the settlement rests on, as data (status and plan/fact per obligation), not words."""
    if result is None or result.status == YearResult.Status.PLANNED:
        return "no_report"
    pairs = ", ".join(
        f"{name} {getattr(result, 'fact_' + name)}/{getattr(result, 'plan_' + name)}" for name in OBLIGATIONS
    )
    return f"{result.status}: {pairs} (fact/plan)"


def year_settle(
    *, project: Application, year: int, met: bool, reason: str, by: User, at: datetime
) -> PastPerformanceMark:
    """§13 (rev. 2): the coordinator settles a funded project's year — from its report, or from its
    absence — and so meets the §13 confirmation the yearly clock opened for it."""
    with transaction.atomic():
        # The project first, then its year, then the mark: two settlements of one project queue here.
        Application.objects.select_for_update().filter(pk=project.pk).first()
        result = YearResult.objects.select_for_update().filter(application=project, year=year).first()
        mark = past_performance_settle(
            project=project, year=year, met=met, reason=reason, evidence=year_evidence(result), by=by, at=at
        )
        if result is not None:
            clock.clock_meet(obj=result, kind=clock.S13_CONFIRMATION, at=at)
    return mark


def past_performance_mark(*, result: YearResult) -> None:
    """§13: write the mark that a new application's eligibility check reads."""
    PastPerformanceMark.objects.get_or_create(
        identifier=result.application.applicant_identifier,
        year=result.year,
        defaults={
            "reason": _("§13: direct results and counter-obligations missed (%(project)s)")
            % {"project": result.application}
        },
    )


def indicator_set(
    *,
    application: Application,
    year: int,
    kind: str,
    name: str,
    unit: str,
    plan: Decimal,
    fact: Decimal | None,
    by: User,
    at: datetime,
) -> ResultIndicator:
    require_official(by, region_id=application.region_id, roles=RESULT_RECORDERS)
    indicator, _created = ResultIndicator.objects.update_or_create(
        application=application, year=year, kind=kind, name=name, defaults={"unit": unit, "plan": plan, "fact": fact}
    )
    audit_record(actor=by, obj=application, action="indicator_set", reason=name, rule="§29", at=at)
    return indicator


def funds_record(
    *,
    application: Application,
    year: int,
    source: str,
    allocated: Decimal,
    disbursed: Decimal,
    unspent_reason: str,
    by: User,
    at: datetime,
) -> FundsUse:
    """§29.3: funds allocated and disbursed; an unspent sum needs its reason (§31.3)."""
    require_official(by, region_id=application.region_id, roles=RESULT_RECORDERS)
    if disbursed > allocated:
        raise ValidationError({"disbursed": _("Disbursed cannot exceed allocated.")}, code="over")
    if disbursed < allocated and not unspent_reason.strip():
        raise ValidationError({"unspent_reason": _("State the reason for the unspent sum.")}, code="reason")
    funds, _created = FundsUse.objects.update_or_create(
        application=application,
        year=year,
        source=source,
        defaults={"allocated": allocated, "disbursed": disbursed, "unspent_reason": unspent_reason.strip()},
    )
    audit_record(actor=by, obj=application, action="funds_record", rule="§29", at=at)
    return funds
