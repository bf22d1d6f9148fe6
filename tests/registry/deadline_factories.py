"""Objects that carry deadlines in the registry's own tests (any model will do)."""

import itertools
from datetime import date, datetime

from django.utils import timezone

from registry.deadlines import deadline_open
from registry.models import Deadline, PersonalAccount, User

_numbers = itertools.count(100000000000)


def account(region, owner=None) -> PersonalAccount:
    number = str(next(_numbers))
    # No password: hashing one per object would make the 50-row tests slow.
    owner = owner or User.objects.create(username=f"owner{number}", role="entrepreneur")
    return PersonalAccount.objects.create(
        identifier=number, kind="legal", name=f"ТОО Тест {number}", owner=owner, region=region
    )


def local(day: date, hour: int = 10) -> datetime:
    """An aware moment on ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def open_deadline(*, region, responsible, due_on: date, kind=Deadline.Kind.REVIEW, obj=None, url="") -> Deadline:
    return deadline_open(
        obj=obj or account(region),
        kind=kind,
        due_on=due_on,
        region=region,
        responsible=responsible,
        url=url,
        at=local(date(2026, 3, 20)),
    )
