"""Named votes, recusal and the decision (§21), one vote per member under concurrency."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from councils import services
from councils.models import AgendaItem, Vote
from councils.rules import DECISION_RULE
from registry.audit import audit_for
from tests.concurrency import run_in_threads
from tests.councils.factories import (
    SESSION_AT,
    first_item,
    make_application,
    make_council,
    open_with,
    schedule,
    seat,
    seats,
)

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§21")]
LATER = SESSION_AT + timedelta(minutes=30)


def _voting_item(council, coordinator, entrepreneur, region, present):
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), present)
    item = first_item(session)
    services.item_voting_open(item=item, by=seat(council, "chair").user, at=SESSION_AT)
    return item


def _vote(item, members, choice):
    for member in members:
        services.vote_cast(item=item, member=member, choice=choice, by=member.user, at=LATER)


@pytest.mark.parametrize(
    ("present", "votes_for", "votes_abstain", "decision"),
    [(7, 5, 2, "approved"), (7, 4, 3, "not_decided"), (9, 6, 3, "approved"), (9, 5, 4, "not_decided")],
)
def test_s21_decision_is_two_thirds_of_participants_and_stored_with_its_numbers(
    region, coordinator, entrepreneur, present, votes_for, votes_abstain, decision
):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, present)
    members = seats(council)[:present]
    _vote(item, members[:votes_for], "for")
    _vote(item, members[votes_for : votes_for + votes_abstain], "abstain")
    item = services.item_close(item=item, by=seat(council, "chair").user, at=LATER)
    assert item.decision == decision
    assert (item.members_count, item.present_count, item.participants) == (10, present, present)
    assert (item.votes_for, item.votes_against, item.votes_abstain) == (votes_for, 0, votes_abstain)
    assert item.decision_rule == DECISION_RULE


def test_s21_a_present_member_who_does_not_vote_still_takes_part(region, coordinator, entrepreneur):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, 8)
    _vote(item, seats(council)[:5], "for")  # 5 of 8 < two thirds, nobody against: no decision
    assert services.item_close(item=item, by=seat(council, "chair").user, at=LATER).decision == "not_decided"


@pytest.mark.parametrize(
    ("present", "votes_for", "votes_against", "decision"),
    [
        (7, 4, 3, "not_decided"),
        (7, 2, 5, "rejected"),
        (7, 0, 5, "rejected"),
        (9, 0, 6, "rejected"),
        (9, 5, 4, "not_decided"),
    ],
)
def test_s21_against_needs_two_thirds_too(
    region, coordinator, entrepreneur, present, votes_for, votes_against, decision
):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, present)
    members = seats(council)[:present]
    _vote(item, members[:votes_for], "for")
    _vote(item, members[votes_for : votes_for + votes_against], "against")
    item = services.item_close(item=item, by=seat(council, "chair").user, at=LATER)
    assert (item.decision, item.status, item.votes_against) == (decision, "closed", votes_against)
    # The application waits for the signed protocol before it moves (§23).
    item.application.refresh_from_db()
    assert item.application.status == "on_agenda"


def test_s21_ten_members_seven_present_one_recused_votes_with_a_warning(region, coordinator, entrepreneur, client):
    """rev. 2: the quorum is the meeting's; one recusal among seven present does not stop the item."""
    council = make_council(region)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 7)
    item = first_item(session)
    conflicted = seats(council)[6]
    services.recusal_declare(item=item, member=conflicted, reason="бауыры", by=conflicted.user, at=SESSION_AT)
    chair = seat(council, "chair").user
    client.force_login(chair)
    page = client.get(reverse("councils:item", args=[item.pk])).content.decode()
    assert 'data-testid="participation-warning"' in page
    services.item_voting_open(item=item, by=chair, at=SESSION_AT)
    _vote(item, seats(council)[:4], "for")  # 4 of 6 participants: two thirds
    item = services.item_close(item=item, by=chair, at=LATER)
    assert (item.members_count, item.present_count, item.participants, item.decision) == (10, 7, 6, "approved")


def test_s21_six_present_of_ten_cannot_vote_at_all(region, coordinator, entrepreneur):
    council = make_council(region)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 6)
    item = first_item(session)
    chair = seat(council, "chair").user
    with pytest.raises(ValidationError, match="21-т.") as refused:
        services.item_voting_open(item=item, by=chair, at=SESSION_AT)
    # kk (the test language): "no quorum of the meeting: 6 present of 10, at least 7 needed".
    assert refused.value.code == "no_quorum"
    assert (
        refused.value.messages[0]
        == "21-т.: отырыста кворум жоқ: қатысып отырған мүшелер саны: 6 (барлығы: 10), кемінде 7 қажет."
    )
    item.refresh_from_db()
    assert item.status == "pending"
    # A seventh member arrives: the meeting is quorate again and the vote may open.
    services.attendance_mark(
        session=session, member=seats(council)[6], present=True, by=seats(council)[6].user, at=SESSION_AT
    )
    assert services.item_voting_open(item=item, by=chair, at=SESSION_AT).status == "voting"


def test_s21_a_pending_item_can_still_be_carried(region, coordinator, entrepreneur):
    council = make_council(region)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 6)
    item = first_item(session)
    services.item_carry(item=item, reason="кворум жоқ", by=seat(council, "chair").user, at=SESSION_AT)
    item.refresh_from_db()
    item.application.refresh_from_db()
    assert item.status == "carried" and item.application.status == "recommended"


def test_s21_a_recused_member_cannot_vote(region, coordinator, entrepreneur):
    council = make_council(region)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 9)
    item = first_item(session)
    conflicted = seats(council)[8]
    services.recusal_declare(item=item, member=conflicted, reason="", by=conflicted.user, at=SESSION_AT)
    services.item_voting_open(item=item, by=seat(council, "chair").user, at=SESSION_AT)
    with pytest.raises(ValidationError):
        services.vote_cast(item=item, member=conflicted, choice="for", by=conflicted.user, at=LATER)
    _vote(item, seats(council)[:6], "for")  # 6 of 8 participants
    item = services.item_close(item=item, by=seat(council, "chair").user, at=LATER)
    assert (item.participants, item.recused_count, item.decision) == (8, 1, "approved")


def test_s21_member_may_change_until_closed_then_votes_are_immutable_and_the_refusal_is_audited(
    region, coordinator, entrepreneur
):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, 7)
    member = seats(council)[3]
    services.vote_cast(item=item, member=member, choice="against", by=member.user, at=LATER)
    services.vote_cast(item=item, member=member, choice="for", by=member.user, at=LATER)
    assert Vote.objects.get(item=item, member=member).choice == "for"
    assert Vote.objects.filter(item=item).count() == 1
    services.item_close(item=item, by=seat(council, "chair").user, at=LATER)
    with pytest.raises(ValidationError):
        services.vote_cast(item=item, member=member, choice="against", by=member.user, at=LATER)
    assert Vote.objects.get(item=item, member=member).choice == "for"
    assert audit_for(item).filter(action="council_vote_refused").count() == 1


def test_s21_secretary_records_a_show_of_hands_as_entered_by_the_secretary(region, coordinator, entrepreneur):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, 7)
    secretary, member = seat(council, "secretary").user, seats(council)[5]
    vote = services.vote_cast(item=item, member=member, choice="abstain", by=secretary, at=LATER)
    assert vote.entered_by == secretary and vote.by_secretary
    # Only the chair closes the vote.
    with pytest.raises(PermissionDenied):
        services.item_close(item=item, by=secretary, at=LATER)


@pytest.mark.django_db(transaction=True)
def test_s21_ten_members_voting_at_once_leave_exactly_ten_votes(region, coordinator, entrepreneur):
    council = make_council(region)
    item = _voting_item(council, coordinator, entrepreneur, region, 10)
    members = seats(council)
    barrier = threading.Barrier(len(members) * 2)
    errors = []

    def cast(member, choice):
        try:
            barrier.wait(timeout=10)
            services.vote_cast(item=item, member=member, choice=choice, by=member.user, at=LATER)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    # Each member sends the vote twice at the same moment, all twenty from separate connections.
    choices = {m.pk: "against" if i in (0, 5) else "for" for i, m in enumerate(members)}
    run_in_threads(cast, [(m, choices[m.pk]) for m in members for _ in range(2)], timeout=None)
    assert errors == []
    assert Vote.objects.filter(item=item).count() == 10
    item = services.item_close(item=AgendaItem.objects.get(pk=item.pk), by=seat(council, "chair").user, at=LATER)
    assert (item.votes_for, item.votes_against, item.decision) == (8, 2, "approved")
