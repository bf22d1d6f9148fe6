"""The yearly clock (§13, §30–§32): opened by the beat task on 1 January, never by a page visit."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse

from applications.models import Status
from monitoring.models import (
    AdministratorSubmission,
    AnnualMonitoring,
    CoordinatorReport,
    MonitoringReport,
    SupportTerm,
    YearResult,
)
from monitoring.services.reports import monitoring_report_accept, reports_open
from monitoring.tasks import yearly_clock
from registry.calendar import add_working_days
from registry.models import BudgetAdministrator, Deadline, Region
from tests.concurrency import run_in_threads

from .factories import AT, project

ALMATY = ZoneInfo("Asia/Almaty")


def _supported(region, *, starts=date(2026, 3, 1), ended=None, status=Status.IN_MONITORING):
    app = project(region, status=status)
    SupportTerm.objects.create(
        application=app, starts_on=starts, ends_on=date(2029, 3, 1), current_end=date(2029, 3, 1), ended_on=ended
    )
    return app


def _deadline(obj, kind):
    return Deadline.objects.get(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), kind=kind)


def _counts():
    return (
        MonitoringReport.objects.count(),
        AnnualMonitoring.objects.count(),
        CoordinatorReport.objects.count(),
        AdministratorSubmission.objects.count(),
        YearResult.objects.count(),
        Deadline.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.rule("§31")
def test_s31_s32_s13_deadlines_exist_on_2_january_for_a_region_nobody_visited(
    region, other_region, budget_admin, coordinator, planning
):
    district = BudgetAdministrator.objects.create(region=region, level="district", name_kk="Аудан", name_ru="Район")
    in_monitoring = _supported(region)
    _supported(region, starts=date(2027, 1, 1))  # supported from 2027: owes nothing for 2026
    _supported(region, ended=date(2025, 12, 31), status=Status.COMPLETED)  # ended before 2026
    ended_in_year = _supported(region, ended=date(2026, 6, 30), status=Status.COMPLETED)
    assert yearly_clock.apply(kwargs={"day": "2027-01-02"}).get() == Region.objects.count()

    s31 = AnnualMonitoring.objects.get(region=region, year=2026)
    assert _deadline(s31, Deadline.Kind.MONITORING_PLANNING).due_on == date(2027, 4, 10)
    parts = {p.administrator_id: p for p in s31.submissions.all()}
    assert set(parts) == {budget_admin.administrator_id, district.pk}
    admin_deadline = _deadline(parts[budget_admin.administrator_id], Deadline.Kind.MONITORING_ADMIN)
    assert admin_deadline.due_on == date(2027, 3, 31)  # §31 rev. 2: before 1 April
    assert list(admin_deadline.responsible.all()) == [budget_admin]
    s32 = CoordinatorReport.objects.get(region=region, year=2026)
    assert _deadline(s32, Deadline.Kind.COORDINATOR_REPORT).due_on == date(2027, 2, 10)
    assert MonitoringReport.objects.filter(region=region, year=2026).exists()
    # The other region, which has no administrator yet, has its reports too.
    assert CoordinatorReport.objects.filter(region=other_region, year=2026).exists()
    # §32, §13: each project supported during 2026 owes its report; the coordinator confirms it.
    results = YearResult.objects.filter(year=2026)
    assert {r.application_id for r in results} == {in_monitoring.pk, ended_in_year.pk}
    result = results.get(application=in_monitoring)
    report_deadline = _deadline(result, Deadline.Kind.COUNTER_OBLIGATIONS)
    assert list(report_deadline.responsible.all()) == [in_monitoring.applicant]
    assert list(_deadline(result, Deadline.Kind.S13_CONFIRMATION).responsible.all()) == [coordinator]


@pytest.mark.django_db
@pytest.mark.rule("§31")
def test_s31_clock_opens_nothing_before_the_first_reporting_year_ends(region, budget_admin):
    _supported(region)
    assert yearly_clock.apply(kwargs={"day": "2026-12-31"}).get() == 0
    assert _counts() == (0, 0, 0, 0, 0, 0)
    yearly_clock.apply(kwargs={"day": "2027-01-01"}).get()
    assert AnnualMonitoring.objects.filter(year=2026).count() == Region.objects.count()


@pytest.mark.django_db
@pytest.mark.rule("§32")
def test_s32_opening_twice_keeps_one_row_of_each(region, budget_admin, coordinator):
    _supported(region)
    yearly_clock.apply(kwargs={"day": "2027-01-02"}).get()
    first = _counts()
    yearly_clock.apply(kwargs={"day": "2027-01-02"}).get()
    assert _counts() == first and first[4] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("§32")
def test_s32_opening_concurrently_keeps_one_row_of_each(region, budget_admin, coordinator):
    _supported(region)
    barrier, errors = threading.Barrier(4), []

    def run():
        try:
            barrier.wait()
            yearly_clock.apply(kwargs={"day": "2027-01-02"}).get()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    run_in_threads(run, [()] * 4)
    assert errors == []
    regions = Region.objects.count()
    assert _counts()[:5] == (regions, regions, regions, 1, 1)
    kinds = Deadline.objects.values_list("kind", flat=True)
    assert sorted(kinds) == sorted(
        [Deadline.Kind.MONITORING_PLANNING, Deadline.Kind.COORDINATOR_REPORT] * regions
        + [Deadline.Kind.MONITORING_ADMIN, Deadline.Kind.COUNTER_OBLIGATIONS, Deadline.Kind.S13_CONFIRMATION]
    )


@pytest.mark.django_db
@pytest.mark.rule("§31")
def test_s31_task_takes_the_local_date_not_the_utc_date(region, budget_admin, monkeypatch):
    # 00:30 on 1 January 2027 in Almaty is still 31 December 2026 in UTC.
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 1, 1, 0, 30, tzinfo=ALMATY))
    yearly_clock.apply().get()
    assert AnnualMonitoring.objects.filter(region=region, year=2026).exists()


@pytest.mark.django_db
def test_reports_page_creates_nothing_before_the_clock_opens(client, region, budget_admin):
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:reports", args=[2026])).content.decode()
    assert 'data-testid="reports-not-opened"' in page and "31.03.2027" in page
    assert _counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
@pytest.mark.rule("§30")
def test_s30_acceptance_at_1am_almaty_is_dated_that_day(region, regional_body):
    s30, _s31, _s32 = reports_open(region=region, year=2026, at=AT)
    at = datetime(2027, 3, 5, 1, 0, tzinfo=ALMATY)  # the UTC date is 4 March
    monitoring_report_accept(report=s30, by=regional_body, at=at)
    s30.refresh_from_db()
    assert s30.scan_due == add_working_days(date(2027, 3, 5), 2)
    assert s30.scan_due != add_working_days(date(2027, 3, 4), 2)
    assert _deadline(s30, Deadline.Kind.SCAN_UPLOAD).due_on == s30.scan_due


@pytest.mark.django_db
@pytest.mark.rule("§30")
def test_s30_regional_body_accepts_on_its_page_and_sees_the_projects(client, region, regional_body, coordinator):
    app = _supported(region)
    reports_open(region=region, year=2026, at=AT)
    client.force_login(regional_body)
    assert app.project_name in client.get(reverse("monitoring:projects")).content.decode()
    page = client.get(reverse("monitoring:reports", args=[2026])).content.decode()
    s30 = MonitoringReport.objects.get(region=region, year=2026)
    accept = reverse("monitoring:s30_accept", args=[s30.pk])
    assert f'action="{accept}"' in page
    assert client.post(accept).status_code == 302
    s30.refresh_from_db()
    assert s30.accepted_by == regional_body and s30.scan_due
    client.force_login(coordinator)  # the coordinator does not accept: it uploads the scan
    assert client.post(accept).status_code == 403


@pytest.mark.django_db
@pytest.mark.rule("§32")
def test_s32_entrepreneur_is_reminded_of_the_counter_obligation_report_and_reporting_meets_it(region, coordinator):
    from registry.deadlines import deadline_tick
    from registry.models import Notification

    app = _supported(region)
    yearly_clock.apply(kwargs={"day": "2027-01-02"}).get()
    result = YearResult.objects.get(application=app, year=2026)
    deadline_tick(today=date(2027, 2, 9))  # the working day before 10 February
    reminders = Notification.objects.filter(recipient=app.applicant, kind="deadline_reminder")
    assert reminders.count() == 1
    assert reminders.get().url.endswith(reverse("monitoring:result_report", args=[result.pk]).split("/", 2)[2])
    from monitoring.services.results import year_result_report

    year_result_report(result=result, by=app.applicant, at=datetime(2027, 2, 9, 15, tzinfo=ALMATY), jobs_permanent=3)
    deadline = _deadline(result, Deadline.Kind.COUNTER_OBLIGATIONS)
    assert deadline.met_on_time is True
    assert _deadline(result, Deadline.Kind.S13_CONFIRMATION).met_at is None  # the coordinator still confirms


@pytest.mark.django_db
@pytest.mark.rule("§32")
def test_s32_a_year_reported_before_the_clock_opens_no_report_deadline(region, coordinator):
    app = _supported(region)
    result = YearResult.objects.create(application=app, year=2026, status=YearResult.Status.REPORTED)
    yearly_clock.apply(kwargs={"day": "2027-01-02"}).get()
    kinds = set(
        Deadline.objects.filter(
            object_id=str(result.pk), content_type=ContentType.objects.get_for_model(result)
        ).values_list("kind", flat=True)
    )
    assert kinds == {Deadline.Kind.S13_CONFIRMATION}
