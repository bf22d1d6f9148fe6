"""The protocol page: the chair signs (§23), the coordinator hands over (§25), reach."""

import pytest
from django.urls import reverse

from councils.models import Handover
from registry.models import Notification
from tests.councils.factories import decided_session, seat

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§23")
def test_s23_chair_signs_from_the_page_then_the_coordinator_hands_over_once(
    client, council, coordinator, entrepreneur, region, chair_key, budget_admin
):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    protocol = session.protocol
    url = reverse("councils:protocol", args=[protocol.pk])
    client.force_login(seat(council, "secretary").user)
    page = client.get(url).content.decode()
    assert 'data-testid="protocol-content"' in page and 'data-testid="sign-form"' not in page
    client.force_login(chair_key)
    assert 'data-testid="sign-form"' in client.get(url).content.decode()
    response = client.post(reverse("councils:protocol_sign", args=[protocol.pk]), {"demo": "1"})
    assert response.status_code == 302
    protocol.refresh_from_db()
    assert protocol.is_final
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert 'data-testid="hand-over"' in page
    client.post(reverse("councils:handover", args=[protocol.pk]))
    client.post(reverse("councils:handover", args=[protocol.pk]))
    assert Handover.objects.count() == 1
    assert Notification.objects.filter(kind="council_handover", recipient=budget_admin).count() == 1
    assert 'data-testid="handover-done"' in client.get(url).content.decode()
    client.force_login(budget_admin)
    assert client.get(url).status_code == 200


@pytest.mark.rule("§23")
def test_s23_a_bad_signature_shows_the_reason_and_keeps_the_draft(
    client, council, coordinator, entrepreneur, region, chair_key
):
    protocol = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ").protocol
    client.force_login(chair_key)
    response = client.post(reverse("councils:protocol_sign", args=[protocol.pk]), {"cms": "not-a-signature"})
    assert response.status_code == 400
    assert 'data-testid="error-summary"' in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.status == "draft"


def test_protocol_of_another_region_is_404(client, council, coordinator, coordinator_elsewhere, entrepreneur, region):
    protocol = decided_session(council, coordinator, entrepreneur, region).protocol
    client.force_login(coordinator_elsewhere)
    assert client.get(reverse("councils:protocol", args=[protocol.pk])).status_code == 404
    assert client.post(reverse("councils:handover", args=[protocol.pk])).status_code == 404


def test_demo_signing_without_a_demo_key_explains_instead_of_failing(
    client, council, coordinator, entrepreneur, region, settings
):
    settings.SIGNATURE_DEMO_SIGNER = True
    protocol = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ").protocol
    client.force_login(seat(council, "chair").user)
    response = client.post(reverse("councils:protocol_sign", args=[protocol.pk]), {"demo": "1"})
    assert response.status_code == 400 and 'data-testid="error-summary"' in response.content.decode()
