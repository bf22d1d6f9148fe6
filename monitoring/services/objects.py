"""Infrastructure objects: users (§7) and monthly load (§29.1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from applications.models import Application
from monitoring.models import (
    COMMON_USE_MIN_USERS,
    InfrastructureObject,
    LoadIndicator,
    ObjectUser,
)
from monitoring.services.common import OBJECT_RECORDERS, require_official
from registry.audit import audit_record
from registry.models import Region, User


def current_users_q(today: date) -> Q:
    return Q(users__used_from__lte=today) & (Q(users__used_until__isnull=True) | Q(users__used_until__gte=today))


def is_current(user: ObjectUser, today: date) -> bool:
    return user.used_from <= today and (user.used_until is None or user.used_until >= today)


def below_common_use_minimum(*, obj: InfrastructureObject, users: list[ObjectUser], today: date) -> bool:
    """§7: a common-use object must serve at least three businesses."""
    if not obj.object_type.common_use:
        return False
    return sum(1 for u in users if is_current(u, today)) < COMMON_USE_MIN_USERS


def object_create(
    *, region: Region, projects: Iterable[Application] = (), by: User, at: datetime, **fields: Any
) -> InfrastructureObject:
    """Record a new object (§6 category and type) with the projects that financed it. ``fields``: the
    object's own values as its form validated them (name, object_type, location, capacity, operator,
    works_status, commissioned_on)."""
    require_official(by, region_id=region.pk, roles=OBJECT_RECORDERS)
    obj = InfrastructureObject.objects.create(region=region, **fields)
    obj.projects.set(list(projects))
    audit_record(actor=by, obj=obj, action="object_create", rule="§6", at=at)
    return obj


def object_user_add(
    *,
    obj: InfrastructureObject,
    identifier: str,
    name: str,
    used_from: date,
    used_until: date | None,
    by: User,
    at: datetime,
) -> ObjectUser:
    require_official(by, region_id=obj.region_id, roles=OBJECT_RECORDERS)
    if not (identifier.isdigit() and len(identifier) == 12):
        raise ValidationError({"identifier": _("A BIN / IIN has 12 digits.")}, code="identifier")
    if used_until is not None and used_until < used_from:
        raise ValidationError({"used_until": _("The period of use cannot end before it starts.")}, code="period")
    user = ObjectUser.objects.create(
        infrastructure_object=obj, identifier=identifier, name=name, used_from=used_from, used_until=used_until
    )
    audit_record(actor=by, obj=obj, action="object_user_add", reason=f"{identifier} {name}", rule="§7", at=at)
    return user


def load_record(
    *, obj: InfrastructureObject, month: date, occupancy: Decimal, served: int, volume: Decimal, by: User, at: datetime
) -> LoadIndicator:
    """§29.1: one month's load; entering the same month again corrects it."""
    require_official(by, region_id=obj.region_id, roles=OBJECT_RECORDERS)
    indicator, _created = LoadIndicator.objects.update_or_create(
        infrastructure_object=obj,
        month=month.replace(day=1),
        defaults={"occupancy": occupancy, "served": served, "volume": volume},
    )
    audit_record(actor=by, obj=obj, action="load_record", reason=month.strftime("%Y-%m"), rule="§29", at=at)
    return indicator
