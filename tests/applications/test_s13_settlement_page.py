"""§13 (rev. 2): the coordinator's settlement page — the region's funded projects of a year, the evidence
of monitoring, and a settlement "met" / "not met" that meets the §13 confirmation on the clock."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from applications.eligibility import eligibility_lines
from applications.models import Application, PastPerformanceMark, Status
from monitoring import clock
from monitoring.models import YearResult
from registry.models import AuditEvent
from registry.models.deadlines import Deadline
from tests.applications.factories import complete_draft
from tests.applications.test_submission import submit

pytestmark = pytest.mark.django_db
YEAR = 2025
AT = datetime(2026, 1, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
def funded(entrepreneur, region, ref, stand_in_verifier):
    project = complete_draft(entrepreneur, region, ref, project_name="2025 жылғы жоба")
    submit(project, entrepreneur)
    project.refresh_from_db()
    project.status = Status.IN_MONITORING  # set directly: the council and budget steps are not this test's
    project.save(update_fields=["status"])
    return project


def _page(client, year=YEAR):
    return client.get(reverse("monitoring:settlement", args=[year]))


def _settle(client, project, outcome="not_met", reason="2025 жылғы есеп берілмеді", year=YEAR):
    return client.post(reverse("monitoring:settle", args=[year, project.pk]), {"outcome": outcome, "reason": reason})


def _s13(application):
    return next(x for x in eligibility_lines(application, today=date(2026, 3, 2)) if x.code == "past_performance")


@pytest.mark.rule("§13")
def test_s13_project_without_report_is_listed_and_blocks_nothing_until_settled(funded, coordinator, client):
    client.force_login(coordinator)
    page = _page(client).content.decode()
    assert f'data-testid="settle-{funded.pk}"' in page and 'data-testid="no-report"' in page
    assert not PastPerformanceMark.objects.exists()


@pytest.mark.rule("§13")
def test_s13_settle_met_shows_the_report_meets_the_clock_and_is_audited(funded, coordinator, client):
    result = YearResult.objects.create(
        application=funded, year=YEAR, status=YearResult.Status.REPORTED, plan_jobs_permanent=5, fact_jobs_permanent=6
    )
    clock.clock_open(
        obj=result,
        kind=clock.S13_CONFIRMATION,
        due_on=date(2026, 2, 10),
        region=funded.region,
        responsible="coordinator",
        url=reverse("monitoring:settlement", args=[YEAR]),
        at=AT,
    )
    client.force_login(coordinator)
    page = _page(client).content.decode()
    assert 'data-testid="evidence"' in page and "6 / 5" in page and 'data-testid="no-report"' not in page

    response = _settle(client, funded, outcome="met", reason="Көрсеткіштер орындалды")
    assert response.status_code == 302
    mark = PastPerformanceMark.objects.get(identifier=funded.applicant_identifier, year=YEAR)
    assert mark.met and mark.project == funded and mark.settled_by == coordinator
    assert "jobs_permanent 6/5" in mark.evidence
    assert Deadline.objects.get(kind=Deadline.Kind.S13_CONFIRMATION, object_id=str(result.pk)).met_at is not None
    assert AuditEvent.objects.filter(action=f"s13 settled met {YEAR}", rule="§13", actor=coordinator).exists()
    assert f'data-testid="settle-{funded.pk}"' not in _page(client).content.decode()


@pytest.mark.rule("§13")
def test_s13_settle_not_met_gives_a_new_application_of_the_entrepreneur_a_finding(
    funded,
    coordinator,
    entrepreneur,
    region,
    ref,
    client,
):
    new = complete_draft(entrepreneur, region, ref, project_name="Жаңа жоба")
    assert _s13(new).outcome == "pass"
    client.force_login(coordinator)
    assert _settle(client, funded).status_code == 302
    mark = PastPerformanceMark.objects.get()
    assert not mark.met and mark.evidence == "no_report"
    line = _s13(new)
    assert line.outcome == "fail" and line.data["reason"] == "2025 жылғы есеп берілмеді"


@pytest.mark.rule("§13")
def test_s13_settling_twice_is_refused_and_changes_nothing(funded, coordinator, client):
    client.force_login(coordinator)
    assert _settle(client, funded, outcome="met", reason="Орындалды").status_code == 302
    again = _settle(client, funded, outcome="not_met", reason="Қайта")
    assert again.status_code == 400 and "шешім қабылданып қойған (13-т.)" in again.content.decode()
    mark = PastPerformanceMark.objects.get()
    assert mark.met and mark.reason == "Орындалды"


@pytest.mark.rule("§13")
@pytest.mark.parametrize(
    ("data", "lang", "text"),
    [
        ({"outcome": "met", "reason": "   "}, "kk", "error-summary"),
        ({"outcome": "maybe", "reason": "x"}, "ru", "error-summary"),
    ],
)
def test_s13_bad_input_is_explained_and_nothing_is_settled(funded, coordinator, client, data, lang, text):
    client.force_login(coordinator)
    url = f"/{lang}/monitoring/settlement/{YEAR}/{funded.pk}/"
    response = client.post(url, data)
    assert response.status_code == 400 and text in response.content.decode()
    assert not PastPerformanceMark.objects.exists()


@pytest.mark.rule("§13")
def test_s13_current_year_cannot_be_settled(funded, coordinator, client):
    client.force_login(coordinator)
    year = datetime.now(UTC).year
    response = client.post(f"/ru/monitoring/settlement/{year}/{funded.pk}/", {"outcome": "met", "reason": "x"})
    assert response.status_code == 400
    assert not PastPerformanceMark.objects.exists()


@pytest.mark.rule("§13")
@pytest.mark.parametrize("persona", ["entrepreneur", "budget_admin", "council_member"])
def test_s13_only_the_coordinator_sees_or_settles(funded, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert _page(client).status_code == 404
    assert _settle(client, funded).status_code == 404
    assert not PastPerformanceMark.objects.exists()


@pytest.mark.rule("§13")
def test_s13_coordinator_of_another_region_gets_404_and_does_not_see_the_project(
    funded,
    coordinator_elsewhere,
    client,
):
    client.force_login(coordinator_elsewhere)
    assert f'data-testid="settle-{funded.pk}"' not in _page(client).content.decode()
    assert _settle(client, funded).status_code == 404
    assert not PastPerformanceMark.objects.exists()


def test_s13_settle_is_post_only(funded, coordinator, client):
    client.force_login(coordinator)
    assert client.get(reverse("monitoring:settle", args=[YEAR, funded.pk])).status_code == 405


def test_s13_cabinet_links_the_settlement(coordinator, client):
    client.force_login(coordinator)
    assert 'data-testid="settlement-link"' in client.get(reverse("registry:cabinet")).content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_s13_settlement_page_query_count(
    region, entrepreneur, coordinator, client, django_assert_max_num_queries, rows
):
    for i in range(rows):
        project = Application.objects.create(
            region=region,
            applicant=entrepreneur,
            status=Status.IN_MONITORING,
            number=f"S13-{i}",
            applicant_identifier=f"{i:012d}",
        )
        if i % 2:
            YearResult.objects.create(application=project, year=YEAR, status=YearResult.Status.REPORTED)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        page = _page(client)
    assert page.status_code == 200 and page.content.decode().count('data-testid="settle-') == rows
