"""§21 arithmetic and roster validation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from councils import services
from councils.rules import Tally, decision_approves, decision_outcome, quorum_holds, roster_is_valid
from councils.services.roster import Seat
from tests.councils.factories import NOW, make_council, seat

pytestmark = pytest.mark.rule("§21")


@pytest.mark.parametrize(
    ("members", "present", "holds"),
    [(10, 6, False), (10, 7, True), (11, 7, False), (11, 8, True), (12, 7, False), (12, 8, True)],
)
def test_s21_quorum_is_two_thirds_of_members(members, present, holds):
    assert quorum_holds(present=present, members=members) is holds


@pytest.mark.parametrize(
    ("participants", "votes_for", "approves"),
    [(7, 5, True), (7, 4, False), (9, 6, True), (9, 5, False), (10, 7, True), (10, 6, False), (6, 4, True)],
)
def test_s21_decision_needs_two_thirds_of_participants(participants, votes_for, approves):
    assert decision_approves(votes_for=votes_for, participants=participants) is approves


# The truth table (RULES.md rev. 2): two thirds of the participants either way, else no decision.
@pytest.mark.parametrize(
    ("participants", "votes_for", "votes_against", "outcome"),
    [
        (7, 5, 0, "approved"),
        (7, 4, 3, "not_decided"),
        (7, 2, 5, "rejected"),
        (7, 4, 0, "not_decided"),  # 4 for, 3 abstain: a failed approval is not a refusal
        (7, 0, 5, "rejected"),  # 0 for, 5 against, 2 abstain
        (9, 6, 0, "approved"),
        (9, 0, 6, "rejected"),
        (9, 5, 4, "not_decided"),
        (9, 4, 5, "not_decided"),
        (10, 7, 3, "approved"),
        (10, 3, 7, "rejected"),
        (10, 6, 4, "not_decided"),
        (6, 4, 2, "approved"),
        (6, 2, 4, "rejected"),
        (6, 3, 3, "not_decided"),
        (0, 0, 0, "not_decided"),
    ],
)
def test_s21_outcome_truth_table(participants, votes_for, votes_against, outcome):
    assert decision_outcome(votes_for=votes_for, votes_against=votes_against, participants=participants) == outcome


def test_s21_both_sides_never_reach_two_thirds_at_once():
    for p in range(1, 31):
        for f in range(p + 1):
            for a in range(p - f + 1):
                both = 3 * f >= 2 * p and 3 * a >= 2 * p
                assert not both
                outcome = decision_outcome(votes_for=f, votes_against=a, participants=p)
                assert (outcome == "approved") == (3 * f >= 2 * p)
                assert (outcome == "rejected") == (3 * a >= 2 * p)


def test_s21_abstentions_take_part_and_are_neither_for_nor_against():
    # 7 present: 4 for, 3 abstain → 4 of 7 is below two thirds, and nobody is against: no decision.
    tally = Tally(members=10, present=7, recused=0, votes_for=4, votes_abstain=3)
    assert not tally.approves and tally.outcome == "not_decided"
    # The same 4 "for" without the abstainers taking part would be 4 of 4.
    assert Tally(members=10, present=7, recused=3, votes_for=4).approves is True


def test_s21_quorum_is_the_meetings_and_recusal_only_warns():
    # rev. 2: 10 members, 7 present, 1 recused: the meeting is quorate; 6 take part, below ⅔ → a warning.
    tally = Tally(members=10, present=7, recused=1)
    assert tally.quorum and tally.participation_low and tally.participants == 6
    assert not Tally(members=10, present=7, recused=0).participation_low
    assert not Tally(members=10, present=6, recused=0).quorum
    assert Tally(members=10, present=7, recused=0).needed_present == 7
    assert Tally(members=10, present=7, recused=1).needed_for == 4


@pytest.mark.parametrize(
    ("active", "business", "valid"), [(9, 9, False), (10, 4, False), (10, 5, True), (11, 5, False), (12, 6, True)]
)
def test_s21_roster_needs_ten_members_half_from_business(active, business, valid):
    assert roster_is_valid(active=active, business=business) is valid


def test_s21_roster_errors_name_the_rule_and_count_only_active_terms():
    day = date(2026, 3, 4)
    seats = [Seat(True, date(2026, 1, 1), None) for _ in range(9)]
    seats.append(Seat(False, date(2025, 1, 1), date(2025, 12, 31)))  # ended: not counted
    errors = services.roster_errors(seats=seats, on=day)
    assert len(errors) == 1 and "21-т." in errors[0] and "10" in errors[0]
    four_of_ten = [Seat(i < 4, date(2026, 1, 1), None) for i in range(10)]
    assert any("21-т." in e for e in services.roster_errors(seats=four_of_ten, on=day))


@pytest.mark.django_db
def test_s21_ending_a_seat_that_leaves_nine_members_is_refused(region, coordinator):
    council = make_council(region)
    member = seat(council, "member")
    with pytest.raises(ValidationError) as refused:
        services.membership_end(member=member, until=date(2026, 3, 1), by=coordinator, at=NOW)
    assert "21-т." in refused.value.messages[0]
    member.refresh_from_db()
    assert member.term_until is None


@pytest.mark.django_db
def test_s21_a_seat_that_drops_business_below_half_is_refused(region, coordinator):
    from tests.factories import UserFactory

    council = make_council(region, members=10, business=5)
    newcomer = UserFactory(username="newcomer", role="council_member", region=region)
    with pytest.raises(ValidationError, match="21-т."):
        services.membership_add(
            council=council,
            user=newcomer,
            position="member",
            business_community=False,
            term_from=date(2026, 3, 1),
            term_until=None,
            by=coordinator,
            at=NOW,
        )
    added = services.membership_add(
        council=council,
        user=newcomer,
        position="member",
        business_community=True,
        term_from=date(2026, 3, 1),
        term_until=None,
        by=coordinator,
        at=NOW,
    )
    assert added.pk and council.members.count() == 11
