"""Projects the council approved in a signed protocol (or not yet), for the public register's tests."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from applications.models import ApplicationDetails, Status
from councils.models import AgendaItem, Council, CouncilSession, Protocol
from tests.factories import UserFactory

from .factories import AT, project

_sessions = itertools.count(1)


def decided(
    region, *, decision=AgendaItem.Decision.APPROVED, final=True, kind="legal", status=Status.SENT_TO_BUDGET, **fields
):
    """A project on a closed session's agenda with ``decision``, its protocol signed when ``final``."""
    app = project(region, status=status, **fields)
    ApplicationDetails.objects.create(
        application=app,
        kind=kind,
        name=app.applicant_name,
        place="Сайрам ауданы",
        bin=app.applicant_identifier if kind == "legal" else "",
        iin=app.applicant_identifier if kind == "individual" else "",
    )
    council, _ = Council.objects.get_or_create(region=region, defaults={"name_kk": "ӨҮК", "name_ru": "РКС"})
    coordinator = UserFactory(role="coordinator", region=region)
    session = CouncilSession.objects.create(
        council=council,
        number=next(_sessions),
        starts_at=AT,
        place="әкімдік",
        status="closed",
        scheduled_by=coordinator,
        scheduled_at=AT - timedelta(days=7),
    )
    Protocol.objects.create(
        session=session,
        status="final" if final else "draft",
        due_on=date(2027, 3, 5),
        drafted_at=AT,
        signature="cms" if final else "",
        content_hash="ab" * 32 if final else "",
    )
    AgendaItem.objects.create(
        session=session,
        application=app,
        order=1,
        status="closed",
        decision=decision,
        members_count=10,
        present_count=8,
        recused_count=0,
        participants=8,
        votes_for=6 if decision == "approved" else 2,
        votes_against=2 if decision == "approved" else 6,
        votes_abstain=0,
        decided_at=AT,
    )
    return app


def plan_of(app, *, year=2027, status="approved", months=((4, 500, 400),), **fields):
    """§17: the region's administrator's plan for ``year`` funding ``app``, a line month by month
    (month, obligations, payments) under one of its programmes; ``fields`` set on the plan."""
    from monitoring.models import FinancingPlan, FinancingPlanLine
    from tests.conftest import administrator_of

    from .factories import programme_of

    administrator = administrator_of(app.region)
    plan, _ = FinancingPlan.objects.update_or_create(
        administrator=administrator, year=year, defaults={"status": status, **fields}
    )
    plan.projects.add(app)
    programme = programme_of(administrator, "001")
    for month, obligations, payments in months:
        FinancingPlanLine.objects.create(
            plan=plan, programme=programme, application=app, month=month, obligations=obligations, payments=payments
        )
    return plan
