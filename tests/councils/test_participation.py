"""§21 (RULES.md rev. 2): who takes part in an item's vote, computed once (councils.rules.participation)
and read once (councils.selectors.item_participation); the quorum is two thirds of the members present,
a decision two thirds of those taking part. Recusals and absences at the boundaries."""

import pytest

from councils import services
from councils.rules import Tally, participation
from councils.selectors import item_participation
from tests.councils.factories import SESSION_AT, first_item, make_application, open_with, schedule, seats

pytestmark = pytest.mark.rule("§21")


def test_s21_present_members_not_recused_take_part():
    taking_part = participation(members=10, present=range(1, 8), recused=[7])
    assert taking_part.participants == frozenset(range(1, 7))
    assert taking_part.takes_part(1) and not taking_part.takes_part(7) and not taking_part.takes_part(8)


def test_s21_an_absent_members_recusal_changes_nothing():
    taking_part = participation(members=10, present=[1, 2, 3, 4, 5, 6, 7], recused=[9])
    assert taking_part.recused == frozenset() and len(taking_part.participants) == 7


def test_s21_nobody_present_nobody_takes_part():
    taking_part = participation(members=10, present=[], recused=[1])
    assert taking_part.participants == frozenset() and not taking_part.takes_part(None)


@pytest.mark.parametrize(
    ("present", "recused", "quorum", "participants", "needed"),
    [
        (7, 0, True, 7, 5),  # 10 members: 7 present is two thirds, 5 of 7 decide
        (6, 0, False, 6, 4),  # 6 of 10: no quorum
        (7, 1, True, 6, 4),  # a recusal does not break the meeting's quorum; 4 of 6 decide
        (7, 7, True, 0, 0),  # everyone present recused: nobody takes part, nothing can be decided
    ],
)
def test_s21_quorum_and_decision_boundaries_with_recusals(present, recused, quorum, participants, needed):
    taking_part = participation(members=10, present=range(present), recused=range(recused))
    tally = Tally(members=10, present=len(taking_part.present), recused=len(taking_part.recused))
    assert (tally.quorum, tally.participants, tally.needed_for) == (quorum, participants, needed)
    assert len(taking_part.participants) == tally.participants


@pytest.mark.django_db
def test_s21_the_selector_the_tally_and_the_vote_agree(council, coordinator, entrepreneur, region):
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 8)
    item = first_item(session)
    members = seats(council)
    recused, absent = members[7], members[9]
    services.recusal_declare(item=item, member=recused, reason="туысы", by=recused.user, at=SESSION_AT)
    taking_part = item_participation(item)
    assert taking_part.members == 10 and len(taking_part.present) == 8 and taking_part.recused == {recused.pk}
    assert not taking_part.takes_part(recused.pk) and not taking_part.takes_part(absent.pk)
    tally = services.item_tally(item)
    assert (tally.present, tally.recused, tally.participants) == (8, 1, 7)
