import pytest

from tests.applications.review.factories import (
    SubmittedApplicationFactory,
    with_attachment,
    with_eligibility,
)


@pytest.fixture
def submitted(region, entrepreneur):
    application = SubmittedApplicationFactory(region=region, applicant=entrepreneur, applicant_name="ЖШС Алтын Дән")
    with_attachment(with_eligibility(application), by=entrepreneur)
    return application


@pytest.fixture
def elsewhere(other_region, other_entrepreneur):
    return SubmittedApplicationFactory(region=other_region, applicant=other_entrepreneur, number="71-2026-00001")


@pytest.fixture
def today(monkeypatch):
    """Stand the review pages on a chosen day."""

    def stand_on(day):
        monkeypatch.setattr("applications.review.views._today", lambda: day)
        return day

    return stand_on
