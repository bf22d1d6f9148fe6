"""Individual financing plan (§17) and support term (§7)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from monitoring.models import FinancingPlan
from monitoring.services.financing import plan_approve, plan_line_set, plan_publish
from monitoring.services.term import months_remaining, term_end, term_extend, term_start
from registry.calendar import add_working_days

from .factories import AT, decide, file_request, plan_month, programme_of, project

pytestmark = pytest.mark.django_db


def funded_plan(region, budget_admin, planning, *, projects=None):
    """A decided request of the administrator for 2027 and a draft plan with one month for each project."""
    apps = projects or [project(region)]
    decide(file_request(budget_admin, apps, amount=Decimal(5000)), planning)
    for app in apps:
        plan_month(app, budget_admin, year=2027, month=5, obligations=2500, payments="1200.50")
    plan = FinancingPlan.objects.get(administrator=budget_admin.administrator, year=2027)
    plan.application = apps[0]  # the tests' one project
    return plan


@pytest.mark.rule("§17")
def test_s17_the_plan_is_the_administrators_for_a_year_by_classification_with_its_projects(
    region, budget_admin, planning
):
    first, second = project(region), project(region)
    decide(file_request(budget_admin, [first, second], code="028"), planning)
    programme = programme_of(budget_admin.administrator, "028")
    for app, month, specifics, payments in ((first, 4, "431", 100), (first, 5, "431", 50), (second, 4, "414", 70)):
        plan_line_set(
            administrator=budget_admin.administrator,
            year=2027,
            programme=programme,
            subprogramme_code="015",
            specifics_code=specifics,
            application=app,
            month=month,
            obligations=Decimal(payments * 2),
            payments=Decimal(payments),
            by=budget_admin,
            at=AT,
        )
    plan = FinancingPlan.objects.get()
    assert (plan.administrator, plan.year) == (budget_admin.administrator, 2027)
    assert set(plan.projects.all()) == {first, second} and plan.lines.count() == 3
    # Setting a month again changes it, it does not add a line.
    plan_line_set(
        administrator=budget_admin.administrator,
        year=2027,
        programme=programme,
        subprogramme_code="015",
        specifics_code="431",
        application=first,
        month=5,
        obligations=Decimal(60),
        payments=Decimal(60),
        by=budget_admin,
        at=AT,
    )
    assert plan.lines.count() == 3
    assert {row["application"]: row["payments"] for row in plan_sums_by_project(plan)} == {
        first.pk: Decimal(160),
        second.pk: Decimal(70),
    }


def plan_sums_by_project(plan):
    from django.db.models import Sum

    return plan.lines.values("application").annotate(payments=Sum("payments")).order_by()


@pytest.mark.rule("§17")
def test_s17_a_project_outside_the_administrators_request_of_the_year_is_refused(region, budget_admin):
    app = project(region)
    file_request(budget_admin, [app], year=2028)
    with pytest.raises(ValidationError):
        plan_line_set(
            administrator=budget_admin.administrator,
            year=2027,
            programme=programme_of(budget_admin.administrator),
            subprogramme_code="",
            specifics_code="",
            application=app,
            month=5,
            obligations=Decimal(1),
            payments=Decimal(1),
            by=budget_admin,
            at=AT,
        )
    assert not FinancingPlan.objects.exists()


@pytest.mark.rule("§17")
def test_s17_approval_funds_the_projects_and_sets_publication_due(region, budget_admin, planning):
    apps = [project(region), project(region)]
    plan = funded_plan(region, budget_admin, planning, projects=apps)
    at = datetime(2027, 3, 20, 12, tzinfo=ZoneInfo("Asia/Almaty"))
    # Approved on Friday 19 March 2027, before Nauryz (21–25 March are days off, 20–21 a weekend).
    approved = plan_approve(plan=plan, approved_on=date(2027, 3, 19), by=budget_admin, at=at)
    assert approved.publish_due == add_working_days(date(2027, 3, 19), 3)
    for app in apps:
        app.refresh_from_db()
        assert app.status == Status.FUNDED


@pytest.mark.rule("§17")
def test_s17_plan_needs_the_commissions_decision_on_every_project(region, budget_admin, planning):
    app = project(region)
    plan_month(app, budget_admin, year=2027, month=5, obligations=1, payments=1)
    plan = FinancingPlan.objects.get()
    with pytest.raises(ValidationError):
        plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
    plan.refresh_from_db()
    assert plan.status == FinancingPlan.Status.DRAFT


@pytest.mark.rule("§17")
def test_s17_published_plan_is_public_without_login_whole_with_its_projects(client, region, budget_admin, planning):
    apps = [project(region), project(region)]
    plan = funded_plan(region, budget_admin, planning, projects=apps)
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
    client.force_login(budget_admin)
    assert client.get(reverse("monitoring:plan_publish", args=[plan.pk])).status_code == 405
    assert client.post(reverse("monitoring:plan_publish", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == FinancingPlan.Status.PUBLISHED
    assert timezone.localdate(plan.published_at) <= plan.publish_due
    client.logout()
    page = client.get(reverse("monitoring:public_plans")).content.decode()
    assert all(app.project_name in page for app in apps)
    assert "1\xa0200,50" in page  # thousands separated by a space (issue 14)
    assert ">мамыр</th>" in page  # the plan's months by name, in the reader's language
    assert region.name_kk in page or region.name_ru in page
    assert budget_admin.administrator.name_kk in page or budget_admin.administrator.name_ru in page


def test_unpublished_plan_stays_off_the_public_page(client, region, budget_admin, planning):
    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
    assert plan.application.project_name not in client.get(reverse("monitoring:public_plans")).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_public_page_query_count_is_constant(
    client, region, budget_admin, planning, django_assert_max_num_queries, rows
):
    plan = funded_plan(region, budget_admin, planning, projects=[project(region) for _ in range(rows)])
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
    plan_publish(plan=plan, by=budget_admin, at=AT)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("monitoring:public_plans")).status_code == 200


@pytest.mark.rule("§17")
def test_s17_the_plan_page_adds_months_and_approves(client, region, budget_admin, planning):
    app = project(region)
    decide(file_request(budget_admin, [app], code="028"), planning)
    programme = programme_of(budget_admin.administrator, "028")
    client.force_login(budget_admin)
    line = {
        "year": 2027,
        "programme": programme.pk,
        "subprogramme_code": "015",
        "specifics_code": "431",
        "application": app.pk,
        "month": 4,
        "obligations": "100",
        "payments": "90",
    }
    bad = client.post(reverse("monitoring:plan_line"), {**line, "month": 13})
    assert bad.status_code == 400 and not FinancingPlan.objects.exists()
    response = client.post(reverse("monitoring:plan_line"), line)
    plan = FinancingPlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:plan", args=[plan.pk])
    page = client.get(response.url).content.decode()
    assert 'data-testid="plan-lines"' in page and "431" in page
    response = client.post(
        reverse("monitoring:plan_approve", args=[plan.pk]), {"approved_on": str(timezone.localdate())}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == FinancingPlan.Status.APPROVED


def _in_monitoring(region, budget_admin, planning, starts="2027-05-01", ends="2030-05-01"):
    plan = funded_plan(region, budget_admin, planning)
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
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
    at = datetime(2027, 4, 1, 12, tzinfo=ZoneInfo("Asia/Almaty"))
    plan_approve(plan=plan, approved_on=date(2027, 4, 1), by=budget_admin, at=at)
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
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
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
