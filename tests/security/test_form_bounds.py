"""500s the tester found, each now a 404 / 400 with a message: 25-digit integers in forms (one
mechanism bounds every integer field to the database's range), NUL in a verification code,
the reports page of 2099 linking to 2100, a non-ASCII digit as a notification id."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from monitoring import forms as monitoring_forms
from registry.forms_bounds import INT_MAX, DbBoundsMixin
from registry.models import Notification

HUGE = "9" * 25


def _project_forms():
    found = set()
    for package in ("applications", "councils", "monitoring", "registry"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".migrations" in info.name or ".management" in info.name or info.name.endswith("pdfclean"):
                continue
            for _, cls in inspect.getmembers(importlib.import_module(info.name), inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.startswith(package):
                    found.add(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


def _integer_fields(cls) -> list[str]:
    return [
        name
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField)
    ]


@pytest.mark.parametrize(
    "form_class", [c for c in _project_forms() if _integer_fields(c)], ids=lambda c: f"{c.__module__}.{c.__name__}"
)
def test_every_form_with_an_integer_field_is_bounded_to_the_database(form_class):
    assert issubclass(form_class, DbBoundsMixin), f"{form_class.__name__}: integer fields without DB bounds"


@pytest.mark.parametrize(
    ("form_class", "data", "field"),
    [
        (
            monitoring_forms.YearPlanForm,
            {"year": "2026", "jobs_permanent": HUGE, "jobs_temporary": "0"},
            "jobs_permanent",
        ),
        (monitoring_forms.YearFactForm, {"jobs_permanent": "1", "jobs_temporary": HUGE}, "jobs_temporary"),
        (monitoring_forms.LoadForm, {"served": HUGE}, "served"),
    ],
)
def test_25_digit_integers_are_refused_with_a_message(form_class, data, field):
    with translation.override("ru"):
        form = form_class(data=data)
        assert not form.is_valid()
        assert field in form.errors and str(INT_MAX) in " ".join(form.errors[field]).replace("\u00a0", "").replace(
            " ", ""
        )


def test_an_integer_at_the_database_bound_is_accepted():
    form = monitoring_forms.LoadForm(data={"served": str(INT_MAX)})
    form.is_valid()
    assert "served" not in form.errors
    form = monitoring_forms.LoadForm(data={"served": str(INT_MAX + 1)})
    form.is_valid()
    assert "served" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["abc%00def", "%00", "a" * 33, "ab.cd", "абв"])
def test_verification_code_outside_its_alphabet_is_a_404(client, code):
    assert client.get(f"/kk/verify/{code}/").status_code == 404


@pytest.mark.django_db
def test_reports_page_of_the_last_year_has_no_link_past_it(client, coordinator):
    client.force_login(coordinator)
    with translation.override("kk"):
        response = client.get(reverse("monitoring:reports", args=[2099]))
    assert response.status_code == 200
    assert "/reports/2100/" not in response.content.decode()
    with translation.override("kk"):
        assert (
            reverse("monitoring:reports", args=[2098])
            in client.get(reverse("monitoring:reports", args=[2097])).content.decode()
        )


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["²", "٣", "١٢", "9" * 25])
def test_unusual_digits_as_notification_id_are_ignored(client, entrepreneur, bad):
    note = Notification.objects.create(recipient=entrepreneur, kind="test", subject="s", body="b")
    client.force_login(entrepreneur)
    with translation.override("kk"):
        response = client.post(reverse("registry:notifications_read"), {"id": [bad]})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is None
