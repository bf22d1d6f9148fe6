"""Conflicts of interest found before the vote (§21 reading): a member whose ЖСН (or an account the
member owns) is the applicant, the head or a planned user is flagged; they recuse or declare "no
conflict" with a reason before voting; the protocol records both."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.models import ApplicationDetails, PlannedUser
from councils import services
from councils.models import ConflictFlag, Vote
from councils.rules import conflict_matches
from registry.models import PersonalAccount
from tests.councils.factories import SESSION_AT, first_item, make_application, open_with, schedule, seat, seats

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§21")]
LATER = SESSION_AT + timedelta(minutes=30)
MEMBER_IIN = "770210310008"


@pytest.mark.parametrize(
    ("ids", "applicant", "head", "planned", "found"),
    [
        ({MEMBER_IIN}, MEMBER_IIN, "", set(), ["applicant"]),
        ({MEMBER_IIN}, "123456789012", MEMBER_IIN, set(), ["head"]),
        ({MEMBER_IIN}, "123456789012", "", {MEMBER_IIN, "1"}, ["planned_user"]),
        ({MEMBER_IIN}, "123456789012", "880515310009", {"1"}, []),
        ({""}, "", "", {""}, []),  # empty identifiers never match
    ],
)
def test_s21_conflict_matches(ids, applicant, head, planned, found):
    assert (
        conflict_matches(
            member_identifiers=frozenset(ids), applicant=applicant, head=head, planned_users=frozenset(planned)
        )
        == found
    )


@pytest.fixture
def flagged(council, coordinator, entrepreneur, region):
    """council4's ЖСН is a planned user of the project; council5 owns the applicant's account."""
    planned_member, owner_member = seats(council)[3], seats(council)[4]
    planned_member.user.iin = MEMBER_IIN
    planned_member.user.save(update_fields=["iin"])
    application = make_application(region, entrepreneur)
    ApplicationDetails.objects.create(application=application)
    PlannedUser.objects.create(application=application, identifier=MEMBER_IIN, name="Дара кәсіпкер")
    PersonalAccount.objects.create(
        identifier=application.applicant_identifier, kind="legal", name="ЖШС", owner=owner_member.user, region=region
    )
    session = schedule(council, coordinator, [application])  # detection runs at scheduling
    return session, planned_member, owner_member


def test_s21_the_portal_flags_the_members_before_the_session(flagged):
    session, planned_member, owner_member = flagged
    flags = {f.member_id: f.matches for f in ConflictFlag.objects.filter(item__session=session)}
    assert flags == {planned_member.pk: ["planned_user"], owner_member.pk: ["applicant"]}


def test_s21_a_flagged_member_votes_only_after_declaring_no_conflict(client, flagged, council):
    session, planned_member, owner_member = flagged
    open_with(session, 8)
    item = first_item(session)
    services.item_voting_open(item=item, by=seat(council, "chair").user, at=SESSION_AT)
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(item=item, member=planned_member, choice="for", by=planned_member.user, at=LATER)
    assert refused.value.code == "conflict_undeclared"
    # The working body cannot record it for them either.
    with pytest.raises(ValidationError):
        services.vote_cast(item=item, member=planned_member, choice="for", by=seat(council, "secretary").user, at=LATER)
    client.force_login(planned_member.user)
    page = client.get(reverse("councils:item", args=[item.pk])).content.decode()
    assert 'data-testid="declare-no-conflict"' in page and 'data-testid="vote-form"' not in page
    with pytest.raises(ValidationError):
        services.conflict_declare_none(item=item, member=planned_member, reason="  ", by=planned_member.user, at=LATER)
    client.post(
        reverse("councils:item_no_conflict", args=[item.pk]), {"reason": "Жоспарланған пайдаланушы — аттас адам"}
    )
    services.vote_cast(item=item, member=planned_member, choice="for", by=planned_member.user, at=LATER)
    assert Vote.objects.filter(item=item, member=planned_member).exists()


def test_s21_recusal_or_declaration_is_recorded_in_the_protocol(client, flagged, council, coordinator):
    session, planned_member, owner_member = flagged
    open_with(session, 8)
    item = first_item(session)
    services.recusal_declare(
        item=item, member=owner_member, reason="Өтініш берушінің шоты менікі", by=owner_member.user, at=SESSION_AT
    )
    services.conflict_declare_none(
        item=item, member=planned_member, reason="Аттас адам", by=planned_member.user, at=SESSION_AT
    )
    chair = seat(council, "chair").user
    services.item_voting_open(item=item, by=chair, at=SESSION_AT)
    for member in seats(council)[:8]:
        if member != owner_member:
            services.vote_cast(item=item, member=member, choice="for", by=member.user, at=LATER)
    services.item_close(item=item, by=chair, at=LATER)
    services.session_close(session=session, by=chair, at=LATER + timedelta(hours=1))
    content = services.protocol_content(session)
    conflicts = {c["name"]: c for c in content["items"][0]["conflicts"]}
    assert conflicts[owner_member.user.full_name]["recused"] is True
    assert conflicts[planned_member.user.full_name]["declared"] == "Аттас адам"
    client.force_login(coordinator)
    session.refresh_from_db()
    page = client.get(reverse("councils:protocol", args=[session.protocol.pk])).content.decode()
    assert 'data-testid="protocol-conflicts"' in page and "Аттас адам" in page
