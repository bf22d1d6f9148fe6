"""Monitoring's rules as pure functions: numbers in, a verdict out, no ORM.

Services and models call them; they import nothing of the app.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

# §27: a district's budget is its administrators' own; the region's is every regional administrator's.
DISTRICT = "district"


def budget_of(administrator):
    """§27: the budget an administrator's programmes belong to: its district's (the administrator), or
    the region's (None). ``administrator`` is anything with a ``level`` (a BudgetAdministrator)."""
    return administrator if administrator.level == DISTRICT else None


# §11: the local producers' zone, as a share of total trade area.
SMALL_OBJECT_MAX_AREA = Decimal(1000)
LARGE_OBJECT_MAX_AREA = Decimal(3000)
SMALL_OBJECT_SHARE = Decimal("0.05")
LARGE_OBJECT_SHARE = Decimal("0.03")
# §11: shelf space is given for at least six months.
PLACEMENT_MIN_MONTHS = 6


def required_local_zone(*, trade_area: Decimal, networks_by_state: bool) -> Decimal | None:
    """§11: the minimum local producers' zone in m², or None when the rules set none.

    The Kazakh text: "ауданы 1000 шаршы метрге дейінгі объектілер үшін ... 5 %"
    and "1000-нан 3000 шаршы метрге дейінгі объектілер үшін ... 3 %". The two
    bands share the number 1000; we read "1000-ға дейінгі" as up to and
    including 1,000 m² (5 %, the reading more favourable to small business),
    so the 3 % band runs over 1,000 up to and including 3,000 m². Above
    3,000 m² and where the state brought no networks the rules set no minimum.
    """
    if not networks_by_state:
        return None
    if trade_area <= SMALL_OBJECT_MAX_AREA:
        share = SMALL_OBJECT_SHARE
    elif trade_area <= LARGE_OBJECT_MAX_AREA:
        share = LARGE_OBJECT_SHARE
    else:
        return None
    return (trade_area * share).quantize(Decimal("0.01"))


# §10: shelf space is for local producers working within the region's priority activities.
NOT_LOCAL = "not_local"
NOT_PRIORITY = "not_priority"


def local_producer_refusal(
    *, producer_region_id: int | None, retail_region_id: int, on_priority_list: bool
) -> str | None:
    """§10: both conditions hold — the producer is of the retail object's region ("жергілікті
    тауар өндірушілер") and works in one of the region's §5 priority activities; else why not."""
    if producer_region_id != retail_region_id:
        return NOT_LOCAL
    if not on_priority_list:
        return NOT_PRIORITY
    return None


# §7: support is given for up to 36 months from its start (extendable by agreement).
TERM_MAX_MONTHS = 36
TERM_ORDER = "order"
TERM_TOO_LONG = "too_long"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for clip in range(4):
        try:
            return day.replace(year=year, month=month, day=day.day - clip)
        except ValueError:
            continue
    raise ValueError(day)


def term_refusal(*, starts_on: date, ends_on: date) -> str | None:
    """§7: the term ends after it starts and at most 36 months from its start (the same day 36 months
    later still fits, the next day does not); else why not."""
    if ends_on <= starts_on:
        return TERM_ORDER
    if ends_on > add_months(starts_on, TERM_MAX_MONTHS):
        return TERM_TOO_LONG
    return None


def time_left(*, today: date, end: date) -> tuple[int, int]:
    """(months, days) from ``today`` until ``end``, never negative."""
    if today >= end:
        return 0, 0
    months = 0
    while add_months(today, months + 1) <= end:
        months += 1
    return months, (end - add_months(today, months)).days


# §13: a year counts against the entrepreneur when it missed its direct results AND its counter-obligations.
def obligations_met(plan_and_fact: Iterable[tuple[Decimal | int | None, Decimal | int | None]]) -> bool:
    """Every counter-obligation with a plan reached it (a missing fact counts as missed)."""
    return all(not plan or (fact is not None and fact >= plan) for plan, fact in plan_and_fact)


def direct_results_met(plan_and_fact: Iterable[tuple[Decimal, Decimal | None]]) -> bool:
    """Every direct result indicator of the year reached its plan (a missing fact counts as missed)."""
    return all(fact is not None and fact >= plan for plan, fact in plan_and_fact)


def s13_marks(*, direct_met: bool, obligations_met: bool) -> bool:
    """§13: the mark "not funded again" follows only when both were missed."""
    return not direct_met and not obligations_met
