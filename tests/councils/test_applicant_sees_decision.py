"""§24: the applicant learns the council's decision on their application page once the protocol is signed.

Until the chair signs the protocol the decision is not final, so the page shows none; afterwards the
approved applicant sees the decision and the refused applicant sees it with the council's reasons.
"""
import pytest
from django.urls import reverse

from applications.models import ApplicationDetails
from registry.models import User
from tests.councils.factories import decided_session, sign_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§24")]

REASONS = "Жұмыс орындарының болжамы негізделмеген"
APPROVED_KK = "Инфрақұрылым ұсынуға болады"
REJECTED_KK = "Инфрақұрылым ұсынуға болмайды"


@pytest.fixture
def decided(council, coordinator, entrepreneur, region):
    """Item 1 (the entrepreneur's) approved, item 2 (applicant2's) rejected with reasons; protocol unsigned."""
    session = decided_session(council, coordinator, entrepreneur, region, reasons=REASONS)
    approved, rejected = (item.application for item in session.items.order_by("order"))
    for application in (approved, rejected):
        ApplicationDetails.objects.create(application=application)  # every real application has its form
    return session, approved, rejected


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_s24_before_the_protocol_is_signed_the_applicant_sees_no_decision(client, entrepreneur, decided):
    _session, approved, rejected = decided
    for user, application in ((entrepreneur, approved), (User.objects.get(username="applicant2"), rejected)):
        page = _page(client, user, application)
        assert 'data-testid="council-decision"' not in page
        assert APPROVED_KK not in page and REJECTED_KK not in page and REASONS not in page


def test_s24_after_signing_the_approved_applicant_sees_the_decision(client, entrepreneur, decided, chair_key):
    session, approved, _rejected = decided
    sign_protocol(session.protocol, chair_key)
    page = _page(client, entrepreneur, approved)
    assert page.count('data-testid="council-decision"') == 1
    assert APPROVED_KK in page and REJECTED_KK not in page and REASONS not in page
    assert "04.03.2026" in page  # the day the council decided (the session of 4 March)


def test_s24_after_signing_the_refused_applicant_sees_the_decision_and_its_reasons(client, decided, chair_key):
    session, _approved, rejected = decided
    sign_protocol(session.protocol, chair_key)
    page = _page(client, User.objects.get(username="applicant2"), rejected)
    assert page.count('data-testid="council-decision"') == 1
    assert REJECTED_KK in page and REASONS in page and APPROVED_KK not in page
