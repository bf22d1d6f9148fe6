"""Individual financing plan (§17) and support term (§7)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.models import Status
from monitoring.models import FinancingPlan
from monitoring.services.budget import budget_request_accept, budget_request_submit
from monitoring.services.financing import plan_approve, plan_line_set, plan_publish
from monitoring.services.term import months_remaining, term_end, term_extend, term_start

from .factories import AT, project

pytestmark = pytest.mark.django_db


def funded_plan(region, budget_admin, planning):
    app = project(region)
    request = budget_request_submit(
        application=app,
        amount=Decimal(5000),
        programme_code="044",
        subprogramme_code="015",
        year=2027,
        by=budget_admin,
        at=AT,
    )
    budget_request_accept(
        request=request,
        commission_date=date(2027, 3, 5),
        commission_number="БК-1",
        approved_amount=Decimal(5000),
        by=planning,
        at=AT,
    )
    plan_line_set(
        application=app,
        year=2027,
        month=5,
        obligations=Decimal(2500),
        payments=Decimal("1200.50"),
        by=budget_admin,
        at=AT,
    )
    return FinancingPlan.objects.get(application=app)


@pytest.mark.rule("§17")
def test_s17_approval_funds_project_and_sets_publication_due(region, budget_admin, planning):
    plan = funded_plan(region, budget_admin, planning)
    # Approved on Friday 20 March 2026, before Nauryz (21–25 March are days off): due 30 March.
    approved = plan_approve(plan=plan, approved_on=date(2026, 3, 20), by=budget_admin, at=AT)
    assert approved.publish_due == date(2026, 3, 30)
    plan.application.refresh_from_db()
    assert plan.application.status == Status.FUNDED


@pytest.mark.rule("§17")
def test_s17_plan_needs_accepted_budget_request(region, budget_admin):
    app = project(region)
    plan_line_set(
        application=app, year=2027, month=5, obligations=Decimal(1), payments=Decimal(1), by=budget_admin, at=AT
    )
    with pytest.raises(ValidationError):
        plan_approve(plan=app.financing_plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)


@pytest.mark.rule("§17")
def test_s17_published_plan_is_public_without_login(client, region, budget_admin, planning):
    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
    client.force_login(budget_admin)
    assert client.get(reverse("monitoring:plan_publish", args=[plan.application_id])).status_code == 405
    assert client.post(reverse("monitoring:plan_publish", args=[plan.application_id])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == FinancingPlan.Status.PUBLISHED
    assert plan.published_at.date() <= plan.publish_due
    client.logout()
    page = client.get(reverse("monitoring:public_plans")).content.decode()
    assert plan.application.project_name in page
    assert "1\xa0200,50" in page  # thousands separated by a space (issue 14)
    assert "<td>мамыр</td>" in page  # the plan's month by name, in the reader's language
    assert region.name_kk in page or region.name_ru in page


def test_unpublished_plan_stays_off_the_public_page(client, region, budget_admin, planning):
    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
    assert plan.application.project_name not in client.get(reverse("monitoring:public_plans")).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_public_page_query_count_is_constant(
    client, region, budget_admin, planning, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        plan = funded_plan(region, budget_admin, planning)
        plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
        plan_publish(plan=plan, by=budget_admin, at=AT)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("monitoring:public_plans")).status_code == 200


def _in_monitoring(region, budget_admin, planning, starts="2027-05-01", ends="2030-05-01"):
    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
    return term_start(
        application=plan.application,
        starts_on=date.fromisoformat(starts),
        ends_on=date.fromisoformat(ends),
        by=budget_admin,
        at=AT,
    )


@pytest.mark.rule("§7")
def test_s7_term_of_exactly_36_months_is_allowed(region, budget_admin, planning):
    term = _in_monitoring(region, budget_admin, planning)
    assert term.application.status == Status.IN_MONITORING
    assert months_remaining(term=term, today=date(2029, 5, 1)) == (12, 0)


@pytest.mark.rule("§7")
def test_s7_term_beyond_36_months_is_refused(region, budget_admin, planning):
    with pytest.raises(ValidationError) as error:
        _in_monitoring(region, budget_admin, planning, ends="2030-05-02")
    assert "ends_on" in error.value.error_dict


@pytest.mark.rule("§7")
def test_s7_extension_by_agreement_moves_the_end(region, budget_admin, planning):
    term = _in_monitoring(region, budget_admin, planning)
    term_extend(
        term=term,
        new_end=date(2031, 5, 1),
        agreement="Келісім № 5, 2030-03-01",
        reason="Құрылыс кешігуі",
        by=budget_admin,
        at=AT,
    )
    term.refresh_from_db()
    assert term.current_end == date(2031, 5, 1)
    assert term.extensions.get().agreement.startswith("Келісім")
    with pytest.raises(ValidationError):
        term_extend(term=term, new_end=date(2031, 5, 1), agreement="x", reason="y", by=budget_admin, at=AT)


@pytest.mark.rule("§7")
def test_s7_extension_needs_agreement_and_reason(client, region, budget_admin, planning):
    term = _in_monitoring(region, budget_admin, planning)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:term_extend", args=[term.application_id]),
        {"new_end": "2031-01-01", "agreement": "", "reason": ""},
    )
    assert response.status_code == 400
    term.refresh_from_db()
    assert term.current_end == date(2030, 5, 1)


@pytest.mark.rule("§7")
def test_s7_ending_the_term_completes_the_project(client, region, budget_admin, planning):
    term = _in_monitoring(region, budget_admin, planning)
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:project", args=[term.application_id])).content.decode()
    assert 'data-testid="remaining"' in page
    term_end(term=term, ended_on=date(2030, 5, 1), by=budget_admin, at=datetime(2030, 5, 1, tzinfo=ZoneInfo("UTC")))
    term.application.refresh_from_db()
    assert term.application.status == Status.COMPLETED


@pytest.mark.rule("§17")
def test_s17_deadline_on_the_clock_met_by_publication(region, budget_admin, planning):
    from registry.deadlines import deadlines_for

    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
    plan.refresh_from_db()
    deadline = deadlines_for(plan).get()
    assert deadline.due_on == plan.publish_due == date(2027, 4, 6)
    assert deadline.kind == "financing_plan" and list(deadline.responsible.all()) == [budget_admin]
    plan_publish(plan=plan, by=budget_admin, at=datetime(2027, 4, 2, 9, tzinfo=ZoneInfo("Asia/Almaty")))
    deadline.refresh_from_db()
    assert deadline.met_on_time is True


@pytest.mark.rule("§32")
def test_term_start_plans_three_years_from_the_applications_forecast(region, budget_admin, planning):
    from applications.models import ApplicationDetails
    from monitoring.models import YearResult

    plan = funded_plan(region, budget_admin, planning)
    ApplicationDetails.objects.create(
        application=plan.application,
        jobs_1=4,
        jobs_2=6,
        jobs_3=8,
        tax_1=Decimal(100),
        tax_2=Decimal(200),
        output_1=Decimal(900),
    )
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=AT)
    term_start(
        application=plan.application, starts_on=date(2027, 5, 1), ends_on=date(2030, 5, 1), by=budget_admin, at=AT
    )
    years = {r.year: r for r in YearResult.objects.filter(application=plan.application)}
    assert sorted(years) == [2027, 2028, 2029]
    assert (years[2027].plan_jobs_permanent, years[2028].plan_tax, years[2029].plan_output) == (
        4,
        Decimal(200),
        Decimal(0),
    )
