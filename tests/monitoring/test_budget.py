"""Budget request (§26), akimat resolution (§27), the administrator's inbox (§25)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.models import Status
from monitoring.models import BudgetRequest
from monitoring.services.budget import (
    akimat_resolution_record,
    budget_approval_record,
    budget_request_accept,
    budget_request_return,
    budget_request_submit,
)

from .factories import AT, project

pytestmark = pytest.mark.django_db


def _submit(app, budget_admin):
    return budget_request_submit(
        application=app,
        amount=Decimal(5000),
        programme_code="044",
        subprogramme_code="015",
        year=2027,
        by=budget_admin,
        at=AT,
    )


@pytest.mark.rule("§26")
def test_s26_planning_body_returns_request_unreviewed_with_reason(region, budget_admin, planning):
    request = _submit(project(region), budget_admin)
    returned = budget_request_return(request=request, reason="Код бағдарламасы қате", by=planning, at=AT)
    assert returned.status == BudgetRequest.Status.RETURNED
    assert returned.return_reason == "Код бағдарламасы қате"
    # The administrator files it again after correcting it.
    again = _submit(returned.application, budget_admin)
    assert again.pk == request.pk and again.status == BudgetRequest.Status.SUBMITTED


@pytest.mark.rule("§26")
def test_s26_return_needs_a_reason(region, budget_admin, planning):
    request = _submit(project(region), budget_admin)
    with pytest.raises(ValidationError):
        budget_request_return(request=request, reason="  ", by=planning, at=AT)


@pytest.mark.rule("§26")
def test_s26_accept_records_commission_decision(region, budget_admin, planning):
    request = _submit(project(region), budget_admin)
    accepted = budget_request_accept(
        request=request,
        commission_date=date(2027, 3, 5),
        commission_number="БК-12",
        approved_amount=Decimal(4800),
        by=planning,
        at=AT,
    )
    assert accepted.status == BudgetRequest.Status.ACCEPTED
    assert (accepted.commission_number, accepted.approved_amount) == ("БК-12", Decimal(4800))
    with pytest.raises(ValidationError):
        budget_request_return(request=accepted, reason="late", by=planning, at=AT)


@pytest.mark.rule("§27")
def test_s27_resolution_due_fourteen_calendar_days_after_budget_approval(region, budget_admin, planning):
    request = _submit(project(region), budget_admin)
    budget_request_accept(
        request=request,
        commission_date=date(2027, 3, 5),
        commission_number="1",
        approved_amount=Decimal(4800),
        by=planning,
        at=AT,
    )
    request.refresh_from_db()
    budget_approval_record(request=request, approved_on=date(2027, 12, 20), by=budget_admin, at=AT)
    assert request.resolution_due == date(2028, 1, 3)
    akimat_resolution_record(
        request=request, resolution_date=date(2027, 12, 28), resolution_number="А-7", by=budget_admin, at=AT
    )
    request.refresh_from_db()
    assert request.resolution_date == date(2027, 12, 28)


def test_request_only_for_handed_over_projects(region, budget_admin):
    with pytest.raises(ValidationError):
        _submit(project(region, status=Status.ON_AGENDA), budget_admin)


@pytest.mark.rule("§26")
def test_s26_planning_returns_through_the_page(client, region, budget_admin, planning):
    app = project(region)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:budget_request", args=[app.pk]),
        {"amount": "5000", "programme_code": "044", "subprogramme_code": "015", "year": "2027"},
    )
    assert response.status_code == 302
    client.force_login(planning)
    response = client.post(reverse("monitoring:budget_return", args=[app.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    response = client.post(reverse("monitoring:budget_return", args=[app.pk]), {"reason": "Құжаттар толық емес"})
    assert response.status_code == 302
    page = client.get(reverse("monitoring:project", args=[app.pk])).content.decode()
    assert "Құжаттар толық емес" in page


def test_bad_programme_code_shows_message_and_saves_nothing(client, region, budget_admin):
    app = project(region)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:budget_request", args=[app.pk]), {"amount": "5000", "programme_code": "4x", "year": "2027"}
    )
    assert response.status_code == 400
    assert not BudgetRequest.objects.exists()


def test_planning_cannot_file_budget_request(client, region, planning):
    app = project(region)
    client.force_login(planning)
    response = client.post(
        reverse("monitoring:budget_request", args=[app.pk]), {"amount": "5000", "programme_code": "044", "year": "2027"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "budget_request",
        "budget_return",
        "budget_accept",
        "budget_approval",
        "resolution",
        "plan_line",
        "plan_approve",
        "plan_publish",
        "term_start",
        "term_extend",
        "term_end",
        "funds",
        "indicator",
        "year_plan",
    ],
)
def test_state_changes_refuse_get(client, region, budget_admin, name):
    app = project(region)
    client.force_login(budget_admin)
    assert client.get(reverse(f"monitoring:{name}", args=[app.pk])).status_code == 405


def test_budget_admin_of_another_region_gets_404(client, region, budget_admin_elsewhere):
    app = project(region)
    client.force_login(budget_admin_elsewhere)
    assert client.get(reverse("monitoring:project", args=[app.pk])).status_code == 404
    response = client.post(
        reverse("monitoring:budget_request", args=[app.pk]), {"amount": "5000", "programme_code": "044", "year": "2027"}
    )
    assert response.status_code == 404
    assert app.number not in client.get(reverse("monitoring:projects")).content.decode()


@pytest.mark.rule("§25")
def test_s25_inbox_lists_handed_over_projects_only(client, region, budget_admin):
    shown = project(region)
    hidden = project(region, status=Status.APPROVED)
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:projects")).content.decode()
    assert shown.number in page and hidden.number not in page


@pytest.mark.parametrize("rows", [1, 50])
def test_inbox_query_count_is_constant(client, region, budget_admin, django_assert_max_num_queries, rows):
    for _ in range(rows):
        _submit(project(region), budget_admin)
    client.force_login(budget_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("monitoring:projects"))
    assert response.status_code == 200


def test_projects_come_fifty_a_page_priority_first_then_by_arrival(client, region, budget_admin):
    from datetime import timedelta

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


@pytest.mark.rule("§27")
def test_s27_resolution_deadline_on_the_clock(region, budget_admin, planning):
    from registry.deadlines import deadlines_for

    request = _submit(project(region), budget_admin)
    budget_request_accept(
        request=request,
        commission_date=date(2027, 3, 5),
        commission_number="1",
        approved_amount=Decimal(4800),
        by=planning,
        at=AT,
    )
    request.refresh_from_db()
    budget_approval_record(request=request, approved_on=date(2027, 12, 20), by=budget_admin, at=AT)
    deadline = deadlines_for(request).get()
    assert deadline.kind == "akimat_resolution" and deadline.due_on == date(2028, 1, 3)


@pytest.mark.rule("§26")
def test_s26_administrator_is_told_of_the_return_with_reason(region, budget_admin, planning):
    from registry.models import Notification

    request = _submit(project(region), budget_admin)
    budget_request_return(request=request, reason="Сметасы жоқ", by=planning, at=AT)
    notification = Notification.objects.get(recipient=budget_admin, kind="monitoring_budget_reviewed")
    assert "Сметасы жоқ" in notification.body and request.application.number in notification.subject
