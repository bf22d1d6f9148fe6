"""Old notifications of every known kind get their data (registry 0012) and then read in the reader's language.

Each row below is written as an old row was: its words frozen in Russian,
no data, its link (or, for the council's decisions, the number in its
subject) naming its object. After the migration a Kazakh reader reads it in
Kazakh. A row of an unknown kind, or whose object is gone, keeps its words.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone, translation

from registry.models import Notification
from registry.notification_text import notification_text
from tests.security.matrix import World

migration = importlib.import_module("registry.migrations.0012_notification_data_of_every_known_kind")

pytestmark = pytest.mark.django_db
FROZEN = "СТАРЫЕ СЛОВА"


@pytest.fixture
def world(
    monkeypatch,
    region,
    other_region,
    entrepreneur,
    other_entrepreneur,
    coordinator,
    coordinator_elsewhere,
    budget_admin,
    planning,
):
    import itertools

    from tests.monitoring import factories as monitoring_factories

    # The councils' and monitoring's factories number applications from 1 each; here both run in one test.
    monkeypatch.setattr(monitoring_factories, "_numbers", itertools.count(70000))
    return World(
        region=region,
        other_region=other_region,
        entrepreneur=entrepreneur,
        other_entrepreneur=other_entrepreneur,
        coordinator=coordinator,
        coordinator_elsewhere=coordinator_elsewhere,
        budget_admin=budget_admin,
        planning=planning,
    )


def _old(kind: str, recipient, url: str = "", subject: str = FROZEN) -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=FROZEN,
        url=url,
        data={},
        created_at=timezone.now() + timedelta(minutes=1),
    )


def _objects(world) -> dict:
    """kind -> (recipient, url, subject) of an old row naming an object the world has."""
    from applications.models import Refusal
    from councils.models import AgendaItem
    from monitoring.models import YearResult
    from registry.audit import audit_record

    submitted, coordinator, entrepreneur = world.submitted, world.coordinator, world.entrepreneur
    audit_record(actor=entrepreneur, obj=submitted, action="application_withdraw", reason="Қаражат жоқ")
    Refusal.objects.create(
        application=submitted, category="unreliable", reason="Құжаттар толық емес", by=coordinator, at=timezone.now()
    )
    message = world.message
    notice = world.notice
    notice.sent_at, notice.sent_by, notice.content_hash, notice.signature = timezone.now(), coordinator, "0" * 64, "x"
    notice.save(update_fields=["sent_at", "sent_by", "content_hash", "signature"])
    decided = world.decided_item
    undecided = world.item
    AgendaItem.objects.filter(pk=undecided.pk).update(status="closed", decision="not_decided")
    project = world.project
    from tests.monitoring import factories as monitoring_factories

    monitoring_factories.decide(world.budget_request, world.planning)
    world.financing_plan  # noqa: B018  (the plan of the old "plan published" row)
    YearResult.objects.filter(pk=world.year_result.pk).update(status="confirmed")
    deadline = world.deadline
    deadline.responsible.add(coordinator)
    return {
        "application_submitted": (coordinator, f"/ru/review/{submitted.pk}/"),
        "application_withdrawn": (coordinator, f"/ru/review/{submitted.pk}/"),
        "application_message": (entrepreneur, f"/ru/applications/{message.application_id}/messages/"),
        "review_accepted": (entrepreneur, f"/ru/applications/{submitted.pk}/"),
        "review_refused": (entrepreneur, f"/ru/applications/{submitted.pk}/"),
        "council_notice": (entrepreneur, f"/ru/applications/{notice.item.application_id}/"),
        "council_not_decided": (entrepreneur, "", f"Нет решения по заявке {undecided.application.number}"),
        "council_decision": (entrepreneur, "", f"Решение совета по заявке {decided.application.number}"),
        "council_session_scheduled": (world.council_member, f"/ru/councils/sessions/{world.session.pk}/"),
        "council_session_reminder": (world.council_member, f"/ru/councils/sessions/{world.session.pk}/"),
        "council_handover": (world.budget_admin, f"/ru/councils/protocols/{world.protocol.pk}/"),
        "deadline_reminder": (coordinator, f"/ru/deadlines/{deadline.pk}/"),
        "deadline_escalation": (coordinator, f"/ru/deadlines/{deadline.pk}/"),
        "monitoring_plan_published": (entrepreneur, f"/ru/monitoring/projects/{project.pk}/"),
        "monitoring_budget_reviewed": (world.budget_admin, f"/ru/monitoring/projects/{project.pk}/"),
        "monitoring_result_confirmed": (entrepreneur, f"/ru/monitoring/projects/{project.pk}/"),
    }


def test_every_kind_the_portal_sends_is_known_to_the_migration():
    import re
    from pathlib import Path

    base = Path(__file__).resolve().parents[2]
    sent = set()
    for path in base.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        sent |= set(re.findall(r'kind="([a-z_]+)", context=', path.read_text(encoding="utf-8")))
        sent |= set(re.findall(r'kind="((?:application|review|council|monitoring)_[a-z_]+)"', path.read_text()))
    sent |= {"deadline_reminder", "deadline_escalation"}  # kind=f"deadline_{kind}"
    templates = {p.stem for p in (base / "templates" / "notifications").glob("*.txt")}
    # Kinds born after the migration store their data from the start (issue 15's budget chain): no old rows.
    born_with_data = {"monitoring_budget_returned", "monitoring_budget_decided"}
    templates -= born_with_data
    assert templates - {"welcome"} == set(migration.KINDS)
    assert {k for k in sent if k in templates} - {"welcome"} <= set(migration.KINDS)


def test_old_rows_of_every_known_kind_read_in_the_readers_language(world):
    rows = {}
    for kind, (recipient, url, *subject) in _objects(world).items():
        rows[kind] = _old(kind, recipient, url, *subject)
    migration.forwards(apps, None)
    missing = []
    for kind, row in rows.items():
        row.refresh_from_db()
        if not row.data:
            missing.append(kind)
            continue
        with translation.override("kk"):
            subject, body = notification_text(row)
        assert FROZEN not in subject + body, kind
        assert subject and body, kind
    assert missing == []
    with translation.override("kk"):
        assert "Қаражат жоқ" in notification_text(rows["application_withdrawn"])[1]
        assert "шешімі: инфрақұрылым беру мүмкін" in notification_text(rows["council_decision"])[1]


def test_a_row_of_an_unknown_kind_or_a_vanished_object_keeps_its_words(world):
    unknown = _old("legacy_kind", world.coordinator, "/ru/review/1/")
    vanished = _old("review_accepted", world.entrepreneur, "/ru/applications/999999/")
    no_link = _old("review_accepted", world.entrepreneur, "")
    migration.forwards(apps, None)
    for row in (unknown, vanished, no_link):
        row.refresh_from_db()
        assert row.data == {}
        with translation.override("kk"):
            assert notification_text(row) == (FROZEN, FROZEN)


def test_the_migration_runs_twice_without_change(world):
    row = _old("review_accepted", world.entrepreneur, f"/kk/applications/{world.submitted.pk}/")
    migration.forwards(apps, None)
    row.refresh_from_db()
    first = row.data
    migration.forwards(apps, None)
    row.refresh_from_db()
    assert row.data == first != {}
