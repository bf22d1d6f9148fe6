"""Results and counter-obligations (§13, §29.2, §32), reported and confirmed; use of funds (§29.3)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.models import Status
from monitoring.models import ResultIndicator, YearResult
from monitoring.services.results import (
    funds_record,
    indicator_set,
    s13_missed,
    year_result_confirm,
    year_result_plan,
)

from .factories import AT, project

pytestmark = pytest.mark.django_db

PLAN = {
    "jobs_permanent": 10,
    "jobs_temporary": 5,
    "tax": Decimal(300),
    "output": Decimal(9000),
    "payroll_growth": Decimal(5),
    "other": Decimal(0),
}
FACTS_MISSED = {"jobs_permanent": "4", "jobs_temporary": "2", "tax": "120", "output": "3000", "payroll_growth": "1"}
FACTS_MET = {"jobs_permanent": "10", "jobs_temporary": "5", "tax": "320", "output": "9100", "payroll_growth": "6"}


def _year(region, entrepreneur, budget_admin, *, direct_fact):
    app = project(region, applicant=entrepreneur, status=Status.IN_MONITORING)
    result = year_result_plan(application=app, year=2027, by=budget_admin, at=AT, **PLAN)
    indicator_set(
        application=app,
        year=2027,
        kind=ResultIndicator.Kind.DIRECT,
        name="Іске қосылған нысандар",
        unit="дана",
        plan=Decimal(1),
        fact=direct_fact,
        by=budget_admin,
        at=AT,
    )
    return result


def _report(client, entrepreneur, result, facts):
    client.force_login(entrepreneur)
    response = client.post(reverse("monitoring:result_report", args=[result.pk]), facts)
    assert response.status_code == 302
    result.refresh_from_db()
    return result


@pytest.mark.rule("§13")
def test_s13_missed_direct_results_and_obligations_marks_the_project(
    client, region, entrepreneur, coordinator, budget_admin
):
    result = _report(
        client, entrepreneur, _year(region, entrepreneur, budget_admin, direct_fact=Decimal(0)), FACTS_MISSED
    )
    assert result.status == YearResult.Status.REPORTED
    client.force_login(coordinator)
    response = client.post(reverse("monitoring:year_confirm", args=[result.application_id, result.pk]))
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.status == YearResult.Status.CONFIRMED and result.s13_marked
    page = client.get(reverse("monitoring:project", args=[result.application_id])).content.decode()
    assert 'data-testid="s13-mark"' in page


@pytest.mark.rule("§13")
def test_s13_no_mark_when_only_one_of_the_two_is_missed(client, region, entrepreneur, coordinator, budget_admin):
    # Obligations missed, direct result reached: §13 needs both to be missed.
    result = _report(
        client, entrepreneur, _year(region, entrepreneur, budget_admin, direct_fact=Decimal(1)), FACTS_MISSED
    )
    assert not year_result_confirm(result=result, by=coordinator, at=AT).s13_marked


@pytest.mark.rule("§13")
def test_s13_rule_truth_table(region, entrepreneur, budget_admin):
    result = _year(region, entrepreneur, budget_admin, direct_fact=None)
    direct_missed = [ResultIndicator(kind="direct", name="x", plan=Decimal(1), fact=Decimal(0))]
    direct_met = [ResultIndicator(kind="direct", name="x", plan=Decimal(1), fact=Decimal(1))]
    for name, value in FACTS_MET.items():
        setattr(result, f"fact_{name}", Decimal(value))
    assert not s13_missed(result=result, indicators=direct_missed)
    result.fact_tax = Decimal(1)
    assert s13_missed(result=result, indicators=direct_missed)
    assert not s13_missed(result=result, indicators=direct_met)


def test_confirm_refuses_get_and_other_regions(client, region, entrepreneur, coordinator_elsewhere, budget_admin):
    result = _year(region, entrepreneur, budget_admin, direct_fact=None)
    client.force_login(coordinator_elsewhere)
    url = reverse("monitoring:year_confirm", args=[result.application_id, result.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 404


def test_other_entrepreneur_cannot_report(client, region, entrepreneur, other_entrepreneur, budget_admin):
    result = _year(region, entrepreneur, budget_admin, direct_fact=None)
    client.force_login(other_entrepreneur)
    assert client.get(reverse("monitoring:result_report", args=[result.pk])).status_code == 404


def test_entrepreneur_cabinet_lists_years_to_report(client, region, entrepreneur, budget_admin):
    result = _year(region, entrepreneur, budget_admin, direct_fact=None)
    client.force_login(entrepreneur)
    page = client.get(reverse("registry:cabinet")).content.decode()
    assert reverse("monitoring:result_report", args=[result.pk]) in page


@pytest.mark.rule("§29")
def test_s29_unspent_sum_needs_reason(region, budget_admin):
    app = project(region, status=Status.FUNDED)
    with pytest.raises(ValidationError):
        funds_record(
            application=app,
            year=2027,
            source="district",
            allocated=Decimal(100),
            disbursed=Decimal(60),
            unspent_reason="",
            by=budget_admin,
            at=AT,
        )
    funds = funds_record(
        application=app,
        year=2027,
        source="district",
        allocated=Decimal(100),
        disbursed=Decimal(60),
        unspent_reason="Мердігер кешіктірді",
        by=budget_admin,
        at=AT,
    )
    assert funds.unspent == Decimal(40)


@pytest.mark.rule("§13")
def test_s13_entrepreneur_is_told_of_the_mark(client, region, entrepreneur, coordinator, budget_admin):
    from registry.models import Notification

    result = _report(
        client, entrepreneur, _year(region, entrepreneur, budget_admin, direct_fact=Decimal(0)), FACTS_MISSED
    )
    year_result_confirm(result=result, by=coordinator, at=AT)
    notification = Notification.objects.get(recipient=entrepreneur, kind="monitoring_result_confirmed")
    assert "13" in notification.body


@pytest.mark.rule("§13")
def test_s13_mark_is_read_by_a_new_applications_eligibility(client, region, entrepreneur, coordinator, budget_admin):
    from datetime import date

    from applications.eligibility import check_past_performance
    from applications.models import (
        ApplicantKind,
        ApplicationDetails,
        Outcome,
        PastPerformanceMark,
    )

    result = _report(
        client, entrepreneur, _year(region, entrepreneur, budget_admin, direct_fact=Decimal(0)), FACTS_MISSED
    )
    year_result_confirm(result=result, by=coordinator, at=AT)
    mark = PastPerformanceMark.objects.get()
    assert (mark.identifier, mark.year) == (result.application.applicant_identifier, 2027)
    new = project(region, applicant=entrepreneur, status=Status.DRAFT)
    details = ApplicationDetails(application=new, kind=ApplicantKind.LEGAL, bin=result.application.applicant_identifier)
    assert check_past_performance(details, date(2028, 2, 1)).outcome == Outcome.FAIL
    assert check_past_performance(details, date(2029, 2, 1)).outcome == Outcome.PASS
