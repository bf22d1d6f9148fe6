"""Monitoring's deadlines on the portal's clock (§17, §27, §30, §31, §32).

Our rows keep their own due dates (DESIGN.md: a transition that starts a
clock stores its due date); the shared clock (``registry.deadlines``) adds the
reminders and escalations. It belongs to another team and lands later, so the
calls go through these two functions only.
"""
from __future__ import annotations

from datetime import date, datetime

from django.db.models import Model

from registry.models import Region, User

# Kinds of deadline this app opens on the clock.
S17_PUBLISH = "s17_plan_publish"
S27_RESOLUTION = "s27_akimat_resolution"
S30_SCAN = "s30_scan_upload"
S31_ADMIN = "s31_admin_submission"
S31_PLANNING = "s31_planning_report"
S32_REPORT = "s32_coordinator_report"


def clock_open(
    *, obj: Model, kind: str, due_on: date, region: Region, responsible: str, url: str, at: datetime
) -> None:
    try:
        from registry.deadlines import deadline_open
    except ImportError:  # the shared clock is not installed yet: our own due date stands
        return
    deadline_open(obj=obj, kind=kind, due_on=due_on, region=region, responsible=responsible, url=url, at=at)


def clock_meet(*, obj: Model, kind: str, at: datetime, by: User | None = None) -> None:
    try:
        from registry.deadlines import deadline_meet
    except ImportError:
        return
    deadline_meet(obj=obj, kind=kind, at=at)
