"""Who takes which act at the council (§2(18), §14, §19, §21–§25): named predicates (registry.permissions).

The services refuse through them (``councils.services.common``), the views ask them, and the pages
offer an action only when its predicate allows (``seat_flags``, or ``{% may %}``). A superuser is not
an official: it holds no seat and is nobody's working body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from councils.models import Council, CouncilMember, CouncilSession
from councils.selectors import presiding_member, seat_for
from registry.models import Role, User
from registry.permissions import ALLOWED, Allowed, official, predicate, refused

OFFICERS = frozenset({CouncilMember.Position.CHAIR, CouncilMember.Position.SECRETARY})


@dataclass(frozen=True)
class Standing:
    """What the user is at one session: their seat, whether they preside now, whether they are the
    region's coordinator (§14: the working body, not a member). Read once, asked by every predicate."""

    seat: CouncilMember | None
    presides: bool
    coordinator: bool

    @property
    def officer(self) -> bool:
        """Procedural steps: the presiding member, the chair, the secretary, or the working body."""
        return (self.seat is not None and self.seat.position in OFFICERS) or self.presides or self.coordinator

    @property
    def keeps_records(self) -> bool:
        """§14 (rev. 2): the coordinator keeps the council's records; a secretary seat still may."""
        return self.coordinator or (self.seat is not None and self.seat.position == CouncilMember.Position.SECRETARY)


def standing(user: User, session: CouncilSession, *, seat: CouncilMember | None | bool = False) -> Standing:
    """The user's standing at ``session`` (``seat`` when the caller has read it already)."""
    person = user.is_authenticated and user.is_active and not user.is_superuser
    found: CouncilMember | None
    if not person:
        found = None
    elif isinstance(seat, bool):
        found = seat_for(user, session)
    else:
        found = seat
    acting = presiding_member(session) if found is not None else None
    return Standing(
        seat=found,
        presides=acting is not None and found is not None and acting.pk == found.pk,
        coordinator=bool(may_coordinate(user, session.council)),
    )


def _answer(ok: bool, reason: str) -> Allowed:
    return ALLOWED if ok else refused(reason)


@predicate
def may_coordinate(user: User, council: Council | None) -> Allowed:
    """§14, §19, §24, §25: the region's coordinator keeps the roster, forms the agenda, sends the
    notices and hands the results over."""
    reason = _("Only the region's coordinator may do this.")
    if council is None:
        return refused(reason)
    return official(user, (Role.COORDINATOR,), region_id=council.region_id) or refused(reason)


@predicate
def may_keep_records(user: User, session: CouncilSession) -> Allowed:
    """§14 (rev. 2): attendance, notes, reasons: the working body (the coordinator) or the secretary."""
    return _answer(
        standing(user, session).keeps_records,
        _("Only the council's working body (the coordinator) or its secretary may do this."),
    )


@predicate
def may_record_vote(user: User, item) -> Allowed:
    """§21: a member votes for themself; the working body records a member's show of hands."""
    return may_keep_records(user, item.session)


@predicate
def may_run_session(user: User, session: CouncilSession) -> Allowed:
    """Opening the session or an item's vote, carrying, closing: the officers and the working body."""
    return _answer(standing(user, session).officer, _("Only the council's chair or secretary may do this."))


@predicate
def may_preside(user: User, session: CouncilSession) -> Allowed:
    """§2(18), §21, §23: the chair, or, when the chair is absent, the designated member or the deputy."""
    return _answer(
        standing(user, session).presides,
        _(
            "Only the chair may do this, or, when the chair is absent, the member the chair designated or the deputy chair."
        ),
    )


@predicate
def may_read_item_documents(user: User, session: CouncilSession) -> Allowed:
    """§22(2): the members of the item's council and the region's coordinator read the full documents."""
    found = standing(user, session)
    return _answer(found.seat is not None or found.coordinator, _("This act belongs to another official or region."))


@predicate
def may_designate_presider(user: User, session: CouncilSession) -> Allowed:
    """§2(18), §14 (rev. 2): the chair designates who presides in the chair's absence."""
    seat = standing(user, session).seat
    return _answer(
        seat is not None and seat.position == CouncilMember.Position.CHAIR,
        _("Only the chair may designate who presides in the chair's absence."),
    )


@predicate
def may_act_for(user: User, item, member: CouncilMember) -> Allowed:
    """§21: a member declares and votes for themself; the working body records it for them (§14)."""
    if member.user_id == user.pk and user.is_active and not user.is_superuser:
        return ALLOWED
    return may_record_vote(user, item)
