"""Shelf space for local producers (§10, §11)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring.models import RetailObject, ShelfPlacement
from monitoring.rules import required_local_zone
from monitoring.services.retail import placement_create, placement_extend
from registry.models import OkedCode, PriorityActivity

from .factories import AT

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§11")
@pytest.mark.parametrize(
    ("area", "required"),
    [
        ("999", "49.95"),  # up to 1,000 m²: 5 %
        ("1000", "50.00"),  # exactly 1,000 m²: still 5 % (the first band reads "up to and including")
        ("1001", "30.03"),  # over 1,000 m²: 3 %
        ("3000", "90.00"),  # exactly 3,000 m²: 3 %
    ],
)
def test_s11_required_zone_bands(area, required):
    assert required_local_zone(trade_area=Decimal(area), networks_by_state=True) == Decimal(required)


@pytest.mark.rule("§11")
def test_s11_no_minimum_above_3000_or_without_state_networks():
    assert required_local_zone(trade_area=Decimal(3001), networks_by_state=True) is None
    assert required_local_zone(trade_area=Decimal(500), networks_by_state=False) is None


@pytest.mark.rule("§11")
def test_s11_page_flags_shortfall(client, region, budget_admin):
    retail = RetailObject.objects.create(
        region=region, name="Magnum", trade_area=Decimal(1000), networks_by_state=True, local_zone_area=Decimal(40)
    )
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:retail", args=[retail.pk])).content.decode()
    assert 'data-testid="shortfall"' in page and ("10.00" in page or "10,00" in page)
    retail.local_zone_area = Decimal(50)
    retail.save()
    page = client.get(reverse("monitoring:retail", args=[retail.pk])).content.decode()
    assert 'data-testid="shortfall"' not in page


def _priority(region, *codes):
    PriorityActivity.objects.filter(region=region).delete()
    for code in codes:
        PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code=code))


def _placement(retail, budget_admin, ends_on, *, producer_region=None, oked="10.51"):
    if not PriorityActivity.objects.filter(region=retail.region).exists():
        _priority(retail.region, "10.5")
    return placement_create(
        retail_object=retail,
        by=budget_admin,
        at=AT,
        producer_identifier="900101300017",
        producer_name="Шұбат ЖК",
        producer_region=producer_region or retail.region,
        producer_oked=OkedCode.objects.get(code=oked),
        area=Decimal(4),
        shelf_metres=None,
        starts_on=date(2027, 1, 31),
        ends_on=ends_on,
        cost=Decimal(120),
        compliance=ShelfPlacement.Compliance.COMPLIANT,
    )


@pytest.mark.rule("§10")
@pytest.mark.rule("§11")
def test_s11_placement_at_least_six_months(region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    with pytest.raises(ValidationError):
        _placement(retail, budget_admin, date(2027, 7, 30))
    placement = _placement(retail, budget_admin, date(2027, 7, 31))
    extended = placement_extend(placement=placement, ends_on=date(2028, 1, 31), by=budget_admin, at=AT)
    assert extended.ends_on == date(2028, 1, 31)


@pytest.mark.rule("§11")
def test_s11_breach_of_quality_stops_extension(region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    placement = _placement(retail, budget_admin, date(2027, 7, 31))
    placement.compliance = ShelfPlacement.Compliance.BREACH
    placement.save()
    with pytest.raises(ValidationError):
        placement_extend(placement=placement, ends_on=date(2028, 1, 31), by=budget_admin, at=AT)


@pytest.mark.rule("§11")
def test_s11_short_placement_through_the_page_shows_error(client, region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:placement", args=[retail.pk]),
        {
            "producer_identifier": "900101300017",
            "producer_name": "ЖК",
            "producer_region": region.pk,
            "producer_oked": "10.51",
            "area": "3",
            "starts_on": "2027-01-01",
            "ends_on": "2027-03-01",
            "cost": "10",
            "compliance": "compliant",
        },
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not ShelfPlacement.objects.exists()
    assert client.get(reverse("monitoring:placement", args=[retail.pk])).status_code == 405


def test_retail_of_another_region_is_404(client, region, coordinator_elsewhere):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800))
    client.force_login(coordinator_elsewhere)
    assert client.get(reverse("monitoring:retail", args=[retail.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_retail_list_query_count(client, region, budget_admin, django_assert_max_num_queries, rows):
    RetailObject.objects.bulk_create(
        RetailObject(region=region, name=f"R{i}", trade_area=Decimal(900 + i * 50), networks_by_state=True)
        for i in range(rows)
    )
    client.force_login(budget_admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("monitoring:retail_list")).status_code == 200


@pytest.mark.rule("§10")
def test_s10_local_producer_in_a_priority_activity_is_placed(region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    _priority(region, "10.5")
    placement = _placement(retail, budget_admin, date(2027, 7, 31), oked="10.51")
    assert (placement.producer_region, placement.producer_oked.code) == (region, "10.51")


@pytest.mark.rule("§10")
def test_s10_producer_of_another_region_is_refused(region, other_region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    _priority(region, "10.5")
    _priority(other_region, "10.5")  # on the other region's list too: still not local here
    with pytest.raises(ValidationError) as refused:
        _placement(retail, budget_admin, date(2027, 7, 31), producer_region=other_region)
    assert "producer_region" in refused.value.error_dict
    assert not ShelfPlacement.objects.exists()


@pytest.mark.rule("§10")
def test_s10_code_off_the_regions_list_is_refused(region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    _priority(region, "10.5")
    with pytest.raises(ValidationError) as refused:
        _placement(retail, budget_admin, date(2027, 7, 31), oked="10.71")
    assert "producer_oked" in refused.value.error_dict
    assert not ShelfPlacement.objects.exists()


@pytest.mark.rule("§10")
@pytest.mark.parametrize(
    ("listed", "producer", "placed"),
    [
        ("01", "01.11.1", True),  # division covers its sub-class
        ("10.5", "10.5", True),  # the listed group itself
        ("10.51", "10.51", True),  # the listed class itself
        ("10.51", "10.5", False),  # a class does not cover its parent group
        ("01.11.1", "01.11", False),  # a sub-class does not cover its class
        ("10.5", "10.71", False),  # a neighbour group's class
        ("A", "01.41", False),  # a letter section on the list covers nothing (§5 rev. 2)
    ],
)
def test_s10_priority_match_at_each_code_level(region, budget_admin, listed, producer, placed):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    _priority(region, listed)
    if placed:
        assert _placement(retail, budget_admin, date(2027, 7, 31), oked=producer).pk
    else:
        with pytest.raises(ValidationError):
            _placement(retail, budget_admin, date(2027, 7, 31), oked=producer)


@pytest.mark.rule("§10")
def test_s10_refusal_shown_on_the_form_in_kazakh_and_russian(client, region, other_region, budget_admin):
    retail = RetailObject.objects.create(region=region, name="Small", trade_area=Decimal(800), networks_by_state=True)
    _priority(region, "10.5")
    client.force_login(budget_admin)
    data = {
        "producer_identifier": "900101300017",
        "producer_name": "ЖК",
        "producer_region": other_region.pk,
        "producer_oked": "10.51",
        "area": "3",
        "starts_on": "2027-01-01",
        "ends_on": "2027-07-01",
        "cost": "10",
        "compliance": "compliant",
    }
    kk = client.post(f"/kk/monitoring/retail/{retail.pk}/placements/", data).content.decode()
    ru = client.post(
        f"/ru/monitoring/retail/{retail.pk}/placements/",
        {**data, "producer_region": region.pk, "producer_oked": "10.71"},
    ).content.decode()
    assert "10-т." in kk and "§" not in kk.split("error-summary", 1)[1][:2000]
    assert "п. 10" in ru
    assert not ShelfPlacement.objects.exists()
    ok = client.post(f"/ru/monitoring/retail/{retail.pk}/placements/", {**data, "producer_region": region.pk})
    assert ok.status_code == 302 and ShelfPlacement.objects.get().producer_oked.code == "10.51"


@pytest.mark.rule("§11")
def test_s11_retail_object_create_takes_plain_values_and_refuses_a_superuser(region, coordinator):
    """Issue 17: the service takes the form's values as keywords; a superuser is not an official."""
    from django.core.exceptions import PermissionDenied

    from monitoring.services.retail import retail_object_create
    from tests.factories import UserFactory

    retail = retail_object_create(
        region=region, name="Магнум", trade_area=Decimal(900), networks_by_state=True, by=coordinator, at=AT
    )
    assert (retail.region, retail.required_zone) == (region, Decimal("45.00"))
    root = UserFactory(username="root", role="coordinator", region=region, is_superuser=True)
    with pytest.raises(PermissionDenied):
        retail_object_create(region=region, name="Small", trade_area=Decimal(100), by=root, at=AT)
    assert RetailObject.objects.count() == 1
