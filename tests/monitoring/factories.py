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
