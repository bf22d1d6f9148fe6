"""Infrastructure objects: common use (§7), load and its chart (§29.1)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import InfrastructureObject
from monitoring.services.objects import load_record, object_user_add

from .factories import AT, infrastructure_object, object_type, project

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§7")
def test_s7_common_use_object_below_three_users_is_flagged(client, region, budget_admin):
    obj = infrastructure_object(region, users=2)
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:object", args=[obj.pk])).content.decode()
    assert 'data-testid="common-use-warning"' in page
    object_user_add(
        obj=obj,
        identifier="123456789012",
        name="ЖШС Үшінші",
        used_from=date(2026, 2, 1),
        used_until=None,
        by=budget_admin,
        at=AT,
    )
    page = client.get(reverse("monitoring:object", args=[obj.pk])).content.decode()
    assert 'data-testid="common-use-warning"' not in page


@pytest.mark.rule("§7")
def test_s7_ended_users_do_not_count(client, region, budget_admin):
    obj = infrastructure_object(region, users=3)
    obj.users.filter(identifier="000000000001").update(used_until=date(2026, 6, 30))
    client.force_login(budget_admin)
    assert (
        'data-testid="common-use-warning"' in client.get(reverse("monitoring:object", args=[obj.pk])).content.decode()
    )


def test_object_not_for_common_use_is_not_flagged(client, region, budget_admin):
    obj = infrastructure_object(region, common_use=False, users=1)
    client.force_login(budget_admin)
    assert "common-use-warning" not in client.get(reverse("monitoring:object", args=[obj.pk])).content.decode()


@pytest.mark.rule("§29")
def test_s29_load_chart_is_plain_svg_without_style(client, region, budget_admin):
    obj = infrastructure_object(region, users=3)
    for month, occupancy in ((1, "40"), (2, "55.5"), (3, "72")):
        load_record(
            obj=obj,
            month=date(2027, month, 1),
            occupancy=Decimal(occupancy),
            served=month * 3,
            volume=Decimal(100),
            by=budget_admin,
            at=AT,
        )
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:object", args=[obj.pk])).content.decode()
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL).group(0)
    assert "<polyline" in svg and svg.count("<circle") == 3
    assert "style=" not in page and "<script>" not in page


def test_user_with_bad_identifier_is_refused_with_message(client, region, budget_admin):
    obj = infrastructure_object(region)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:object_user", args=[obj.pk]),
        {"identifier": "12345", "name": "X", "used_from": "2027-01-01"},
    )
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert client.get(reverse("monitoring:object_user", args=[obj.pk])).status_code == 405
    assert client.get(reverse("monitoring:object_load", args=[obj.pk])).status_code == 405


def test_object_create_links_financing_project(client, region, budget_admin):
    app = project(region)
    client.force_login(budget_admin)
    response = client.post(
        reverse("monitoring:object_create"),
        {
            "name": "Сою цехы",
            "object_type": object_type(common_use=True).pk,
            "location": "Шымкент",
            "capacity": "10 т/күн",
            "operator": "ЖШС Оператор",
            "works_status": "construction",
            "projects": [app.pk],
        },
    )
    assert response.status_code == 302
    obj = InfrastructureObject.objects.get(name="Сою цехы")
    assert obj.region == region and list(obj.projects.all()) == [app]


def test_object_of_another_region_is_404(client, region, coordinator_elsewhere):
    obj = infrastructure_object(region)
    client.force_login(coordinator_elsewhere)
    assert client.get(reverse("monitoring:object", args=[obj.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_object_list_query_count(client, region, budget_admin, django_assert_max_num_queries, rows):
    kind = object_type(common_use=True)
    InfrastructureObject.objects.bulk_create(
        InfrastructureObject(region=region, name=f"O{i}", location="L", object_type=kind) for i in range(rows)
    )
    client.force_login(budget_admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("monitoring:objects")).status_code == 200


@pytest.mark.rule("§28")
def test_s28_object_create_takes_plain_values_and_refuses_another_regions_recorder(
    region, budget_admin, coordinator_elsewhere
):
    """Issue 17: the service takes the form's values as keywords, not the form."""
    from django.core.exceptions import PermissionDenied

    from monitoring.services.objects import object_create

    financed = project(region)
    values = {"name": "Қойма", "object_type": object_type(common_use=False), "location": "Шымкент"}
    obj = object_create(region=region, projects=[financed], by=budget_admin, at=AT, **values)
    assert (obj.name, obj.region, list(obj.projects.all())) == ("Қойма", region, [financed])
    with pytest.raises(PermissionDenied):
        object_create(region=region, by=coordinator_elsewhere, at=AT, **values)
    assert InfrastructureObject.objects.count() == 1
