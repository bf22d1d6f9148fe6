"""Monitoring's deadlines on the portal's clock (§17, §27, §30, §31, §32).

Our rows keep their own due dates too (DESIGN.md: a transition that starts a
clock stores its due date); ``registry.deadlines`` adds the reminders and the
escalation. The responsible people are the region's users of the role that
owes the duty.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Model

from registry.deadlines import deadline_meet, deadline_open
from registry.models import Region, User
from registry.models.deadlines import Deadline

S17_PUBLISH = Deadline.Kind.FINANCING_PLAN
S27_RESOLUTION = Deadline.Kind.AKIMAT_RESOLUTION
S30_SCAN = Deadline.Kind.SCAN_UPLOAD
S31_ADMIN = Deadline.Kind.MONITORING_ADMIN
S31_PLANNING = Deadline.Kind.MONITORING_PLANNING
S32_REPORT = Deadline.Kind.COORDINATOR_REPORT
COUNTER_OBLIGATIONS = Deadline.Kind.COUNTER_OBLIGATIONS
S13_CONFIRMATION = Deadline.Kind.S13_CONFIRMATION


def clock_open(
    *, obj: Model, kind: str, due_on: date, region: Region, responsible: str, url: str, at: datetime
) -> None:
    """Open ``kind`` on ``obj``; ``responsible`` is the role whose regional users owe it."""
    people = User.objects.filter(region=region, role=responsible, is_active=True)
    deadline_open(obj=obj, kind=kind, due_on=due_on, region=region, responsible=people, url=url, at=at)


def deadline_open_for(
    *, obj: Model, kind: str, due_on: date, region: Region, people: Iterable[User], url: str, at: datetime
) -> None:
    """Open ``kind`` on ``obj`` for named people (an administrator's staff, the project's entrepreneur)."""
    deadline_open(obj=obj, kind=kind, due_on=due_on, region=region, responsible=people, url=url, at=at)


def clock_meet(*, obj: Model, kind: str, at: datetime) -> None:
    deadline_meet(obj=obj, kind=kind, at=at)
