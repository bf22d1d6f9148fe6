"""Objects that carry deadlines in the registry's own tests (any model will do)."""
import itertools
from datetime import date, datetime

import pytest
from django.db import connection
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
        obj=obj or account(region), kind=kind, due_on=due_on, region=region,
        responsible=responsible, url=url, at=local(date(2026, 3, 20)),
    )


@pytest.fixture(scope="module")
def leave_reference_data(django_db_blocker):
    """After a module of transactional tests, put back the rows the migrations seeded.

    A transactional test empties the tables when it ends; ``serialized_rollback``
    restores them only at the start of the next such test, so without this a
    ``--reuse-db`` run after these tests would find no regions.
    """
    yield
    from registry.models import Region

    contents = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock():
        if contents and not Region.objects.exists():
            connection.creation.deserialize_db_from_string(contents)
