"""Every §17 §26 §27 §30–§32 service refuses the wrong role, a second call and the wrong state, whoever calls it."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.models import AdministratorSubmission, BudgetRequestLine, FinancingPlan
from monitoring.services.budget import (
    RequestLine,
    akimat_resolution_record,
    budget_approval_record,
    budget_commission_decide,
    budget_request_conclude,
    budget_request_return,
    budget_request_submit,
)
from monitoring.services.financing import plan_approve, plan_line_set, plan_publish
from monitoring.services.reports import (
    annual_send_to_akimat,
    annual_submit,
    coordinator_report_send,
    monitoring_report_accept,
    monitoring_report_scan_upload,
    reports_open,
)
from registry.audit import audit_for
from tests.applications.factories import pdf_bytes
from tests.conftest import administrator_of
from tests.factories import UserFactory

from .factories import AT, decide, file_request, programme_of, project

pytestmark = pytest.mark.django_db
LATER = datetime(2027, 3, 20, 10, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def district_staff(region):
    """A district administrator's staff: another organisation of the same region."""
    district = administrator_of(region).__class__.objects.create(
        region=region, level="district", name_kk="Аудан", name_ru="Район"
    )
    return UserFactory(username="district_staff", role="budget_admin", region=region, administrator=district)


def _part(region, budget_admin):
    _s30, s31, _s32 = reports_open(region=region, year=2026, at=AT)
    return s31, AdministratorSubmission.objects.get(annual=s31, administrator=budget_admin.administrator)


@pytest.mark.rule("§31")
def test_s31_annual_submit_once_keeps_the_first_time(region, budget_admin):
    _s31, part = _part(region, budget_admin)
    annual_submit(submission=part, by=budget_admin, at=AT)
    with pytest.raises(ValidationError):
        annual_submit(submission=part, by=budget_admin, at=LATER)
    part.refresh_from_db()
    assert part.submitted_at == AT and part.submitted_by == budget_admin


@pytest.mark.rule("§31")
def test_s31_annual_submit_only_by_the_administrators_own_staff(region, budget_admin, planning, coordinator):
    _s31, part = _part(region, budget_admin)
    district = administrator_of(region).__class__.objects.create(
        region=region, level="district", name_kk="Аудан", name_ru="Район"
    )
    district_staff = UserFactory(username="district", role="budget_admin", region=region, administrator=district)
    for wrong in (planning, coordinator, district_staff):
        with pytest.raises(PermissionDenied):
            annual_submit(submission=part, by=wrong, at=AT)
    part.refresh_from_db()
    assert part.submitted_at is None


@pytest.mark.rule("§31")
def test_s31_send_to_akimat_after_every_part_once_and_only_by_planning(region, budget_admin, planning, coordinator):
    s31, part = _part(region, budget_admin)
    with pytest.raises(ValidationError):  # the administrator's part is missing
        annual_send_to_akimat(report=s31, by=planning, at=AT)
    annual_submit(submission=part, by=budget_admin, at=AT)
    for wrong in (budget_admin, coordinator):
        with pytest.raises(PermissionDenied):
            annual_send_to_akimat(report=s31, by=wrong, at=AT)
    annual_send_to_akimat(report=s31, by=planning, at=AT)
    with pytest.raises(ValidationError):
        annual_send_to_akimat(report=s31, by=planning, at=LATER)
    s31.refresh_from_db()
    assert s31.sent_to_akimat_at == AT


@pytest.mark.rule("§32")
def test_s32_send_once_by_the_regions_coordinator(region, coordinator, coordinator_elsewhere, budget_admin):
    _s30, _s31, s32 = reports_open(region=region, year=2026, at=AT)
    for wrong in (budget_admin, coordinator_elsewhere):
        with pytest.raises(PermissionDenied):
            coordinator_report_send(report=s32, by=wrong, at=AT)
    coordinator_report_send(report=s32, by=coordinator, at=AT)
    with pytest.raises(ValidationError):
        coordinator_report_send(report=s32, by=coordinator, at=LATER)
    s32.refresh_from_db()
    assert s32.sent_at == AT


@pytest.mark.rule("§30")
def test_s30_accepted_by_the_regional_body_or_administrator_once(
    region, regional_body, budget_admin, coordinator, budget_admin_elsewhere
):
    s30, _s31, _s32 = reports_open(region=region, year=2026, at=AT)
    for wrong in (coordinator, budget_admin_elsewhere):
        with pytest.raises(PermissionDenied):
            monitoring_report_accept(report=s30, by=wrong, at=AT)
    monitoring_report_accept(report=s30, by=regional_body, at=AT)
    with pytest.raises(ValidationError):
        monitoring_report_accept(report=s30, by=budget_admin, at=LATER)
    s30.refresh_from_db()
    assert s30.accepted_by == regional_body


@pytest.mark.rule("§30")
def test_s30_scan_only_after_acceptance_once_by_the_coordinator(region, regional_body, coordinator):
    s30, _s31, _s32 = reports_open(region=region, year=2026, at=AT)

    def scan():
        return SimpleUploadedFile("scan.pdf", pdf_bytes("§30"), content_type="application/pdf")

    with pytest.raises(ValidationError):
        monitoring_report_scan_upload(report=s30, scan=scan(), by=coordinator, at=AT)
    monitoring_report_accept(report=s30, by=regional_body, at=AT)
    with pytest.raises(PermissionDenied):
        monitoring_report_scan_upload(report=s30, scan=scan(), by=regional_body, at=AT)
    monitoring_report_scan_upload(report=s30, scan=scan(), by=coordinator, at=AT)
    with pytest.raises(ValidationError):
        monitoring_report_scan_upload(report=s30, scan=scan(), by=coordinator, at=LATER)
    s30.refresh_from_db()
    assert s30.scan_uploaded_at == AT


def _line(app, budget_admin, by, *, month=5, at=AT):
    return plan_line_set(
        administrator=budget_admin.administrator,
        year=2027,
        programme=BudgetRequestLine.objects.get(application=app).request.programme,
        subprogramme_code="",
        specifics_code="431",
        application=app,
        month=month,
        obligations=Decimal(10),
        payments=Decimal(5),
        by=by,
        at=at,
    )


@pytest.mark.rule("§17")
def test_s17_plan_line_set_is_journalled_and_only_the_administrators(
    region, budget_admin, planning, coordinator, district_staff
):
    app = project(region)
    file_request(budget_admin, [app])
    for wrong in (planning, coordinator, district_staff):
        with pytest.raises(PermissionDenied):
            _line(app, budget_admin, wrong)
    assert not FinancingPlan.objects.exists()
    _line(app, budget_admin, budget_admin)
    _line(app, budget_admin, budget_admin, at=LATER)  # the same month again: changed, journalled again
    plan = FinancingPlan.objects.get()
    events = list(audit_for(plan).filter(action="plan_line_set"))
    assert len(events) == 2 and events[0].actor == budget_admin and events[0].rule == "§17"


@pytest.mark.rule("§17")
def test_s17_plan_approve_and_publish_refuse_other_roles_replays_and_the_wrong_state(
    region, budget_admin, planning, district_staff
):
    app = project(region)
    decide(file_request(budget_admin, [app]), planning)
    _line(app, budget_admin, budget_admin)
    plan = FinancingPlan.objects.get()
    for wrong in (planning, district_staff):
        with pytest.raises(PermissionDenied):
            plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=wrong, at=AT)
    with pytest.raises(ValidationError):  # not approved yet
        plan_publish(plan=plan, by=budget_admin, at=AT)
    plan_approve(plan=plan, approved_on=date(2027, 3, 1), by=budget_admin, at=AT)
    with pytest.raises(ValidationError):
        plan_approve(plan=plan, approved_on=date(2027, 3, 2), by=budget_admin, at=AT)
    with pytest.raises(ValidationError):  # an approved plan is not changed
        _line(app, budget_admin, budget_admin, month=6)
    for wrong in (planning, district_staff):
        with pytest.raises(PermissionDenied):
            plan_publish(plan=plan, by=wrong, at=AT)
    plan_publish(plan=plan, by=budget_admin, at=AT)
    with pytest.raises(ValidationError):
        plan_publish(plan=plan, by=budget_admin, at=LATER)
    plan.refresh_from_db()
    assert (plan.approved_on, plan.published_at) == (date(2027, 3, 1), AT)
    assert [e.action for e in audit_for(plan).filter(action__in=["plan_approve", "plan_publish"])] == [
        "plan_approve",
        "plan_publish",
    ]


@pytest.mark.rule("§26")
def test_s26_request_filed_by_its_administrators_staff_reviewed_by_planning_once(
    region, budget_admin, planning, coordinator, district_staff, regional_body
):
    app = project(region)
    programme = programme_of(budget_admin.administrator, "028")
    lines = [RequestLine(app, Decimal(10))]
    for wrong in (planning, coordinator, district_staff, regional_body):
        with pytest.raises(PermissionDenied):
            budget_request_submit(programme=programme, year=2027, lines=lines, by=wrong, at=AT)
    request = budget_request_submit(programme=programme, year=2027, lines=lines, by=budget_admin, at=AT)
    with pytest.raises(ValidationError):  # already under review: not replayed, the time stays
        budget_request_submit(programme=programme, year=2027, lines=lines, by=budget_admin, at=LATER)
    request.refresh_from_db()
    assert request.submitted_at == AT
    for wrong in (budget_admin, coordinator, regional_body):
        with pytest.raises(PermissionDenied):
            budget_request_return(request=request, reason="Бюджет заңнамасына сәйкес емес", by=wrong, at=AT)
        with pytest.raises(PermissionDenied):
            budget_request_conclude(request=request, conclusion="Сәйкес", by=wrong, at=AT)
    with pytest.raises(ValidationError):  # no conclusion yet
        budget_commission_decide(
            request=request,
            commission_date=date(2027, 3, 2),
            commission_number="1",
            approved={app.pk: Decimal(10)},
            by=planning,
            at=AT,
        )
    budget_request_return(request=request, reason="Бюджет заңнамасына сәйкес емес", by=planning, at=AT)
    with pytest.raises(ValidationError):  # a returned request is not under review
        budget_request_return(request=request, reason="Тағы", by=planning, at=LATER)
    with pytest.raises(ValidationError):
        budget_request_conclude(request=request, conclusion="Сәйкес", by=planning, at=AT)
    request.refresh_from_db()
    assert request.return_reason == "Бюджет заңнамасына сәйкес емес"
    assert [e.action for e in audit_for(request)] == ["budget_request_submit", "budget_request_return"]


@pytest.mark.rule("§26")
def test_s26_commission_decision_once_by_the_regions_planning_body(
    region, budget_admin, planning, coordinator, other_region
):
    app = project(region)
    request = budget_request_conclude(
        request=file_request(budget_admin, [app]), conclusion="Сәйкес", by=planning, at=AT
    )
    planning_elsewhere = UserFactory(username="planning_other", role="planning", region=other_region)

    def call(by, at=AT):
        return budget_commission_decide(
            request=request,
            commission_date=date(2027, 3, 2),
            commission_number="БК-1",
            approved={app.pk: Decimal(10)},
            by=by,
            at=at,
        )

    for wrong in (budget_admin, coordinator, planning_elsewhere):
        with pytest.raises(PermissionDenied):
            call(wrong)
    call(planning)
    with pytest.raises(ValidationError):
        call(planning, LATER)
    request.refresh_from_db()
    assert request.decided_at == AT
    assert audit_for(request).filter(action="budget_commission_decide", rule="§26").count() == 1


@pytest.mark.rule("§27")
def test_s27_budget_approval_and_resolution_recorded_once_by_the_budgets_administrator(
    region, budget_admin, planning, district_staff
):
    app = project(region)
    request = file_request(budget_admin, [app])
    with pytest.raises(ValidationError):  # the commission has not decided
        budget_approval_record(
            administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 2, 20), by=budget_admin, at=AT
        )
    decide(request, planning)
    for wrong in (planning, district_staff):
        with pytest.raises(PermissionDenied):
            budget_approval_record(
                administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 2, 20), by=wrong, at=AT
            )
    act = budget_approval_record(
        administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 2, 20), by=budget_admin, at=AT
    )
    assert act.due_on == date(2027, 3, 6)  # 14 calendar days
    with pytest.raises(ValidationError):
        budget_approval_record(
            administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 2, 21), by=budget_admin, at=AT
        )
    for wrong in (planning, district_staff):
        with pytest.raises(PermissionDenied):
            akimat_resolution_record(resolution=act, adopted_on=date(2027, 3, 1), number="12", by=wrong, at=AT)
    akimat_resolution_record(resolution=act, adopted_on=date(2027, 3, 1), number="12", by=budget_admin, at=AT)
    with pytest.raises(ValidationError):
        akimat_resolution_record(resolution=act, adopted_on=date(2027, 3, 2), number="13", by=budget_admin, at=LATER)
    act.refresh_from_db()
    assert (act.number, act.adopted_on) == ("12", date(2027, 3, 1))
    assert [e.action for e in audit_for(act)] == ["budget_approval_record", "akimat_resolution_record"]


@pytest.mark.rule("§27")
@pytest.mark.parametrize(("adopted", "late", "on_time"), [(date(2027, 1, 3), 0, True), (date(2027, 1, 4), 1, False)])
def test_s27_the_acts_own_date_decides_on_time_entered_later_or_not(
    region, budget_admin, planning, adopted, late, on_time, client
):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from registry.models import Deadline

    app = project(region)
    decide(file_request(budget_admin, [app]), planning)
    act = budget_approval_record(
        administrator=budget_admin.administrator, year=2027, approved_on=date(2026, 12, 20), by=budget_admin, at=AT
    )
    # Entered on the portal weeks later (AT is 2 March 2027): the act's date decides, not the entry's.
    akimat_resolution_record(resolution=act, adopted_on=adopted, number="12", by=budget_admin, at=AT)
    act.refresh_from_db()
    assert act.days_late == late
    deadline = Deadline.objects.get(content_type=ContentType.objects.get_for_model(act), object_id=str(act.pk))
    assert deadline.met_on_time is on_time
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:project", args=[app.pk])).content.decode()
    assert ('data-testid="resolution-late"' in page) is (late > 0)
    page = client.get(reverse("monitoring:budget")).content.decode()
    assert ('data-testid="resolution-late"' in page) is (late > 0)
