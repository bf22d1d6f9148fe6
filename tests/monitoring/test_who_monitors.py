"""§28: monitoring is done by the local budget programme administrator of the project's region.

The administrator records an object's load (§29.1), a project's result indicators (§29.2) and its use of
funds (§29.3); the coordinator may record load too (it monitors the objects' efficiency, §14–§16). The
entrepreneur whose project it is, a council member and another region's administrator cannot: they are
refused (403, or 404 outside their reach) and nothing is recorded.
"""

from datetime import date

import pytest
from django.urls import reverse

from applications.models import Status
from monitoring.models import FundsUse, LoadIndicator, ResultIndicator

from .factories import infrastructure_object, project

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§28")]

LOAD = {"month": "2027-03-01", "occupancy": "55", "served": "4", "volume": "120"}
INDICATOR = {
    "year": "2027",
    "kind": "direct",
    "name": "Іске қосылған нысандар",
    "unit": "дана",
    "plan": "1",
    "fact": "1",
}
FUNDS = {"year": "2027", "source": "regional", "allocated": "1000", "disbursed": "1000", "unspent_reason": ""}


@pytest.fixture
def monitored(region, entrepreneur):
    """The entrepreneur's project in monitoring and the common-use object it financed."""
    app = project(region, applicant=entrepreneur, status=Status.IN_MONITORING)
    obj = infrastructure_object(region, users=3)
    obj.projects.add(app)
    return app, obj


def _record(client, user, monitored, what):
    app, obj = monitored
    client.force_login(user)
    if what == "load":
        return client.post(reverse("monitoring:object_load", args=[obj.pk]), LOAD)
    url, data = {"indicator": ("monitoring:indicator", INDICATOR), "funds": ("monitoring:funds", FUNDS)}[what]
    return client.post(reverse(url, args=[app.pk]), data)


def _recorded(monitored) -> dict:
    app, obj = monitored
    return {
        "load": list(LoadIndicator.objects.filter(infrastructure_object=obj).values_list("month", "occupancy")),
        "indicator": list(ResultIndicator.objects.filter(application=app).values_list("name", "fact")),
        "funds": list(FundsUse.objects.filter(application=app).values_list("allocated", "disbursed")),
    }


@pytest.mark.parametrize("what", ["load", "indicator", "funds"])
def test_s28_the_regions_budget_administrator_records_monitoring(client, budget_admin, monitored, what):
    response = _record(client, budget_admin, monitored, what)
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    expected = {"load": [(date(2027, 3, 1), 55)], "indicator": [("Іске қосылған нысандар", 1)], "funds": [(1000, 1000)]}
    assert _recorded(monitored)[what] == expected[what]


def test_s28_the_administrators_records_show_on_the_project_page(client, budget_admin, monitored):
    app, _obj = monitored
    _record(client, budget_admin, monitored, "indicator")
    _record(client, budget_admin, monitored, "funds")
    page = client.get(reverse("monitoring:project", args=[app.pk])).content.decode()
    assert "Іске қосылған нысандар" in page and "1\xa0000,00" in page  # thousands separated by a space


def test_s28_the_coordinator_records_an_objects_load_but_not_results_or_funds(client, coordinator, monitored):
    assert _record(client, coordinator, monitored, "load").status_code == 302
    assert _record(client, coordinator, monitored, "indicator").status_code == 403
    assert _record(client, coordinator, monitored, "funds").status_code == 403
    recorded = _recorded(monitored)
    assert len(recorded["load"]) == 1 and recorded["indicator"] == [] and recorded["funds"] == []


@pytest.mark.parametrize(
    "persona, refused",
    [
        # The project's own entrepreneur sees the project page, so the refusal is a 403; the object is staff-only.
        ("entrepreneur", {"load": 404, "indicator": 403, "funds": 403}),
        ("council_member", {"load": 404, "indicator": 404, "funds": 404}),
        ("budget_admin_elsewhere", {"load": 404, "indicator": 404, "funds": 404}),
    ],
)
def test_s28_others_cannot_record_monitoring(client, request, monitored, persona, refused):
    user = request.getfixturevalue(persona)
    for what, status in refused.items():
        assert _record(client, user, monitored, what).status_code == status, what
    assert _recorded(monitored) == {"load": [], "indicator": [], "funds": []}


def test_s28_only_the_administrator_is_offered_the_monitoring_forms(client, budget_admin, entrepreneur, monitored):
    app, _obj = monitored
    funds_url, indicator_url = (
        reverse("monitoring:funds", args=[app.pk]),
        reverse("monitoring:indicator", args=[app.pk]),
    )
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:project", args=[app.pk])).content.decode()
    assert f'action="{funds_url}"' in page and f'action="{indicator_url}"' in page
    client.force_login(entrepreneur)
    response = client.get(reverse("monitoring:project", args=[app.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert funds_url not in page and indicator_url not in page


@pytest.mark.parametrize(
    "persona, what",
    [
        ("entrepreneur", "load"),
        ("budget_admin_elsewhere", "load"),
        ("coordinator", "indicator"),
        ("entrepreneur", "funds"),
        ("budget_admin_elsewhere", "funds"),
    ],
)
def test_s28_the_services_refuse_others_whoever_calls_them(request, monitored, persona, what):
    """Not only the pages: a task or script calling the service as someone else records nothing."""
    from decimal import Decimal

    from django.core.exceptions import PermissionDenied

    from monitoring.services.objects import load_record
    from monitoring.services.results import funds_record, indicator_set

    from .factories import AT

    app, obj = monitored
    by = request.getfixturevalue(persona)
    record = {
        "load": lambda: load_record(
            obj=obj, month=date(2027, 3, 1), occupancy=Decimal(55), served=4, volume=Decimal(120), by=by, at=AT
        ),
        "indicator": lambda: indicator_set(
            application=app,
            year=2027,
            kind="direct",
            name="Нысан",
            unit="дана",
            plan=Decimal(1),
            fact=Decimal(1),
            by=by,
            at=AT,
        ),
        "funds": lambda: funds_record(
            application=app,
            year=2027,
            source="regional",
            allocated=Decimal(1000),
            disbursed=Decimal(1000),
            unspent_reason="",
            by=by,
            at=AT,
        ),
    }[what]
    with pytest.raises(PermissionDenied):
        record()
    assert _recorded(monitored)[what] == []
