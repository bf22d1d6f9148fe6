"""The working-day calendar (RULES.md, "Working day").

Monday to Friday, minus Kazakhstan's public holidays and days off, with the
Government's yearly transfers applied: all from the ``holidays`` package's
Kazakhstan calendar, corrected by :class:`CalendarOverride` rows that an
administrator keeps in the admin and that win over the package.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from registry.models import CalendarOverride

_OVERRIDES_KEY = "registry:calendar-overrides"


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, weekend days made working) for one year from the package."""
    kz = holidays.country_holidays("KZ", years=year)
    workdays = frozenset(d for d in kz.weekend_workdays if d.year == year)
    return frozenset(kz.keys()), workdays


def _overrides() -> dict[date, bool]:
    """Administrator's corrections: day → is it a working day."""
    data = cache.get(_OVERRIDES_KEY)
    if data is None:
        data = {
            day: kind == CalendarOverride.Kind.WORKING_DAY
            for day, kind in CalendarOverride.objects.values_list("day", "kind")
        }
        cache.set(_OVERRIDES_KEY, data, timeout=300)
    return data


@receiver([post_save, post_delete], sender=CalendarOverride)
def _forget_overrides(**kwargs) -> None:
    cache.delete(_OVERRIDES_KEY)


def is_working_day(day: date) -> bool:
    return _is_working_day(day, _overrides())


def _is_working_day(day: date, overrides: dict[date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    days_off, weekend_workdays = _package_year(day.year)
    if day in weekend_workdays:
        return True
    return day.weekday() < 5 and day not in days_off


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start``: counting begins the day after it."""
    if n < 1:
        raise ValueError("n must be at least 1")
    overrides = _overrides()  # read once for the whole count, not once a day
    day = start
    while n:
        day += timedelta(days=1)
        if _is_working_day(day, overrides):
            n -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
    if b < a:
        return -working_days_between(b, a)
    overrides = _overrides()
    return sum(1 for i in range(1, (b - a).days + 1) if _is_working_day(a + timedelta(days=i), overrides))
