"""The council's arithmetic (§21), in integers: no rounding, no floats.

RULES.md rev. 2: the quorum is a quorum of the meeting (3 × present ≥ 2 × members);
a decision either way needs two thirds of the participants (3 × votes ≥ 2 × participants);
when neither side reaches it, no decision is adopted (a failed approval is not a refusal).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_noop

# §21: at least ten members.
ROSTER_MIN_MEMBERS = 10

# The rule stored with every decision, so the protocol shows how it was reached
# (stored in English, shown translated). Decisions closed under revision 1 keep
# LEGACY_DECISION_RULE, and a signed protocol keeps whatever it was signed with.
DECISION_RULE = gettext_noop("§21: two thirds of the participants decide either way; otherwise no decision")
LEGACY_DECISION_RULE = "§21: 3 × for ≥ 2 × participants"
QUORUM_RULE = gettext_noop("§21: 3 × present ≥ 2 × members")

# The three outcomes of §21 (the codes AgendaItem.Decision stores).
APPROVED = "approved"
REFUSED = "rejected"
NOT_DECIDED = "not_decided"


def roster_is_valid(*, active: int, business: int) -> bool:
    """§21: at least 10 active members, at least half of them from the business community."""
    return active >= ROSTER_MIN_MEMBERS and 2 * business >= active


def quorum_holds(*, present: int, members: int) -> bool:
    """§21: at least two thirds of the members are present (10 → 7, 11 → 8, 12 → 8)."""
    return members > 0 and 3 * present >= 2 * members


def two_thirds_of(*, votes: int, participants: int) -> bool:
    """§21: ``votes`` are at least two thirds of those taking part (abstaining takes part)."""
    return participants > 0 and 3 * votes >= 2 * participants


def decision_approves(*, votes_for: int, participants: int) -> bool:
    """§21: "infrastructure can be provided" when at least two thirds of the participants vote for."""
    return two_thirds_of(votes=votes_for, participants=participants)


def decision_outcome(*, votes_for: int, votes_against: int, participants: int) -> str:
    """§21 (rev. 2): approved, refused, or not decided when neither side has two thirds.

    Both sides cannot reach two thirds at once: 3 × (for + against) ≤ 3 × participants < 4 × participants.
    """
    if two_thirds_of(votes=votes_for, participants=participants):
        return APPROVED
    if two_thirds_of(votes=votes_against, participants=participants):
        return REFUSED
    return NOT_DECIDED


def needed_of(participants: int) -> int:
    """The smallest number of votes that is two thirds of ``participants`` (⌈2/3 × n⌉)."""
    return -(-2 * participants // 3)


@dataclass(frozen=True)
class Participation:
    """Who takes part in one item's vote (§21 reading): the members present at the session and not
    recused on the item. Abstaining takes part; an absent member's recusal changes nothing."""

    members: int
    present: frozenset[int]
    recused: frozenset[int]

    @property
    def participants(self) -> frozenset[int]:
        return self.present - self.recused

    def takes_part(self, member_id: int | None) -> bool:
        return member_id in self.participants


def participation(*, members: int, present: Iterable[int], recused: Iterable[int]) -> Participation:
    """§21: the one computation of who takes part (members by id; ``recused`` kept to those present)."""
    present = frozenset(present)
    return Participation(members=members, present=present, recused=frozenset(recused) & present)


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
        # §21 (rev. 2): the meeting's quorum; recusals on an item do not break it.
        return quorum_holds(present=self.present, members=self.members)

    @property
    def participation_low(self) -> bool:
        """Fewer participants than two thirds of the members: a warning, never a block (rev. 2)."""
        return not quorum_holds(present=self.participants, members=self.members)

    @property
    def outcome(self) -> str:
        return decision_outcome(
            votes_for=self.votes_for, votes_against=self.votes_against, participants=self.participants
        )

    @property
    def approves(self) -> bool:
        return self.outcome == APPROVED

    @property
    def needed_for(self) -> int:
        """The smallest number of votes either way that decides (⌈2/3 × participants⌉)."""
        return needed_of(self.participants)

    @property
    def needed_present(self) -> int:
        return needed_of(self.members)


# Conflict of interest (§21 reading: a member with a conflict takes no part in the item's vote).
CONFLICT_APPLICANT = "applicant"
CONFLICT_HEAD = "head"
CONFLICT_PLANNED_USER = "planned_user"


def conflict_matches(
    *, member_identifiers: frozenset[str], applicant: str, head: str, planned_users: frozenset[str]
) -> list[str]:
    """Where a member's ЖСН (or the БСН/ЖСН of an account the member owns) meets the project:
    the applicant, the applicant's head, or a planned user. Empty identifiers never match."""
    ids = {i for i in member_identifiers if i}
    found = []
    if applicant and applicant in ids:
        found.append(CONFLICT_APPLICANT)
    if head and head in ids:
        found.append(CONFLICT_HEAD)
    if ids & {p for p in planned_users if p}:
        found.append(CONFLICT_PLANNED_USER)
    return found


@dataclass(frozen=True)
class QuorumForecast:
    """Before the session: the members' answers "I will attend / I will not" against §21's quorum."""

    members: int
    will_attend: int
    will_not: int

    @property
    def unanswered(self) -> int:
        return self.members - self.will_attend - self.will_not

    @property
    def needed(self) -> int:
        return needed_of(self.members)

    @property
    def likely(self) -> bool:
        """Those who said they will come already make the quorum."""
        return quorum_holds(present=self.will_attend, members=self.members)

    @property
    def impossible(self) -> bool:
        """Even if everyone who has not answered comes, there is no quorum."""
        return not quorum_holds(present=self.will_attend + self.unanswered, members=self.members)
