"""§2(18), §14 (rev. 2): when the chair is absent, a member the chair designated in the portal presides
(opens and closes items, signs the protocol); the protocol names who acted and on whose designation."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from councils import services
from registry.audit import audit_for
from tests.councils.factories import NOW, SESSION_AT, first_item, make_application, schedule, seat, seats, sign_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§2(18)"), pytest.mark.rule("§14")]
LATER = SESSION_AT + timedelta(minutes=30)


@pytest.fixture
def designee(council, settings, monkeypatch):
    """council5, an ordinary member, holds a demo ЭЦҚ key."""
    settings.SIGNATURE_DEMO_SIGNER = True
    member = council.members.get(user__username="council5")
    member.user.iin = "860904350504"
    member.user.save(update_fields=["iin"])
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: datetime(2026, 1, 5, tzinfo=UTC))
        call_command("make_test_pki", stdout=StringIO())
    return member


def _open_without_chair(council, coordinator, entrepreneur, region):
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    services.session_open(session=session, by=coordinator, at=SESSION_AT)
    chair = seat(council, "chair")
    for member in [m for m in seats(council) if m != chair][:8]:
        services.attendance_mark(session=session, member=member, present=True, by=coordinator, at=SESSION_AT)
    session.refresh_from_db()
    return session


def test_s2_18_the_designated_member_presides_and_signs_when_the_chair_is_absent(
    client, council, coordinator, entrepreneur, region, designee
):
    chair = seat(council, "chair")
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    # Before the session, on the session page.
    client.force_login(chair.user)
    response = client.post(reverse("councils:presider_designate", args=[session.pk]), {"member": designee.pk})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.designated_presider == designee and session.designated_by == chair
    assert [e.action for e in audit_for(session)].count("council_presider_designate") == 1
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert designee.user.full_name in page and 'data-testid="designated"' in page

    services.session_open(session=session, by=coordinator, at=SESSION_AT)
    for member in [m for m in seats(council) if m != chair][:8]:  # the chair is away; council5 is in the room
        services.attendance_mark(session=session, member=member, present=True, by=coordinator, at=SESSION_AT)
    session.refresh_from_db()
    item = first_item(session)
    services.item_voting_open(item=item, by=designee.user, at=SESSION_AT)
    for member in [m for m in seats(council) if m != chair][:6]:
        services.vote_cast(item=item, member=member, choice="for", by=member.user, at=LATER)
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=chair.user, at=LATER)  # absent: the designee acts
    assert services.item_close(item=item, by=designee.user, at=LATER).decision == "approved"
    services.session_close(session=session, by=designee.user, at=LATER + timedelta(hours=1))
    session.refresh_from_db()
    protocol = sign_protocol(session.protocol, designee.user)
    assert protocol.signed_by == designee.user
    assert protocol.content["presiding"] == {
        "name": designee.user.full_name,
        "position": "member",
        "designated_by": chair.user.full_name,
    }
    client.force_login(coordinator)
    page = client.get(reverse("councils:protocol", args=[protocol.pk])).content.decode()
    assert 'data-testid="designated-by"' in page and chair.user.full_name in page
    assert "белгілеуі бойынша төрағалық етті" in page  # kk: on the chair's designation


def test_s2_18_a_member_not_designated_cannot_preside(council, coordinator, entrepreneur, region):
    session = _open_without_chair(council, coordinator, entrepreneur, region)
    chair, designee, other = (
        seat(council, "chair"),
        *council.members.filter(user__username__in=["council5", "council6"]).order_by("user__username"),
    )
    services.presider_designate(session=session, member=designee, by=chair.user, at=SESSION_AT)
    item = first_item(session)
    with pytest.raises(PermissionDenied):
        services.item_voting_open(item=item, by=other.user, at=SESSION_AT)
    services.item_voting_open(item=item, by=designee.user, at=SESSION_AT)
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=other.user, at=LATER)


def test_s2_18_only_the_chair_designates(client, council, coordinator, entrepreneur, region):
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    designee = council.members.get(user__username="council5")
    for user in (coordinator, seat(council, "secretary").user, designee.user):
        with pytest.raises(PermissionDenied):
            services.presider_designate(session=session, member=designee, by=user, at=NOW)
    client.force_login(seat(council, "secretary").user)
    response = client.post(reverse("councils:presider_designate", args=[session.pk]), {"member": designee.pk})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.designated_presider is None


def test_s2_18_during_the_session_only_a_present_member_can_be_designated(
    client, council, coordinator, entrepreneur, region
):
    session = _open_without_chair(council, coordinator, entrepreneur, region)
    chair = seat(council, "chair")
    absent = [m for m in seats(council) if m != chair][8]
    with pytest.raises(ValidationError):
        services.presider_designate(session=session, member=absent, by=chair.user, at=SESSION_AT)
    with pytest.raises(ValidationError):  # the chair cannot designate themself
        services.presider_designate(session=session, member=chair, by=chair.user, at=SESSION_AT)
    client.force_login(chair.user)
    for value in (absent.pk, "abc", 999999):  # bad input: a message, nothing changed, no 500
        response = client.post(
            reverse("councils:presider_designate", args=[session.pk]), {"member": value}, follow=True
        )
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode() or "alert-danger" in response.content.decode()
    session.refresh_from_db()
    assert session.designated_presider is None


def test_s2_18_no_designation_after_the_session(council, coordinator, entrepreneur, region):
    session = _open_without_chair(council, coordinator, entrepreneur, region)
    services.session_close(session=session, by=coordinator, at=LATER)
    session.refresh_from_db()
    with pytest.raises(ValidationError):
        services.presider_designate(
            session=session,
            member=council.members.get(user__username="council5"),
            by=seat(council, "chair").user,
            at=LATER,
        )
