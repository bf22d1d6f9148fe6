"""Objects that carry deadlines in the registry's own tests (any model will do)."""
import itertools
from datetime import date, datetime

from django.utils import timezone

from registry.deadlines import deadline_open
from registry.models import Deadline, PersonalAccount
from tests.factories import UserFactory

_numbers = itertools.count(100000000000)


def account(region, owner=None) -> PersonalAccount:
    owner = owner or UserFactory(role="entrepreneur")
    return PersonalAccount.objects.create(
        identifier=str(next(_numbers)), kind="legal", name=f"ТОО Тест {owner.pk}", owner=owner, region=region
    )


def local(day: date, hour: int = 10) -> datetime:
    """An aware moment on ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def open_deadline(*, region, responsible, due_on: date, kind=Deadline.Kind.REVIEW, obj=None, url="") -> Deadline:
    return deadline_open(
        obj=obj or account(region), kind=kind, due_on=due_on, region=region,
        responsible=responsible, url=url, at=local(date(2026, 3, 20)),
    )
