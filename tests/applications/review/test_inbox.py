"""The coordinator's inbox: §5 order, §19 due dates, reach, filters, keyset pages, constant queries."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Status
from applications.selectors import encode_cursor
from applications.workflow import application_move
from tests.applications.review.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db
INBOX = "/kk/review/"


def _numbers(response):
    return [row["number"] for row in response.context["rows"]]


@pytest.mark.rule("§5")
def test_s5_priority_projects_come_first_then_by_arrival(client, coordinator, region):
    early = SubmittedApplicationFactory(region=region, number="61-A", submitted_at=datetime(2026, 3, 16, 8, tzinfo=UTC))
    late_priority = SubmittedApplicationFactory(
        region=region, number="61-B", priority=True, submitted_at=datetime(2026, 3, 17, 8, tzinfo=UTC)
    )
    later = SubmittedApplicationFactory(region=region, number="61-C", submitted_at=datetime(2026, 3, 17, 9, tzinfo=UTC))
    SubmittedApplicationFactory(region=region, number="61-D", status=Status.DRAFT)
    client.force_login(coordinator)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert _numbers(response) == [late_priority.number, early.number, later.number]


@pytest.mark.rule("§19")
def test_s19_due_date_counts_working_days_across_nauryz(client, coordinator, region, today):
    # Received on Friday 20 March 2026: 21–25 March are Nauryz days off, so the fifth working day is 1 April.
    SubmittedApplicationFactory(region=region, number="61-N", received_on=date(2026, 3, 20))
    today(date(2026, 3, 20))
    client.force_login(coordinator)
    html = client.get(INBOX).content.decode()
    assert "01.04.2026" in html
    (row,) = client.get(INBOX).context["rows"]
    assert row["review_due"] == "01.04.2026" and row["days_left"] == 5 and row["badge"] == ""


@pytest.mark.rule("§19")
def test_s19_badges_due_today_tomorrow_and_overdue(client, coordinator, region, today):
    received = date(2026, 3, 30)
    SubmittedApplicationFactory(region=region, number="61-T", received_on=received, review_due=date(2026, 4, 6))
    SubmittedApplicationFactory(region=region, number="61-M", received_on=received, review_due=date(2026, 4, 7))
    SubmittedApplicationFactory(region=region, number="61-O", received_on=received, review_due=date(2026, 4, 3))
    today(date(2026, 4, 6))
    client.force_login(coordinator)
    badges = {row["number"]: row["badge"] for row in client.get(INBOX).context["rows"]}
    assert badges == {"61-T": "today", "61-M": "tomorrow", "61-O": "overdue"}
    html = client.get(INBOX).content.decode()
    assert "мерзімі өтті" in html or "overdue" in html


@pytest.mark.rule("§19")
def test_s19_inbox_shows_whether_the_deadline_was_met(client, coordinator, region, today):
    met = SubmittedApplicationFactory(region=region, number="61-MET", review_due=date(2026, 3, 23))
    late = SubmittedApplicationFactory(region=region, number="61-LATE", review_due=date(2026, 3, 23))
    application_move(
        application=met,
        allowed_from=[Status.SUBMITTED],
        to=Status.REFUSED,
        by=coordinator,
        action="refuse",
        rule="§20",
        reason="x",
        at=datetime(2026, 3, 20, 6, tzinfo=UTC),
    )
    application_move(
        application=late,
        allowed_from=[Status.SUBMITTED],
        to=Status.REFUSED,
        by=coordinator,
        action="refuse",
        rule="§20",
        reason="x",
        at=datetime(2026, 3, 26, 6, tzinfo=UTC),
    )
    today(date(2026, 3, 30))
    client.force_login(coordinator)
    met_flags = {row["number"]: row["s19_met"] for row in client.get(INBOX).context["rows"]}
    assert met_flags == {"61-MET": True, "61-LATE": False}


def test_inbox_shows_only_the_coordinators_region(client, coordinator, coordinator_elsewhere, submitted, elsewhere):
    client.force_login(coordinator)
    assert _numbers(client.get(INBOX)) == [submitted.number]
    client.force_login(coordinator_elsewhere)
    assert _numbers(client.get(INBOX)) == [elsewhere.number]


def test_inbox_is_for_coordinators_only(client, entrepreneur, submitted):
    client.force_login(entrepreneur)
    assert client.get(INBOX).status_code == 403
    client.logout()
    assert client.get(INBOX).status_code == 302


def test_filters_and_search(client, coordinator, region, today):
    SubmittedApplicationFactory(
        region=region,
        number="61-P",
        priority=True,
        applicant_name="Ауыл кооперативі",
        applicant_identifier="240140000001",
    )
    SubmittedApplicationFactory(
        region=region,
        number="61-Q",
        applicant_name="ЖК Сейтқали",
        review_due=date(2026, 3, 2),
        applicant_identifier="850505300123",
    )
    today(date(2026, 3, 10))
    client.force_login(coordinator)
    assert _numbers(client.get(INBOX, {"priority": "yes"})) == ["61-P"]
    assert _numbers(client.get(INBOX, {"priority": "no"})) == ["61-Q"]
    assert _numbers(client.get(INBOX, {"overdue": "on"})) == ["61-Q"]
    assert _numbers(client.get(INBOX, {"q": "Сейтқали"})) == ["61-Q"]
    assert _numbers(client.get(INBOX, {"q": "2401400"})) == ["61-P"]
    assert _numbers(client.get(INBOX, {"q": "61-P"})) == ["61-P"]
    assert _numbers(client.get(INBOX, {"status": "refused"})) == []


def test_keyset_pages_walk_every_row_once_without_offset(client, coordinator, region):
    made = [SubmittedApplicationFactory(region=region, priority=i % 3 == 0) for i in range(30)]
    client.force_login(coordinator)
    seen, cursor = [], ""
    while True:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INBOX, {"cursor": cursor} if cursor else {})
        assert not any("OFFSET" in q["sql"].upper() for q in queries.captured_queries)
        seen += _numbers(response)
        cursor = response.context["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(a.number for a in made) and len(seen) == len(set(seen))
    assert seen[:10] == [a.number for a in sorted(made, key=lambda a: (not a.priority, a.submitted_at, a.pk))][:10]


def test_a_broken_cursor_gives_the_first_page(client, coordinator, submitted):
    client.force_login(coordinator)
    assert _numbers(client.get(INBOX, {"cursor": "not-a-cursor"})) == [submitted.number]
    assert encode_cursor(submitted)


@pytest.mark.parametrize("rows", [1, 50])
def test_inbox_query_count_is_constant(client, coordinator, region, rows, django_assert_max_num_queries):
    SubmittedApplicationFactory.create_batch(rows, region=region)
    client.force_login(coordinator)
    client.get(INBOX)  # warm the calendar cache
    with django_assert_max_num_queries(8):
        response = client.get(INBOX, {"q": ""})
    assert response.status_code == 200 and len(response.context["rows"]) == min(rows, 25)


def test_cabinet_panel_summarises_the_inbox(client, coordinator, submitted):
    client.force_login(coordinator)
    html = client.get(reverse("registry:cabinet")).content.decode()
    assert 'data-testid="panel-review"' in html and reverse("review:inbox") in html
