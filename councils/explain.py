"""§21 decisions explained in words, in the reader's language (rendered when read, not stored)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils.rules import APPROVED, DECISION_RULE, REFUSED


def decision_explained(
    *,
    decision: str,
    rule: str,
    votes_for: int | None,
    votes_against: int | None,
    votes_abstain: int | None,
    participants: int | None,
) -> str:
    """One sentence a citizen can read: the vote, the two-thirds arithmetic and its outcome.

    Decisions closed under the first reading (a signed protocol keeps them as signed) carry
    another rule and get no sentence: their numbers would not explain the recorded outcome.
    """
    if rule != DECISION_RULE or participants is None:
        return ""
    f, a, s, p = votes_for or 0, votes_against or 0, votes_abstain or 0, participants
    numbers = {"f": f, "a": a, "s": s, "p": p, "f3": 3 * f, "a3": 3 * a, "p2": 2 * p}
    vote = _("Of %(p)d participants, %(f)d voted for, %(a)d against and %(s)d abstained.") % numbers
    if decision == APPROVED:
        reading = (
            _(
                "3 × %(f)d = %(f3)d is not less than 2 × %(p)d = %(p2)d: two thirds of the participants voted for, "
                "so infrastructure can be provided (§21)."
            )
            % numbers
        )
    elif decision == REFUSED:
        reading = (
            _(
                "3 × %(a)d = %(a3)d is not less than 2 × %(p)d = %(p2)d: two thirds of the participants voted against, "
                "so infrastructure cannot be provided (§21)."
            )
            % numbers
        )
    else:
        reading = (
            _(
                "Neither side reached two thirds of the participants (3 × %(f)d = %(f3)d and 3 × %(a)d = %(a3)d "
                "are both less than 2 × %(p)d = %(p2)d), so no decision was adopted; the application returns to "
                "the coordinator for a later session (§21)."
            )
            % numbers
        )
    return f"{vote} {reading}"


def item_explained(item) -> str:
    """The sentence for an AgendaItem."""
    return decision_explained(
        decision=item.decision,
        rule=item.decision_rule,
        votes_for=item.votes_for,
        votes_against=item.votes_against,
        votes_abstain=item.votes_abstain,
        participants=item.participants,
    )


def content_explained(item: dict) -> str:
    """The sentence for an item of a protocol's content (see services.protocol_content)."""
    return decision_explained(
        decision=item.get("decision", ""),
        rule=item.get("rule", ""),
        votes_for=item.get("for"),
        votes_against=item.get("against"),
        votes_abstain=item.get("abstain"),
        participants=item.get("participants"),
    )
