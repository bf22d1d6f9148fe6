"""The checks every council service shares: who acts (councils.permissions) and in which state."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, CouncilMember, CouncilSession
from councils.permissions import OFFICERS, may_coordinate, may_keep_records, may_preside, may_run_session
from councils.selectors import PRESIDING, designated_presider, presiding_member
from registry.calendar import add_working_days
from registry.deadlines import deadline_open
from registry.models import Role, User
from registry.permissions import require

__all__ = [
    "OFFICERS",
    "PRESIDING",
    "coordinators_clock",
    "designated_presider",
    "presiding_member",
    "region_coordinators",
    "require_coordinator",
    "require_officer",
    "require_presiding",
    "require_status",
    "require_working_body",
]


def require_working_body(*, session: CouncilSession, user: User) -> None:
    """§14 (rev. 2): the coordinator keeps the council's records; a secretary seat still may."""
    require(may_keep_records(user, session))


def require_presiding(*, session: CouncilSession, user: User) -> CouncilMember:
    """The chair, or, when the chair is absent, the member the chair designated or the deputy chair (§2(18), §21)."""
    answer = may_preside(user, session)
    acting = presiding_member(session)
    if acting is None:  # may_preside found none either
        raise PermissionDenied(answer.reason)
    require(answer)
    return acting


def require_officer(*, session: CouncilSession, user: User) -> None:
    """Procedural steps (opening the session or an item's vote, carrying, closing): the presiding
    member, the secretary or the coordinator as working body."""
    require(may_run_session(user, session))


def require_coordinator(*, council: Council, user: User) -> None:
    # §19: the region's coordinator forms the agenda and hands over the results.
    require(may_coordinate(user, council))


def require_status(obj, *allowed: str, message: str) -> None:
    if obj.status not in allowed:
        raise ValidationError(message, code="wrong_state")


def region_coordinators(region_id: int) -> QuerySet[User]:
    """§14: the region's active coordinators, the council's working body."""
    return User.objects.filter(role=Role.COORDINATOR, region=region_id, is_active=True)


def coordinators_clock(obj, kind: str, page: str, *, days: int, at: datetime) -> None:
    """§24, §25: a service standard the region's coordinators answer for on ``obj`` (an item or a
    protocol of a session), due ``days`` working days after ``at``; ``page`` is where they act."""
    region_id = obj.session.council.region_id
    deadline_open(
        obj=obj,
        kind=kind,
        region=region_id,
        due_on=add_working_days(timezone.localdate(at), days),
        responsible=region_coordinators(region_id),
        url=reverse(page, args=[obj.pk]),
        at=at,
    )
