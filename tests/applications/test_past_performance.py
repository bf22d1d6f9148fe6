"""§13 (rev. 2): the coordinator settles every funded project's year; the eligibility check reads the settled mark."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications.eligibility import eligibility_lines
from applications.models import EligibilityResult, Status
from applications.services import past_performance_settle, projects_to_settle
from tests.applications.factories import complete_draft
from tests.applications.test_submission import submit

pytestmark = pytest.mark.django_db
AT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def funded(entrepreneur, region, ref, stand_in_verifier):
    project = complete_draft(entrepreneur, region, ref, project_name="2025 жылғы жоба")
    submit(project, entrepreneur)
    project.refresh_from_db()
    project.status = Status.IN_MONITORING  # set directly: the council and budget steps are not this test's
    project.save(update_fields=["status"])
    return project


def _s13(application):
    return next(x for x in eligibility_lines(application, today=date(2026, 3, 2)) if x.code == "past_performance")


@pytest.mark.rule("§13")
def test_s13_no_report_blocks_nothing_until_settled_then_not_met_is_a_finding(
    funded,
    coordinator,
    entrepreneur,
    region,
    ref,
    stand_in_verifier,
    client,
):
    assert list(projects_to_settle(region_id=region.pk, year=2025)) == [funded]
    new = complete_draft(entrepreneur, region, ref, project_name="Жаңа жоба")
    assert _s13(new).outcome == "pass"  # unsettled: nothing is presumed

    past_performance_settle(
        project=funded,
        year=2025,
        met=False,
        reason="2025 жылғы есеп берілмеді",
        evidence="Есеп жоқ; көрсеткіштер енгізілмеген",
        by=coordinator,
        at=AT,
    )
    assert not projects_to_settle(region_id=region.pk, year=2025).exists()
    line = _s13(new)
    assert line.outcome == "fail" and line.data["reason"] == "2025 жылғы есеп берілмеді"

    submit(new, entrepreneur)  # still registered (rev. 2): the finding travels to the coordinator
    stored = EligibilityResult.objects.get(application=new, code="past_performance")
    assert stored.is_open and stored.is_ground
    client.force_login(coordinator)
    html = client.get(f"/kk/review/{new.pk}/").content.decode()
    assert 'data-testid="s13-evidence"' in html and "2025 жылғы есеп берілмеді" in html


@pytest.mark.rule("§13")
def test_s13_settled_as_met_gives_no_finding(funded, coordinator, entrepreneur, region, ref):
    past_performance_settle(project=funded, year=2025, met=True, reason="Көрсеткіштер орындалды", by=coordinator, at=AT)
    assert _s13(complete_draft(entrepreneur, region, ref, project_name="Жаңа")).outcome == "pass"


@pytest.mark.rule("§13")
def test_s13_only_the_regions_coordinator_settles_a_past_year_of_a_funded_project(
    funded,
    coordinator,
    coordinator_elsewhere,
    entrepreneur,
):
    with pytest.raises(PermissionDenied):
        past_performance_settle(project=funded, year=2025, met=False, reason="x", by=coordinator_elsewhere, at=AT)
    with pytest.raises(PermissionDenied):
        past_performance_settle(project=funded, year=2025, met=False, reason="x", by=entrepreneur, at=AT)
    with pytest.raises(ValidationError):
        past_performance_settle(project=funded, year=2026, met=False, reason="x", by=coordinator, at=AT)
    with pytest.raises(ValidationError):
        past_performance_settle(project=funded, year=2025, met=False, reason="  ", by=coordinator, at=AT)
