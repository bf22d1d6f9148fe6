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


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """The kk/ru catalogues are compiled (.mo files are not in git)."""
    import gettext as gettext_module

    from django.core.management import call_command
    from django.utils.translation import trans_real

    call_command("compilemessages", locale=["kk", "ru"], verbosity=0)
    gettext_module._translations.clear()
    trans_real._translations = {}
    trans_real._default = None
