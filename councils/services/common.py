"""Who holds which seat at a session: the checks every council service shares."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, CouncilMember, CouncilSession
from registry.models import Role, User

OFFICERS = frozenset({CouncilMember.Position.CHAIR, CouncilMember.Position.SECRETARY})


def seat_of(*, council: Council, user: User, on: date) -> CouncilMember | None:
    """The user's active seat on ``council`` on ``on``."""
    return (
        CouncilMember.objects.active_on(on).filter(council=council, user=user).select_related("user").first()
    )


def require_seat(*, session: CouncilSession, user: User, positions=None) -> CouncilMember:
    seat = seat_of(council=session.council, user=user, on=timezone.localdate(session.starts_at))
    if seat is None or (positions is not None and seat.position not in positions):
        raise PermissionDenied(_("Only the council's chair or secretary may do this."))
    return seat


def require_coordinator(*, council: Council, user: User) -> None:
    # §19: the region's coordinator forms the agenda and hands over the results.
    if user.role != Role.COORDINATOR or user.region_id != council.region_id:
        raise PermissionDenied(_("Only the region's coordinator may do this."))


def require_status(obj, *allowed: str, message: str) -> None:
    if obj.status not in allowed:
        raise ValidationError(message, code="wrong_state")
