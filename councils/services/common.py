"""Who holds which seat at a session: the checks every council service shares."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, CouncilMember, CouncilSession
from registry.models import Role, User

OFFICERS = frozenset({CouncilMember.Position.CHAIR, CouncilMember.Position.SECRETARY})
# Those who may preside: the chair (the akim, §2(18)) and, in the chair's absence, the deputy chair.
PRESIDING = (CouncilMember.Position.CHAIR, CouncilMember.Position.DEPUTY)


def seat_of(*, council: Council, user: User, on: date) -> CouncilMember | None:
    """The user's active seat on ``council`` on ``on``."""
    return CouncilMember.objects.active_on(on).filter(council=council, user=user).select_related("user").first()


def require_seat(*, session: CouncilSession, user: User, positions=None) -> CouncilMember:
    seat = seat_of(council=session.council, user=user, on=timezone.localdate(session.starts_at))
    if seat is None or (positions is not None and seat.position not in positions):
        raise PermissionDenied(_("Only the council's chair or secretary may do this."))
    return seat


def is_coordinator_of(*, council: Council, user: User) -> bool:
    """§14: the region's coordinator is the council's working body (not a member, never counted)."""
    return user.role == Role.COORDINATOR and user.region_id == council.region_id and user.is_active


def require_working_body(*, session: CouncilSession, user: User) -> None:
    """§14 (rev. 2): the coordinator keeps the council's records; a secretary seat still may."""
    if is_coordinator_of(council=session.council, user=user):
        return
    seat = seat_of(council=session.council, user=user, on=timezone.localdate(session.starts_at))
    if seat is None or seat.position != CouncilMember.Position.SECRETARY:
        raise PermissionDenied(_("Only the council's working body (the coordinator) or its secretary may do this."))


def presiding_member(session: CouncilSession) -> CouncilMember | None:
    """Who presides: the chair; once the session is open and the chair is absent, the present member
    the chair designated in the portal, else a present deputy chair (§2(18), §14 rev. 2).

    The chair's designation for this meeting comes before the standing deputy: it is the chair's
    own choice, made for this session. The seat is read at the moment of the act (the protocol
    names who acted and on whose designation).
    """
    day = timezone.localdate(session.starts_at)
    seats = {
        seat.position: seat
        for seat in CouncilMember.objects.active_on(day)
        .filter(council=session.council, position__in=PRESIDING)
        .select_related("user")
        .order_by("-term_from", "-id")
    }
    chair, deputy = seats.get(CouncilMember.Position.CHAIR), seats.get(CouncilMember.Position.DEPUTY)
    present = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    if chair is not None and (chair.pk in present or session.status == session.Status.SCHEDULED):
        return chair
    designated = designated_presider(session)
    if designated is not None and designated.pk in present:
        return designated
    if deputy is not None and deputy.pk in present:
        return deputy
    return chair


def designated_presider(session: CouncilSession) -> CouncilMember | None:
    """The member the chair designated for this session, if their seat is active on its day."""
    if session.designated_presider_id is None:
        return None
    seat = CouncilMember.objects.select_related("user").filter(pk=session.designated_presider_id).first()
    if seat is None or not seat.is_active_on(timezone.localdate(session.starts_at)):
        return None
    return seat


def require_presiding(*, session: CouncilSession, user: User) -> CouncilMember:
    """The chair, or, when the chair is absent, the member the chair designated or the deputy chair (§2(18), §21)."""
    acting = presiding_member(session)
    if acting is None or acting.user_id != user.pk:
        raise PermissionDenied(
            _(
                "Only the chair may do this, or, when the chair is absent, the member the chair designated or the deputy chair."
            )
        )
    return acting


def require_officer(*, session: CouncilSession, user: User) -> None:
    """Procedural steps (opening the session or an item's vote, carrying, closing): the presiding
    member, the secretary or the coordinator as working body."""
    seat = seat_of(council=session.council, user=user, on=timezone.localdate(session.starts_at))
    if seat is not None and (seat.position in OFFICERS or presiding_member(session) == seat):
        return
    if is_coordinator_of(council=session.council, user=user):
        return
    raise PermissionDenied(_("Only the council's chair or secretary may do this."))


def require_coordinator(*, council: Council, user: User) -> None:
    # §19: the region's coordinator forms the agenda and hands over the results.
    if user.role != Role.COORDINATOR or user.region_id != council.region_id:
        raise PermissionDenied(_("Only the region's coordinator may do this."))


def require_status(obj, *allowed: str, message: str) -> None:
    if obj.status not in allowed:
        raise ValidationError(message, code="wrong_state")
