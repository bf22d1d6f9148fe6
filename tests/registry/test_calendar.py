"""The working-day calendar (RULES.md "Working day"; deadlines of §17 §19 §23 §25 §30) on real 2025–2026 cases."""

from datetime import date

import pytest
from django.core.cache import cache

from registry.calendar import add_working_days, is_working_day, working_days_between
from registry.models import CalendarOverride

pytestmark = pytest.mark.rule("§19")


@pytest.fixture(autouse=True)
def _fresh_overrides():
    """Overrides are cached; a rolled-back test row must not outlive its test."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("day", [date(2026, 3, d) for d in range(21, 26)])
def test_s19_nauryz_21_to_25_march_2026_are_days_off(db, day):
    assert not is_working_day(day)


def test_s19_five_working_days_from_friday_before_nauryz_end_on_1_april_2026(db):
    # Thu 26, Fri 27, Mon 30, Tue 31 March, Wed 1 April.
    assert add_working_days(date(2026, 3, 20), 5) == date(2026, 4, 1)


def test_s19_friday_evening_submission_is_due_the_next_friday(db):
    assert add_working_days(date(2026, 2, 6), 5) == date(2026, 2, 13)


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 1, 2), date(2025, 1, 1), date(2025, 1, 2)])
def test_s19_new_year_1_and_2_january_are_days_off(db, day):
    assert not is_working_day(day)


def test_s19_orthodox_christmas_7_january_is_a_day_off(db):
    assert not is_working_day(date(2026, 1, 7))
    assert not is_working_day(date(2025, 1, 7))
    assert is_working_day(date(2026, 1, 8))


def test_s19_kurban_ait_27_may_2026_is_a_day_off(db):
    assert not is_working_day(date(2026, 5, 27))
    assert add_working_days(date(2026, 5, 26), 1) == date(2026, 5, 28)


def test_s19_victory_day_on_saturday_9_may_2026_is_observed_on_monday_11_may(db):
    assert not is_working_day(date(2026, 5, 9))
    assert not is_working_day(date(2026, 5, 11))
    assert add_working_days(date(2026, 5, 8), 1) == date(2026, 5, 12)


def test_s19_package_transfer_3_january_2025_off_and_sunday_5_january_2025_working(db):
    assert not is_working_day(date(2025, 1, 3))  # a Friday made a day off
    assert is_working_day(date(2025, 1, 5))  # the Sunday it was moved from
    assert add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 5)


def test_s19_saturday_made_a_working_day_by_a_calendar_override(db):
    saturday = date(2026, 2, 28)
    assert not is_working_day(saturday)
    CalendarOverride.objects.create(day=saturday, kind="working_day", reference="ҚР Үкіметінің қаулысы (тест)")
    assert is_working_day(saturday)
    assert add_working_days(date(2026, 2, 27), 1) == saturday


def test_s19_override_making_a_weekday_a_day_off_wins_over_the_package(db):
    friday = date(2026, 3, 20)
    CalendarOverride.objects.create(day=friday, kind="day_off", reference="ҚР Үкіметінің қаулысы (тест)")
    assert not is_working_day(friday)
    assert add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 26)


def test_s19_override_can_make_a_package_holiday_a_working_day(db):
    CalendarOverride.objects.create(day=date(2026, 5, 27), kind="working_day", reference="test")
    assert is_working_day(date(2026, 5, 27))


def test_s19_working_days_between_counts_both_directions(db):
    assert working_days_between(date(2026, 3, 20), date(2026, 4, 1)) == 5
    assert working_days_between(date(2026, 4, 1), date(2026, 3, 20)) == -5
    assert working_days_between(date(2026, 2, 6), date(2026, 2, 6)) == 0
    assert working_days_between(date(2026, 2, 6), date(2026, 2, 13)) == 5


def test_s19_add_working_days_refuses_zero(db):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 2, 6), 0)


def test_s19_a_count_reads_the_overrides_once_and_the_next_count_sees_a_change(db, monkeypatch):
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: reads.append(key) or real_get(key, *args, **kwargs))
    assert add_working_days(date(2026, 3, 20), 5) == date(2026, 4, 1)  # over Nauryz: 12 days looked at
    assert len(reads) == 1
    assert working_days_between(date(2026, 3, 20), date(2026, 4, 1)) == 5
    assert len(reads) == 2
    # An override saved between two counts (the admin's correction) counts in the next one.
    override = CalendarOverride.objects.create(day=date(2026, 3, 26), kind="day_off", reference="test")
    assert add_working_days(date(2026, 3, 20), 5) == date(2026, 4, 2)
    override.delete()
    assert add_working_days(date(2026, 3, 20), 5) == date(2026, 4, 1)
