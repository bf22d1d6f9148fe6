"""Monitoring's rules as pure functions: numbers in, a verdict out, no ORM.

Services and models call them; they import nothing of the app.
"""

from decimal import Decimal

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
