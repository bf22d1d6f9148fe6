"""Factories for monitoring's tests: handed-over projects and what follows."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from applications.models import Application, Status
from registry.models import InfrastructureCategory, InfrastructureObjectType, User

AT = datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
_numbers = itertools.count(1)


def project(region, *, applicant=None, status=Status.SENT_TO_BUDGET, **fields) -> Application:
    n = next(_numbers)
    applicant = applicant or User.objects.create(username=f"ent{n}", role="entrepreneur")
    return Application.objects.create(
        number=f"61-2026-{n:05d}",
        region=region,
        applicant=applicant,
        status=status,
        applicant_name=fields.pop("applicant_name", f"ЖШС Өндіруші {n}"),
        applicant_identifier=fields.pop("applicant_identifier", f"{n:012d}"),
        project_name=fields.pop("project_name", f"Жоба {n}"),
        construction_cost=Decimal(1000),
        submitted_at=fields.pop("submitted_at", AT),
        **fields,
    )


def object_type(*, common_use: bool) -> InfrastructureObjectType:
    category, _ = InfrastructureCategory.objects.get_or_create(
        code="test-production", defaults={"name_kk": "Өндірістік", "name_ru": "Производственная"}
    )
    code = "test-shared" if common_use else "test-line"
    kind, _ = InfrastructureObjectType.objects.get_or_create(
        code=code,
        defaults={
            "category": category,
            "common_use": common_use,
            "name_kk": f"Нысан {code}",
            "name_ru": f"Объект {code}",
        },
    )
    return kind


def infrastructure_object(region, *, common_use: bool = True, users: int = 0):
    """An object of the region with ``users`` businesses using it since 1 January 2026."""
    from monitoring.models import InfrastructureObject, ObjectUser

    obj = InfrastructureObject.objects.create(
        region=region, name="Шағын өнеркәсіп аймағы", location="Сайрам", object_type=object_type(common_use=common_use)
    )
    for i in range(users):
        ObjectUser.objects.create(
            infrastructure_object=obj, identifier=f"{i + 1:012d}", name=f"ЖК {i}", used_from=date(2026, 1, 1)
        )
    return obj


def d(text: str) -> date:
    return date.fromisoformat(text)


_codes = itertools.count(100)


def programme_of(administrator, code: str | None = None):
    """One of the administrator's budget programmes (a fresh code unless given)."""
    from registry.models import BudgetProgramme

    code = code or f"{next(_codes):03d}"
    return BudgetProgramme.objects.get_or_create(
        administrator=administrator,
        code=code,
        defaults={"name_kk": f"Бағдарлама {code}", "name_ru": f"Программа {code}"},
    )[0]


def file_request(budget_admin, projects, *, year=2027, amount=Decimal(1000), code=None, at=AT):
    """§26: the administrator's budget request for ``projects`` (each asked ``amount``)."""
    from monitoring.services.budget import RequestLine, budget_request_submit

    return budget_request_submit(
        programme=programme_of(budget_admin.administrator, code),
        year=year,
        lines=[RequestLine(p, amount) for p in projects],
        by=budget_admin,
        at=at,
    )


def decide(request, planning, *, at=AT, approved=None):
    """§26: the planning body's conclusion and the commission's decision (each project approved in full)."""
    from monitoring.services.budget import budget_commission_decide, budget_request_conclude

    request = budget_request_conclude(request=request, conclusion="Сәйкес келеді", by=planning, at=at)
    amounts = approved or {line.application_id: line.amount for line in request.lines.all()}
    return budget_commission_decide(
        request=request,
        commission_date=at.date(),
        commission_number="БК-1",
        approved=amounts,
        by=planning,
        at=at,
    )


def plan_month(app, budget_admin, *, year, month, obligations, payments, at=AT):
    """§17: one month of the administrator's plan for ``app`` (filing a request for it first if needed)."""
    from monitoring.models import BudgetRequestLine
    from monitoring.services.financing import plan_line_set

    line = BudgetRequestLine.objects.filter(application=app, request__year=year).select_related("request").first()
    request = line.request if line else file_request(budget_admin, [app], year=year, at=at)
    return plan_line_set(
        administrator=budget_admin.administrator,
        year=year,
        programme=request.programme,
        subprogramme_code="",
        specifics_code="",
        application=app,
        month=month,
        obligations=Decimal(obligations),
        payments=Decimal(payments),
        by=budget_admin,
        at=at,
    )
