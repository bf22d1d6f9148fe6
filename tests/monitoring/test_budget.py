"""Administrators' budget requests (§26), the akimat's resolution on the budget (§27), the inbox (§25)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from applications.models import Status
from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution
from monitoring.services.budget import (
    RequestLine,
    akimat_resolution_record,
    budget_approval_record,
    budget_commission_decide,
    budget_request_conclude,
    budget_request_return,
    budget_request_submit,
)
from registry.models import BudgetAdministrator, Notification
from tests.factories import UserFactory

from .factories import AT, decide, file_request, programme_of, project

pytestmark = pytest.mark.django_db
LATER = datetime(2027, 12, 30, 10, tzinfo=ZoneInfo("Asia/Almaty"))


def _district(region):
    administrator = BudgetAdministrator.objects.create(
        region=region,
        level="district",
        name_kk="Сайрам ауданының кәсіпкерлік бөлімі",
        name_ru="Отдел Сайрамского района",
    )
    user = UserFactory(username="district_admin", role="budget_admin", region=region, administrator=administrator)
    return administrator, user


@pytest.mark.rule("§26")
def test_s26_one_request_per_programme_and_year_covers_several_projects(region, budget_admin):
    first, second = project(region), project(region)
    programme = programme_of(budget_admin.administrator, "028")
    request = budget_request_submit(
        programme=programme,
        year=2027,
        lines=[RequestLine(first, Decimal(3000), "015"), RequestLine(second, Decimal("2000.50"))],
        by=budget_admin,
        at=AT,
    )
    assert request.administrator == budget_admin.administrator and request.status == BudgetRequest.Status.SUBMITTED
    assert request.amount == Decimal("5000.50")
    assert {(line.application, line.amount) for line in request.lines.all()} == {
        (first, Decimal(3000)),
        (second, Decimal("2000.50")),
    }


@pytest.mark.rule("§26")
def test_s26_returned_unreviewed_with_reasons_then_corrected_and_filed_again(region, budget_admin, planning):
    first, second = project(region), project(region)
    request = file_request(budget_admin, [first, second], code="028")
    returned = budget_request_return(request=request, reason="Сметасы жоқ", by=planning, at=AT)
    assert (returned.status, returned.return_reason) == (BudgetRequest.Status.RETURNED, "Сметасы жоқ")
    told = Notification.objects.get(recipient=budget_admin, kind="monitoring_budget_returned")
    assert "Сметасы жоқ" in told.body and "028" in told.subject
    # Corrected: the second project's amount changes; the same request is filed again.
    again = budget_request_submit(
        programme=request.programme,
        year=2027,
        lines=[RequestLine(first, Decimal(1000)), RequestLine(second, Decimal(900))],
        by=budget_admin,
        at=LATER,
    )
    assert again.pk == request.pk and again.status == BudgetRequest.Status.SUBMITTED and again.return_reason == ""
    assert again.amount == Decimal(1900) and BudgetRequestLine.objects.count() == 2


@pytest.mark.rule("§26")
def test_s26_return_and_conclusion_need_their_text(region, budget_admin, planning):
    request = file_request(budget_admin, [project(region)])
    with pytest.raises(ValidationError):
        budget_request_return(request=request, reason="  ", by=planning, at=AT)
    with pytest.raises(ValidationError):
        budget_request_conclude(request=request, conclusion="", by=planning, at=AT)
    request.refresh_from_db()
    assert request.status == BudgetRequest.Status.SUBMITTED


@pytest.mark.rule("§26")
def test_s26_conclusion_then_the_commissions_decision_with_each_projects_amount(
    region, budget_admin, planning, regional_body, coordinator
):
    first, second = project(region), project(region)
    request = file_request(budget_admin, [first, second], amount=Decimal(5000))
    concluded = budget_request_conclude(request=request, conclusion="Сәйкес", by=planning, at=AT)
    assert concluded.status == BudgetRequest.Status.CONCLUDED
    with pytest.raises(ValidationError):  # every project needs its approved amount
        budget_commission_decide(
            request=concluded,
            commission_date=date(2027, 3, 2),
            commission_number="БК-12",
            approved={first.pk: Decimal(4800)},
            by=planning,
            at=AT,
        )
    decided = budget_commission_decide(
        request=concluded,
        commission_date=date(2027, 3, 2),
        commission_number="БК-12",
        approved={first.pk: Decimal(4800), second.pk: Decimal(0)},
        by=planning,
        at=AT,
    )
    assert decided.status == BudgetRequest.Status.DECIDED and decided.approved_amount == Decimal(4800)
    # §26(3): the administrator's staff and the regional authorized body are told; nobody else.
    told = set(Notification.objects.filter(kind="monitoring_budget_decided").values_list("recipient", flat=True))
    assert told == {budget_admin.pk, regional_body.pk}


@pytest.mark.rule("§26")
@pytest.mark.parametrize(
    ("decided_on", "accepted"), [(date(2027, 3, 1), False), (date(2027, 3, 2), True), (date(2027, 3, 3), False)]
)
def test_s26_decision_date_between_the_conclusion_and_today(region, budget_admin, planning, decided_on, accepted):
    app = project(region)
    request = budget_request_conclude(
        request=file_request(budget_admin, [app]), conclusion="Сәйкес", by=planning, at=AT
    )
    call = {
        "request": request,
        "commission_date": decided_on,
        "commission_number": "1",
        "approved": {app.pk: Decimal(1)},
        "by": planning,
        "at": AT,
    }
    if accepted:
        assert budget_commission_decide(**call).status == BudgetRequest.Status.DECIDED
    else:
        with pytest.raises(ValidationError):
            budget_commission_decide(**call)


def test_s26_request_only_for_the_regions_handed_over_projects_once_a_year(region, other_region, budget_admin):
    with pytest.raises(ValidationError):
        file_request(budget_admin, [project(region, status=Status.ON_AGENDA)])
    with pytest.raises(ValidationError):
        file_request(budget_admin, [project(other_region)])
    app = project(region)
    file_request(budget_admin, [app])
    with pytest.raises(ValidationError):  # already in another programme's request for 2027
        file_request(budget_admin, [app])
    file_request(budget_admin, [app], year=2028)
    assert BudgetRequestLine.objects.filter(application=app).count() == 2


@pytest.mark.rule("§27")
@pytest.mark.parametrize(("adopted", "late"), [(date(2028, 1, 3), 0), (date(2028, 1, 4), 1)])
def test_s27_one_act_per_budget_and_year_due_fourteen_calendar_days_after_approval(
    region, budget_admin, planning, adopted, late
):
    from registry.deadlines import deadlines_for

    requests = [decide(file_request(budget_admin, [project(region)], year=2028), planning) for _ in range(2)]
    at = datetime(2028, 1, 10, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    act = budget_approval_record(
        administrator=budget_admin.administrator, year=2028, approved_on=date(2027, 12, 20), by=budget_admin, at=at
    )
    assert act.due_on == date(2028, 1, 3) and act.administrator is None
    assert str(act.act_name) in ("resolution of the regional akimat", "облыс әкімдігінің қаулысы")
    # Both requests (and so their projects) refer to the one act.
    assert {r.resolution_id for r in BudgetRequest.objects.filter(pk__in=[r.pk for r in requests])} == {act.pk}
    with pytest.raises(ValidationError):  # one act a budget and year
        budget_approval_record(
            administrator=budget_admin.administrator, year=2028, approved_on=date(2027, 12, 21), by=budget_admin, at=at
        )
    deadline = deadlines_for(act).get()
    assert deadline.kind == "akimat_resolution" and deadline.due_on == date(2028, 1, 3)
    act = akimat_resolution_record(resolution=act, adopted_on=adopted, number="А-7", by=budget_admin, at=at)
    assert act.days_late == late
    deadline.refresh_from_db()
    assert deadline.met_on_time is (late == 0)


@pytest.mark.rule("§27")
def test_s27_a_district_budget_has_its_own_act_the_district_akimats_resolution(region, budget_admin, planning):
    district, district_staff = _district(region)
    regional_request = decide(file_request(budget_admin, [project(region)], year=2027), planning)
    district_request = decide(file_request(district_staff, [project(region)], year=2027), planning)
    at = datetime(2027, 3, 20, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    regional = budget_approval_record(
        administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 3, 3), by=budget_admin, at=at
    )
    local = budget_approval_record(
        administrator=district, year=2027, approved_on=date(2027, 3, 5), by=district_staff, at=at
    )
    assert (regional.administrator, local.administrator) == (None, district)
    assert local.act_name != regional.act_name
    regional_request.refresh_from_db()
    district_request.refresh_from_db()
    assert (regional_request.resolution, district_request.resolution) == (regional, local)
    with pytest.raises(PermissionDenied):  # the regional staff do not record the district's act
        akimat_resolution_record(resolution=local, adopted_on=date(2027, 3, 10), number="1", by=budget_admin, at=at)
    assert BudgetResolution.objects.count() == 2


@pytest.mark.rule("§27")
def test_s27_a_request_decided_after_the_act_refers_to_it(region, budget_admin, planning):
    decide(file_request(budget_admin, [project(region)]), planning)
    act = budget_approval_record(
        administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 3, 1), by=budget_admin, at=AT
    )
    later = decide(file_request(budget_admin, [project(region)]), planning)
    assert later.resolution == act


@pytest.mark.rule("§27")
def test_s27_resolution_cannot_precede_the_budgets_approval_or_lie_in_the_future(region, budget_admin, planning):
    decide(file_request(budget_admin, [project(region)]), planning)
    act = budget_approval_record(
        administrator=budget_admin.administrator, year=2027, approved_on=date(2027, 2, 20), by=budget_admin, at=AT
    )
    for adopted in (date(2027, 2, 19), date(2027, 3, 3)):
        with pytest.raises(ValidationError):
            akimat_resolution_record(resolution=act, adopted_on=adopted, number="1", by=budget_admin, at=AT)
    act.refresh_from_db()
    assert act.adopted_on is None


def _form(programme, year, amounts):
    data = {"programme": programme.pk, "year": year}
    for app, amount in amounts:
        data[f"amount_{app.pk}"] = amount
    return data


@pytest.mark.rule("§26")
def test_s26_the_pages_file_return_and_refile_a_request_of_two_projects(client, region, budget_admin, planning):
    first, second, third = project(region), project(region), project(region)
    programme = programme_of(budget_admin.administrator, "028")
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:budget"), {"year": 2027}).content.decode()
    assert f'name="amount_{first.pk}"' in page and BudgetRequest.objects.count() == 0  # GET makes nothing
    response = client.post(
        reverse("monitoring:budget_request_file"), _form(programme, 2027, [(first, "3000"), (second, "2000")])
    )
    request = BudgetRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:budget_request", args=[request.pk])
    assert {line.application for line in request.lines.all()} == {first, second}
    client.force_login(planning)
    bad = client.post(reverse("monitoring:budget_return", args=[request.pk]), {"reason": ""})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    ok = client.post(reverse("monitoring:budget_return", args=[request.pk]), {"reason": "Құжаттар толық емес"})
    assert ok.status_code == 302
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:budget_request", args=[request.pk])).content.decode()
    assert "Құжаттар толық емес" in page and f'name="amount_{third.pk}"' in page
    response = client.post(
        reverse("monitoring:budget_request_file"), _form(programme, 2027, [(first, "3000"), (third, "1000")])
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "submitted" and {line.application for line in request.lines.all()} == {first, third}


def test_bad_amount_shows_a_message_and_saves_nothing(client, region, budget_admin):
    app = project(region)
    programme = programme_of(budget_admin.administrator, "028")
    client.force_login(budget_admin)
    response = client.post(reverse("monitoring:budget_request_file"), _form(programme, 2027, [(app, "-5")]))
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    response = client.post(reverse("monitoring:budget_request_file"), _form(programme, 2027, []))
    assert response.status_code == 400
    assert not BudgetRequest.objects.exists()


def test_planning_cannot_file_and_the_administrator_cannot_review(client, region, budget_admin, planning):
    app = project(region)
    programme = programme_of(budget_admin.administrator, "028")
    client.force_login(planning)
    assert (
        client.post(reverse("monitoring:budget_request_file"), _form(programme, 2027, [(app, "1")])).status_code == 403
    )
    request = file_request(budget_admin, [app])
    client.force_login(budget_admin)
    assert client.post(reverse("monitoring:budget_return", args=[request.pk]), {"reason": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("name", "with_pk"),
    [
        ("budget_request_file", False),
        ("budget_return", True),
        ("budget_conclude", True),
        ("budget_decide", True),
        ("budget_approval", False),
        ("resolution", True),
        ("plan_line", False),
        ("plan_approve", True),
        ("plan_publish", True),
        ("term_start", True),
        ("funds", True),
    ],
)
def test_state_changes_refuse_get(client, region, budget_admin, name, with_pk):
    client.force_login(budget_admin)
    url = reverse(f"monitoring:{name}", args=[1] if with_pk else [])
    assert client.get(url).status_code == 405


def test_another_regions_staff_get_404(client, region, budget_admin, budget_admin_elsewhere):
    app = project(region)
    request = file_request(budget_admin, [app])
    client.force_login(budget_admin_elsewhere)
    assert client.get(reverse("monitoring:project", args=[app.pk])).status_code == 404
    assert client.get(reverse("monitoring:budget_request", args=[request.pk])).status_code == 404
    assert app.number not in client.get(reverse("monitoring:projects")).content.decode()
    assert "028" not in client.get(reverse("monitoring:budget")).content.decode()


@pytest.mark.rule("§25")
def test_s25_inbox_lists_handed_over_projects_only(client, region, budget_admin):
    shown = project(region)
    hidden = project(region, status=Status.APPROVED)
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:projects")).content.decode()
    assert shown.number in page and hidden.number not in page


@pytest.mark.parametrize("rows", [1, 50])
def test_inbox_and_budget_page_query_counts_are_constant(
    client, region, budget_admin, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        file_request(budget_admin, [project(region)])
    client.force_login(budget_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:projects")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("monitoring:budget"), {"year": 2027}).status_code == 200


def test_projects_come_fifty_a_page_priority_first_then_by_arrival(client, region, budget_admin):
    ordinary = [project(region, submitted_at=AT + timedelta(hours=i)) for i in range(52)]
    urgent = project(region, priority=True, submitted_at=AT + timedelta(days=9))
    client.force_login(budget_admin)
    first = client.get(reverse("monitoring:projects")).content.decode()
    # §5: the priority project leads although it arrived last; then arrival order.
    assert first.index(urgent.number) < first.index(ordinary[0].number) < first.index(ordinary[48].number)
    assert ordinary[49].number not in first and 'data-testid="next-page"' in first
    next_url = first.split('data-testid="next-page" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(reverse("monitoring:projects") + next_url).content.decode()
    assert all(p.number in second for p in ordinary[49:]) and ordinary[48].number not in second
    assert 'data-testid="next-page"' not in second
    # A cursor that does not decode gives the first page, not an error.
    assert client.get(reverse("monitoring:projects"), {"cursor": "not-a-cursor"}).status_code == 200
