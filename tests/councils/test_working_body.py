"""§14 (rev. 2): the coordinator is the council's working body: records presence and the show of
hands, is never a member and never counted. §2(18): the deputy chair presides and signs when the
chair is absent, and the protocol names who acted."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import Attendance, CouncilMember, Vote
from registry.audit import audit_for
from tests.councils.factories import SESSION_AT, first_item, make_application, schedule, seat, seats, sign_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§14"), pytest.mark.rule("§21")]
LATER = SESSION_AT + timedelta(minutes=30)


def _open(council, coordinator, entrepreneur, region, *, present):
    """The coordinator opens the session and records who is in the room (the members by id order)."""
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    services.session_open(session=session, by=coordinator, at=SESSION_AT)
    for member in present:
        services.attendance_mark(session=session, member=member, present=True, by=coordinator, at=SESSION_AT)
    session.refresh_from_db()
    return session


def test_s14_the_coordinator_records_presence_and_the_show_of_hands_without_a_seat(
    client, council, coordinator, entrepreneur, region
):
    members = seats(council)
    session = _open(council, coordinator, entrepreneur, region, present=members[:7])
    # Never a member: the roster (10) and the quorum (7 of 10) count seats only.
    assert not CouncilMember.objects.filter(user=coordinator).exists()
    assert Attendance.objects.filter(session=session).count() == 10
    assert Attendance.objects.filter(session=session, present=True, recorded_by=coordinator).count() == 7
    item = first_item(session)
    services.item_voting_open(item=item, by=coordinator, at=SESSION_AT)
    for member in members[:5]:
        services.vote_cast(item=item, member=member, choice="for", by=coordinator, at=LATER)
    vote = Vote.objects.select_related("member", "entered_by").filter(item=item).first()
    assert vote.entered_by == coordinator and vote.by_secretary
    client.force_login(coordinator)
    page = client.get(reverse("councils:item", args=[item.pk])).content.decode()
    assert page.count("үйлестіруші енгізді") == 5  # "recorded by the coordinator"
    # Closing the vote is the presiding member's act, not the working body's (§21).
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=coordinator, at=LATER)
    item = services.item_close(item=item, by=seat(council, "chair").user, at=LATER)
    assert (item.members_count, item.present_count, item.votes_for, item.decision) == (10, 7, 5, "approved")


def test_s14_the_coordinator_cannot_take_a_seat_and_is_not_a_voter(council, coordinator, entrepreneur, region):
    with pytest.raises(ValidationError):
        services.membership_add(
            council=council,
            user=coordinator,
            position="member",
            business_community=True,
            term_from=SESSION_AT.date(),
            term_until=None,
            by=coordinator,
            at=SESSION_AT,
        )
    assert services.roster_check(council=council, on=SESSION_AT.date()) == []  # 10 seats, the coordinator aside


def test_s14_a_coordinator_of_another_region_and_a_plain_member_cannot_record(
    council, coordinator, coordinator_elsewhere, entrepreneur, region
):
    members = seats(council)
    session = _open(council, coordinator, entrepreneur, region, present=members[:7])
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            session=session, member=members[8], present=True, by=coordinator_elsewhere, at=SESSION_AT
        )
    with pytest.raises(PermissionDenied):
        services.attendance_mark(session=session, member=members[8], present=True, by=members[3].user, at=SESSION_AT)
    item = first_item(session)
    services.item_voting_open(item=item, by=coordinator, at=SESSION_AT)
    with pytest.raises(PermissionDenied):
        services.vote_cast(item=item, member=members[4], choice="for", by=members[3].user, at=LATER)
    assert not Vote.objects.filter(item=item).exists()


def test_s21_every_change_of_presence_rechecks_the_meetings_quorum(council, coordinator, entrepreneur, region):
    members = seats(council)
    session = _open(council, coordinator, entrepreneur, region, present=members[:7])
    services.attendance_mark(session=session, member=members[6], present=False, by=coordinator, at=LATER)
    changes = [
        (e.from_state, e.to_state, e.reason) for e in audit_for(session).filter(action="council_quorum").order_by("id")
    ]
    assert changes == [("False", "True", "7/10"), ("True", "False", "6/10")]
    with pytest.raises(ValidationError) as refused:
        services.item_voting_open(item=first_item(session), by=coordinator, at=LATER)
    assert refused.value.code == "no_quorum"


@pytest.fixture
def deputy(council, settings, monkeypatch):
    """council3 becomes the deputy chair and holds a demo ЭЦҚ key."""
    settings.SIGNATURE_DEMO_SIGNER = True
    member = council.members.get(user__username="council3")
    member.position = CouncilMember.Position.DEPUTY
    member.save(update_fields=["position"])
    member.user.iin = "860904350504"
    member.user.save(update_fields=["iin"])
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: datetime(2026, 1, 5, tzinfo=UTC))
        call_command("make_test_pki", stdout=StringIO())
    return member


@pytest.mark.rule("§23")
def test_s23_the_deputy_chair_presides_and_signs_when_the_chair_is_absent(
    client, council, coordinator, entrepreneur, region, deputy
):
    chair = seat(council, "chair")
    present = [m for m in seats(council) if m != chair][:8]  # the chair is away
    session = _open(council, coordinator, entrepreneur, region, present=present)
    item = first_item(session)
    services.item_voting_open(item=item, by=deputy.user, at=SESSION_AT)
    for member in present[:6]:
        services.vote_cast(item=item, member=member, choice="for", by=member.user, at=LATER)
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=chair.user, at=LATER)  # absent: the deputy acts
    assert services.item_close(item=item, by=deputy.user, at=LATER).decision == "approved"
    services.session_close(session=session, by=coordinator, at=LATER + timedelta(hours=1))
    session.refresh_from_db()
    with pytest.raises(PermissionDenied):  # refused before any signature is looked at
        services.protocol_finalise(protocol=session.protocol, cms=b"-", by=chair.user, at=LATER + timedelta(days=1))
    protocol = sign_protocol(session.protocol, deputy.user)
    assert protocol.signed_by == deputy.user
    assert protocol.content["presiding"] == {"name": deputy.user.full_name, "position": "deputy"}
    client.force_login(coordinator)
    page = client.get(reverse("councils:protocol", args=[protocol.pk])).content.decode()
    assert "Төрағаның орынбасары" in page and deputy.user.full_name in page


def test_s2_18_with_the_chair_present_the_deputy_does_not_preside(council, coordinator, entrepreneur, region, deputy):
    session = _open(council, coordinator, entrepreneur, region, present=seats(council)[:8])
    item = first_item(session)
    services.item_voting_open(item=item, by=coordinator, at=SESSION_AT)
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=deputy.user, at=LATER)
    assert services.item_close(item=item, by=seat(council, "chair").user, at=LATER).status == "closed"
