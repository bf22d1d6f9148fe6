"""Recusal, per-item quorum, named votes and the decision (§21, §22)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.models import Status
from applications.workflow import application_move
from councils.models import AgendaItem, Attendance, CouncilMember, CouncilSession, Protocol, Recusal, Vote
from councils.permissions import may_act_for
from councils.rules import DECISION_RULE, Tally
from councils.selectors import item_participation
from councils.services.common import require_officer, require_presiding, require_status, require_working_body
from councils.services.conflicts import conflict_blocks_vote
from registry.audit import audit_record
from registry.models import User
from registry.permissions import require


def item_tally(item: AgendaItem) -> Tally:
    """Members, presence, recusals and the votes of those taking part, counted now."""
    taking_part = item_participation(item)
    counts: dict[str, int] = {Vote.Choice.FOR: 0, Vote.Choice.AGAINST: 0, Vote.Choice.ABSTAIN: 0}
    for member_id, choice in item.votes.values_list("member_id", "choice"):
        if taking_part.takes_part(member_id):
            counts[choice] += 1
    return Tally(
        members=taking_part.members,
        present=len(taking_part.present),
        recused=len(taking_part.recused),
        votes_for=counts[Vote.Choice.FOR],
        votes_against=counts[Vote.Choice.AGAINST],
        votes_abstain=counts[Vote.Choice.ABSTAIN],
    )


def _acting_for(*, item: AgendaItem, member: CouncilMember, by: User) -> None:
    """The member acts for themself, or the working body (§14: the coordinator) records it for them."""
    require(may_act_for(by, item, member))


def recusal_declare(*, item: AgendaItem, member: CouncilMember, reason: str, by: User, at: datetime) -> Recusal:
    """A present member declares a conflict of interest before the item's vote (§21 reading)."""
    _acting_for(item=item, member=member, by=by)
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
        require_status(
            item, AgendaItem.Status.PENDING, message=_("A conflict of interest is declared before the vote.")
        )
        if not Attendance.objects.filter(session_id=item.session_id, member=member, present=True).exists():
            raise ValidationError(_("Only a member present at the session can declare a conflict."), code="absent")
        recusal, created = Recusal.objects.get_or_create(
            item=item, member=member, defaults={"reason": reason, "declared_at": at}
        )
        if created:
            audit_record(actor=by, obj=item, action="council_recusal", reason=f"{member}: {reason}", rule="§21", at=at)
    return recusal


def item_voting_open(*, item: AgendaItem, by: User, at: datetime) -> AgendaItem:
    """Start the item's vote: only while the meeting has its quorum (§21, rev. 2)."""
    require_officer(session=item.session, user=by)
    with transaction.atomic():
        # Same lock order everywhere: the session, then the item.
        session = CouncilSession.objects.select_for_update().get(pk=item.session_id)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        require_status(session, CouncilSession.Status.OPEN, message=_("The session is not open."))
        require_status(item, AgendaItem.Status.PENDING, message=_("This item is not waiting for a vote."))
        if session.items.filter(status=AgendaItem.Status.VOTING).exists():
            raise ValidationError(_("Another item is being voted on."), code="voting_open")
        tally = item_tally(item)
        # §21 (rev. 2): the meeting's quorum decides whether the council can vote at all; recusals on
        # the item do not count against it (the page warns when few take part, see Tally.participation_low).
        if not tally.quorum:
            raise ValidationError(
                ngettext(
                    "§21: the meeting has no quorum: %(p)d of %(m)d member are present, %(n)d needed.",
                    "§21: the meeting has no quorum: %(p)d of %(m)d members are present, %(n)d needed.",
                    tally.members,
                )
                % {"p": tally.present, "m": tally.members, "n": tally.needed_present},
                code="no_quorum",
            )
        item.status = AgendaItem.Status.VOTING
        item.save(update_fields=["status"])
        audit_record(
            actor=by, obj=item, action="council_voting_open", from_state="pending", to_state="voting", rule="§21", at=at
        )
    return item


def vote_cast(*, item: AgendaItem, member: CouncilMember, choice: str, by: User, at: datetime) -> Vote:
    """Record or change a member's vote while the item's vote is open (§21: one member, one vote)."""
    _acting_for(item=item, member=member, by=by)
    if choice not in Vote.Choice.values:
        raise ValidationError(_("Choose for, against or abstain."), code="bad_choice")
    refusal = None
    with transaction.atomic():
        # The row lock serialises votes on one item; the unique constraint is the last guard.
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.status != AgendaItem.Status.VOTING:
            refusal = _("The vote on this item is not open; votes cannot be cast or changed.")
        elif not item_participation(item).takes_part(member.pk):
            raise ValidationError(
                _("Only a present member without a conflict of interest votes."), code="not_participant"
            )
        elif conflict_blocks_vote(item=item, member=member):
            # The portal found a possible conflict: recuse or declare "no conflict" first.
            raise ValidationError(
                _(
                    "The portal found a possible conflict of interest: recuse, or declare with a reason that there is none, before voting."
                ),
                code="conflict_undeclared",
            )
        else:
            vote, created = Vote.objects.update_or_create(
                item=item, member=member, defaults={"choice": choice, "entered_by": by, "cast_at": at}
            )
            audit_record(
                actor=by,
                obj=item,
                action="council_vote" if created else "council_vote_change",
                to_state=choice,
                reason=str(member),
                rule="§21",
                at=at,
            )
    if refusal:
        # Refused changes after closing are kept in the journal too.
        audit_record(
            actor=by, obj=item, action="council_vote_refused", to_state=choice, reason=str(member), rule="§21", at=at
        )
        raise ValidationError(refusal, code="vote_closed")
    return vote


def item_close(*, item: AgendaItem, by: User, at: datetime) -> AgendaItem:
    """The chair (or the deputy chair presiding in the chair's absence) closes the vote; the outcome follows §21 (approved, refused or not decided) and is
    stored with its numbers. A not-decided item returns to the coordinator when the protocol is signed."""
    require_presiding(session=item.session, user=by)
    with transaction.atomic():
        CouncilSession.objects.select_for_update().get(pk=item.session_id)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        require_status(item, AgendaItem.Status.VOTING, message=_("This item's vote is not open."))
        tally = item_tally(item)
        item.members_count, item.present_count, item.recused_count = tally.members, tally.present, tally.recused
        item.participants = tally.participants
        item.votes_for, item.votes_against, item.votes_abstain = (
            tally.votes_for,
            tally.votes_against,
            tally.votes_abstain,
        )
        # §21 (rev. 2): two thirds of the participants either way, otherwise no decision.
        item.decision = tally.outcome
        item.decision_rule, item.decided_at, item.status = DECISION_RULE, at, AgendaItem.Status.CLOSED
        item.save()
        audit_record(
            actor=by,
            obj=item,
            action="council_decide",
            from_state="voting",
            to_state=item.decision,
            reason=f"{tally.votes_for}/{tally.votes_against}/{tally.votes_abstain} of {tally.participants}",
            rule="§21",
            at=at,
        )
    return item


def carry_locked_item(*, item: AgendaItem, reason: str, by: User, at: datetime) -> AgendaItem:
    """§21: carry an item the caller holds locked; the application returns to the coordinator's
    recommended list (§19) so that the next session's agenda can take it again."""
    item.status, item.carried_reason = AgendaItem.Status.CARRIED, reason[:300]
    item.save(update_fields=["status", "carried_reason"])
    application_move(
        application=item.application,
        allowed_from=[Status.ON_AGENDA],
        to=Status.RECOMMENDED,
        by=by,
        action="council_item_carry",
        rule="§21",
        reason=reason,
        at=at,
    )
    return item


def item_carry(*, item: AgendaItem, reason: str, by: User, at: datetime) -> AgendaItem:
    """Carry a pending item to a later session (no quorum, or not reached)."""
    require_officer(session=item.session, user=by)
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("application").get(pk=item.pk)
        require_status(item, AgendaItem.Status.PENDING, message=_("Only a waiting item can be carried."))
        return carry_locked_item(item=item, reason=reason, by=by, at=at)


def _require_draft(item: AgendaItem) -> None:
    """§23: a signed protocol is frozen. The lock waits for a signing in progress (call inside atomic)."""
    protocol = Protocol.objects.select_for_update().filter(session_id=item.session_id).first()
    if protocol is not None and protocol.is_final:
        raise ValidationError(_("The protocol is signed; its records cannot change."), code="frozen")


def item_notes_set(*, item: AgendaItem, notes: str, by: User, at: datetime) -> AgendaItem:
    """§22: the secretary's record of the discussion."""
    require_working_body(session=item.session, user=by)
    with transaction.atomic():
        _require_draft(item)
        item.notes = notes
        item.save(update_fields=["notes"])
        audit_record(actor=by, obj=item, action="council_notes", rule="§22", at=at)
    return item


def item_reasons_set(*, item: AgendaItem, reasons: str, by: User, at: datetime) -> AgendaItem:
    """§24: the reasons of a negative decision, entered by the secretary."""
    require_working_body(session=item.session, user=by)
    if item.decision != AgendaItem.Decision.REJECTED:
        raise ValidationError(_("Reasons are written for a negative decision."), code="not_rejected")
    if not reasons.strip():
        raise ValidationError(_("Write the reasons."), code="required")
    with transaction.atomic():
        _require_draft(item)
        item.reasons = reasons.strip()
        item.save(update_fields=["reasons"])
        audit_record(actor=by, obj=item, action="council_reasons", reason=item.reasons, rule="§24", at=at)
    return item
