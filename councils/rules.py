"""The council's arithmetic (§21), in integers: no rounding, no floats.

RULES.md "Readings we chose": quorum is present ≥ ⌈2/3 × members⌉ and a
decision needs for ≥ ⌈2/3 × participants⌉; both are the same as the integer
comparisons below.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

# §21: at least ten members.
ROSTER_MIN_MEMBERS = 10

# The rule stored with every decision, so the protocol shows how it was reached
# (stored in English, shown translated).
DECISION_RULE = gettext_noop("§21: 3 × for ≥ 2 × participants")
QUORUM_RULE = gettext_noop("§21: 3 × present ≥ 2 × members")


def roster_is_valid(*, active: int, business: int) -> bool:
    """§21: at least 10 active members, at least half of them from the business community."""
    return active >= ROSTER_MIN_MEMBERS and 2 * business >= active


def quorum_holds(*, present: int, members: int) -> bool:
    """§21: at least two thirds of the members are present (10 → 7, 11 → 8, 12 → 8)."""
    return members > 0 and 3 * present >= 2 * members


def decision_approves(*, votes_for: int, participants: int) -> bool:
    """§21: approved when at least two thirds of those taking part vote for (abstaining takes part)."""
    return participants > 0 and 3 * votes_for >= 2 * participants


@dataclass(frozen=True)
class Tally:
    members: int
    present: int
    recused: int
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0

    @property
    def participants(self) -> int:
        # §21 reading: present members not recused on this item take part.
        return self.present - self.recused

    @property
    def quorum(self) -> bool:
        # §21: the quorum is checked again per item with recused members not counted as present.
        return quorum_holds(present=self.participants, members=self.members)

    @property
    def approves(self) -> bool:
        return decision_approves(votes_for=self.votes_for, participants=self.participants)

    @property
    def needed_for(self) -> int:
        """The smallest number of "for" votes that approves (⌈2/3 × participants⌉)."""
        return -(-2 * self.participants // 3)

    @property
    def needed_present(self) -> int:
        return -(-2 * self.members // 3)
