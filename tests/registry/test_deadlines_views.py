"""The deadlines page, a deadline's page and the cabinet panel: roles, reach, query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from registry.calendar import is_working_day, working_days_between
from registry.deadlines import deadline_meet
from registry.models import Deadline
from tests.registry.deadline_factories import account, local, open_deadline

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(f"registry:{name}", args=args)


def _working_days_ago(today, n):
    """A working day that is ``n`` working days before ``today``."""
    day = today - timedelta(days=1)
    while not (is_working_day(day) and working_days_between(day, today) == n):
        day -= timedelta(days=1)
    return day


@pytest.fixture
def board(region, coordinator, budget_admin):
    """One deadline of each kind of row in the demo region."""
    today = timezone.localdate()
    soon = open_deadline(region=region, responsible=[coordinator], due_on=today + timedelta(days=2))
    overdue = open_deadline(
        region=region, responsible=[coordinator], due_on=_working_days_ago(today, 3), kind="protocol"
    )
    on_time, late = account(region), account(region)
    open_deadline(obj=on_time, region=region, responsible=[budget_admin], due_on=today, kind="financing_plan")
    open_deadline(
        obj=late, region=region, responsible=[coordinator], due_on=today - timedelta(days=10), kind="handover"
    )
    deadline_meet(obj=on_time, kind="financing_plan", at=timezone.now())
    deadline_meet(obj=late, kind="handover", at=timezone.now())
    return {"soon": soon, "overdue": overdue}


def _section(html, testid):
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.rule("§19")
def test_s19_coordinator_sees_due_overdue_and_met_with_responsible(client, coordinator, board):
    client.force_login(coordinator)
    response = client.get(_url("deadlines"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Review of the application (§19, 5 working days)" in _section(html, "due-soon")
    overdue = _section(html, "overdue")
    assert "§23" in overdue and "3 working days" in overdue
    assert coordinator.full_name in overdue
    met = _section(html, "met")
    assert "§17" in met and "on time" in met
    assert "§25" in met and "late" in met


@pytest.mark.parametrize("persona", ["planning", "budget_admin", "central"])
def test_planning_budget_and_central_bodies_read_the_region(client, request, board, persona):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(_url("deadlines")).content.decode()
    assert html.count('data-testid="deadline-row"') == 4


def test_central_filters_by_region(client, central, board, other_region, coordinator_elsewhere):
    open_deadline(region=other_region, responsible=[coordinator_elsewhere], due_on=timezone.localdate())
    client.force_login(central)
    assert client.get(_url("deadlines")).content.decode().count('data-testid="deadline-row"') == 5
    html = client.get(_url("deadlines"), {"region": other_region.pk}).content.decode()
    assert html.count('data-testid="deadline-row"') == 1


def test_central_unknown_region_shows_a_message_not_a_500(client, central, board):
    client.force_login(central)
    response = client.get(_url("deadlines"), {"region": "999999"})
    assert response.status_code == 200
    assert "Choose a region from the list." in response.content.decode()
    assert 'data-testid="error-summary"' in response.content.decode()


def test_coordinator_elsewhere_sees_none_of_the_regions_deadlines(client, coordinator_elsewhere, board):
    client.force_login(coordinator_elsewhere)
    html = client.get(_url("deadlines")).content.decode()
    assert 'data-testid="deadline-row"' not in html
    assert client.get(_url("deadline_detail", board["soon"].pk)).status_code == 404


def test_coordinator_elsewhere_cannot_filter_into_another_region(client, coordinator_elsewhere, region, board):
    client.force_login(coordinator_elsewhere)
    html = client.get(_url("deadlines"), {"region": region.pk}).content.decode()
    assert 'data-testid="deadline-row"' not in html


def test_entrepreneur_is_refused_the_page_and_gets_404_on_a_deadline(client, entrepreneur, board):
    client.force_login(entrepreneur)
    assert client.get(_url("deadlines")).status_code == 403
    assert client.get(_url("deadline_detail", board["soon"].pk)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, board):
    response = client.get(_url("deadlines"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_pages_refuse_post(client, coordinator, board):
    client.force_login(coordinator)
    assert client.post(_url("deadlines")).status_code == 405
    assert client.post(_url("deadline_detail", board["soon"].pk)).status_code == 405


@pytest.mark.rule("§23")
def test_s23_deadline_page_shows_due_date_status_and_messages(client, coordinator, board):
    client.force_login(coordinator)
    html = client.get(_url("deadline_detail", board["overdue"].pk)).content.decode()
    assert "Protocol of the council meeting (§23, 3 working days)" in html
    assert "Overdue" in html
    assert coordinator.full_name in html


def _rows(region, coordinator, budget_admin, n):
    today = timezone.localdate()
    for i in range(n):
        deadline = open_deadline(
            region=region, responsible=[coordinator, budget_admin], due_on=today + timedelta(days=i % 14 - 7)
        )
        if i % 3 == 0:
            deadline_meet(obj=deadline.obj, kind="review", at=local(today))


@pytest.mark.parametrize("rows", [1, 50])
def test_deadlines_page_query_count_does_not_grow(
    client, coordinator, budget_admin, region, rows, django_assert_max_num_queries
):
    _rows(region, coordinator, budget_admin, rows)
    client.force_login(coordinator)
    client.get(_url("deadlines"))  # the first visit records the reader's language
    with django_assert_max_num_queries(12):
        response = client.get(_url("deadlines"))
    shown = Deadline.objects.exclude(met_at__isnull=True, due_on__gt=timezone.localdate() + timedelta(days=6))
    assert response.content.decode().count('data-testid="deadline-row"') == shown.count()


def test_cabinet_panel_counts_due_this_week_and_overdue(client, coordinator, board):
    client.force_login(coordinator)
    html = client.get(_url("cabinet")).content.decode()
    assert 'data-testid="deadlines-due-soon">1<' in html
    assert 'data-testid="deadlines-overdue">1<' in html


def test_cabinet_panel_is_not_shown_to_an_entrepreneur(client, entrepreneur, board):
    client.force_login(entrepreneur)
    assert 'data-testid="deadlines-panel"' not in client.get(_url("cabinet")).content.decode()


@pytest.mark.rule("§19")
def test_s19_deadlines_page_in_kazakh_and_russian(client, coordinator, board):
    client.force_login(coordinator)
    kk = client.get("/kk/deadlines/").content.decode()
    assert "<h1>Мерзімдер</h1>" in kk and "Өтінімді қарау (19-т., 5 жұмыс күні)" in kk and "§" not in kk
    ru = client.get("/ru/deadlines/").content.decode()
    assert "<h1>Сроки</h1>" in ru and "3 рабочих дня" in ru
