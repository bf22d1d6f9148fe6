"""The §7 term arithmetic and the §13 mark as pure functions (monitoring/rules.py): no database."""

from datetime import date
from decimal import Decimal

import pytest

from monitoring.rules import (
    TERM_ORDER,
    TERM_TOO_LONG,
    add_months,
    direct_results_met,
    obligations_met,
    s13_marks,
    term_refusal,
    time_left,
)


@pytest.mark.rule("§7")
@pytest.mark.parametrize(
    ("ends_on", "refusal"),
    [
        (date(2029, 3, 15), None),  # exactly 36 months: fits
        (date(2029, 3, 16), TERM_TOO_LONG),  # a day more: too long
        (date(2026, 3, 16), None),  # a day: fits
        (date(2026, 3, 15), TERM_ORDER),  # ends the day it starts
        (date(2026, 3, 14), TERM_ORDER),
    ],
)
def test_s7_the_term_is_at_most_36_months(ends_on, refusal):
    assert term_refusal(starts_on=date(2026, 3, 15), ends_on=ends_on) == refusal


@pytest.mark.rule("§7")
def test_s7_months_are_added_clipped_to_the_months_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), 36) == date(2029, 3, 15)


@pytest.mark.rule("§7")
def test_s7_time_left_is_never_negative():
    assert time_left(today=date(2028, 5, 1), end=date(2029, 5, 1)) == (12, 0)
    assert time_left(today=date(2029, 4, 20), end=date(2029, 5, 1)) == (0, 11)
    assert time_left(today=date(2029, 5, 1), end=date(2029, 5, 1)) == (0, 0)
    assert time_left(today=date(2030, 1, 1), end=date(2029, 5, 1)) == (0, 0)


@pytest.mark.rule("§13")
def test_s13_obligations_and_results_at_their_plans():
    assert obligations_met([(10, 10), (5, 6), (0, None), (None, None)])  # reached, exceeded, no plan
    assert not obligations_met([(10, 9)])
    assert not obligations_met([(10, None)])  # a missing fact counts as missed
    assert direct_results_met([(Decimal(1), Decimal(1))]) and direct_results_met([])
    assert not direct_results_met([(Decimal(1), None)]) and not direct_results_met([(Decimal(2), Decimal("1.99"))])


@pytest.mark.rule("§13")
@pytest.mark.parametrize(
    ("direct_met", "obligations", "marked"),
    [(True, True, False), (True, False, False), (False, True, False), (False, False, True)],
)
def test_s13_the_mark_needs_both_missed(direct_met, obligations, marked):
    assert s13_marks(direct_met=direct_met, obligations_met=obligations) is marked
