"""Staff lists to XLSX/CSV: the deadlines, the §25 projects, an application's history; every row, in reach."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from applications.models import Status
from applications.workflow import application_move
from monitoring.models import FinancingPlan
from tests.applications.review.factories import SubmittedApplicationFactory
from tests.monitoring.factories import project
from tests.registry.deadline_factories import open_deadline

pytestmark = pytest.mark.django_db


def _xlsx(response):
    assert response.status_code == 200
    return [
        [c.value for c in row]
        for row in load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows()
    ]


def _csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.rule("§19")
def test_s19_deadlines_export_holds_every_deadline_in_reach(
    client, region, other_region, coordinator, coordinator_elsewhere, central
):
    mine = [open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 3, d)) for d in (23, 24)]
    open_deadline(region=other_region, responsible=[coordinator_elsewhere], due_on=date(2026, 3, 25))
    client.force_login(coordinator)
    rows = _xlsx(client.get("/kk/deadlines/export.xlsx"))
    assert [r[0].date() for r in rows[1:]] == [d.due_on for d in mine]
    assert [r[1] for r in rows[1:]] == ["19", "19"]  # the paragraph as a number, never "§19"
    assert coordinator.full_name in rows[1][5]
    client.force_login(central)
    assert len(_csv(client.get("/ru/deadlines/export.csv"))) == 1 + 3
    assert len(_csv(client.get("/ru/deadlines/export.csv", {"region": other_region.pk}))) == 1 + 1


def test_deadlines_export_refuses_an_entrepreneur(client, entrepreneur):
    client.force_login(entrepreneur)
    assert client.get("/kk/deadlines/export.csv").status_code == 403


@pytest.mark.rule("§25")
def test_s25_projects_export_holds_the_whole_list_in_reach(client, region, other_region, budget_admin):
    made = [project(region, priority=i == 3) for i in range(55)]  # the page shows 50
    plan = FinancingPlan.objects.create(
        administrator=budget_admin.administrator, year=2027, status=FinancingPlan.Status.PUBLISHED
    )
    plan.projects.add(made[0])
    project(other_region)
    client.force_login(budget_admin)
    rows = _csv(client.get("/ru/monitoring/projects/export.csv"))
    assert rows[0][0] == "Номер в реестре" and len(rows) == 1 + 55
    assert rows[1][0] == made[3].number  # §5: the priority project first
    assert {r[0] for r in rows[1:]} == {p.number for p in made}
    assert "Опубликован" in {r[7] for r in rows[1:]}
    assert _xlsx(client.get("/kk/monitoring/projects/export.xlsx"))[1][0] == made[3].number


def test_history_export_is_the_journal_and_stays_in_reach(client, coordinator, coordinator_elsewhere, region):
    application = SubmittedApplicationFactory(region=region)
    application_move(
        application=application,
        allowed_from=[Status.SUBMITTED],
        to=Status.REFUSED,
        by=coordinator,
        action="refuse",
        at=timezone.now(),
        reason='=cmd|" /c calc"!A1',
        rule="§20",
    )
    client.force_login(coordinator)
    rows = _xlsx(client.get(f"/kk/review/{application.pk}/history/export.xlsx"))
    refused = next(r for r in rows[1:] if r[5])
    assert refused[5] == '=cmd|" /c calc"!A1' and refused[6] == "20"
    csv_rows = _csv(client.get(f"/ru/review/{application.pk}/history/export.csv"))
    assert "'=cmd" in "".join(",".join(r) for r in csv_rows)
    client.force_login(coordinator_elsewhere)
    assert client.get(f"/kk/review/{application.pk}/history/export.csv").status_code == 404


@pytest.mark.rule("§21")
def test_s21_sessions_and_agenda_exports_carry_the_votes(
    client, region, coordinator, coordinator_elsewhere, entrepreneur
):
    from tests.councils.factories import decided_session, make_council

    council = make_council(region)
    session = decided_session(council, coordinator, entrepreneur, region)
    client.force_login(coordinator)
    sessions = _csv(client.get("/kk/councils/sessions/export.csv"))
    assert [r[0] for r in sessions[1:]] == [str(session.number)]
    agenda = _xlsx(client.get(f"/ru/councils/sessions/{session.pk}/agenda.xlsx"))
    assert agenda[0][0] == "Порядковый номер" and len(agenda) == 1 + 2
    # Item 1: 6 of 8 for (approved); item 2: 2 for, 6 against (refused: two thirds against).
    assert [r[7:10] for r in agenda[1:]] == [[8, 6, 2], [8, 2, 6]]
    client.force_login(coordinator_elsewhere)
    assert _csv(client.get("/kk/councils/sessions/export.csv"))[1:] == []
    assert client.get(f"/kk/councils/sessions/{session.pk}/agenda.csv").status_code == 404


@pytest.mark.rule("§25")
def test_s25_projects_export_costs_the_same_statements_whatever_its_size_and_reads_in_the_readers_language(
    client, region, budget_admin
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monitoring.models import BudgetRequest
    from tests.monitoring.factories import file_request
    from tests.monitoring.register_factories import plan_of

    first = project(region, status=Status.FUNDED)
    file_request(budget_admin, [first])  # §26: the administrator's request covering the project
    plan_of(first, status=FinancingPlan.Status.PUBLISHED)
    client.force_login(budget_admin)

    def statements():
        with CaptureQueriesContext(connection) as queries:
            rows = _csv(client.get("/ru/monitoring/projects/export.csv"))
        return len(queries), rows

    statements()  # the session's first request pays for the sign-in once
    few, rows = statements()
    assert rows[1][4] == region.name_ru and rows[1][5] == "Профинансирована" and rows[1][7] == "Опубликован"
    with translation.override("ru"):
        assert rows[1][6] == str(BudgetRequest.Status.SUBMITTED.label)
    for _i in range(30):
        project(region)
    many, rows = statements()
    assert len(rows) == 1 + 31 and many == few
    kk = _xlsx(client.get("/kk/monitoring/projects/export.xlsx"))
    assert region.name_kk in {r[4] for r in kk[1:]}
