"""The journal proves itself: a recomputed chain, a deleted tail and a truncated table are each caught.

Each attack is done as the database owner would (triggers switched off), which is the
power the keyed chain and the anchors are there for.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from registry.audit import (
    anchor_path,
    anchors_read,
    audit_anchor,
    audit_check,
    audit_record,
    audit_verify,
    event_content,
)
from registry.models import AuditEvent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the guards live in PostgreSQL"),
]

TRIGGERS = ("registry_auditevent_append_only", "registry_auditevent_no_truncate")
AT = datetime(2026, 4, 1, 19, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def journal(coordinator, region):
    return [
        audit_record(actor=coordinator, obj=region, action=f"step{i}", from_state="a", to_state="b", rule="§19")
        for i in range(5)
    ]


def _as_owner(*statements):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for trigger in TRIGGERS:
            cursor.execute(f"ALTER TABLE registry_auditevent DISABLE TRIGGER {trigger}")
        for sql, params in statements:
            cursor.execute(sql, params)
        for trigger in TRIGGERS:
            cursor.execute(f"ALTER TABLE registry_auditevent ENABLE TRIGGER {trigger}")


def test_database_refuses_truncate_of_the_journal(journal):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL portal.audit_truncate = ''")  # a production session: no permission
        with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"), transaction.atomic():
            cursor.execute("TRUNCATE registry_auditevent CASCADE")
    assert AuditEvent.objects.count() == len(journal)


def test_a_chain_recomputed_without_the_key_is_caught_at_the_first_changed_event(journal, settings):
    """Rewrite event 2's state and recompute every later hash as the old, unkeyed chain did."""
    statements, prev = [], journal[1].hash
    for event in journal[2:]:
        event.to_state = "approved" if event is journal[2] else event.to_state
        digest = hashlib.sha256((prev + event_content(event)).encode()).hexdigest()
        statements.append(
            (
                "UPDATE registry_auditevent SET to_state = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [event.to_state, prev, digest, event.pk],
            )
        )
        prev = digest
    _as_owner(*statements)
    assert audit_verify()[0] == journal[2].pk
    with pytest.raises(CommandError, match=f"first broken event is {journal[2].pk}"):
        call_command("verify_audit")


def test_the_key_decides_the_chain(journal, settings):
    assert audit_verify() == []
    settings.AUDIT_HMAC_KEY = "another-key"  # a chain made with another key does not verify
    assert audit_verify() == [e.pk for e in journal]


def test_anchor_is_appended_to_a_file_and_mailed_to_the_auditor(journal, settings, mailoutbox, region):
    settings.AUDIT_ANCHOR_EMAIL = "auditor@example.kz"
    audit_anchor(at=AT)
    audit_record(actor=None, obj=region, action="later")
    audit_anchor(at=AT)
    lines = anchor_path().read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["last_id"] == journal[-1].pk
    assert json.loads(lines[1])["count"] == len(journal) + 1
    assert [m.to for m in mailoutbox] == [["auditor@example.kz"]] * 2 and journal[-1].hash in mailoutbox[0].body


def test_deleting_the_tail_is_caught_by_the_anchor(journal):
    audit_anchor(at=AT)
    _as_owner(("DELETE FROM registry_auditevent WHERE id >= %s", [journal[3].pk]))
    assert audit_verify() == []  # what is left still chains: only the anchor knows
    check = audit_check()
    assert not check.intact and check.missing[0].last_id == journal[-1].pk
    with pytest.raises(CommandError, match=rf"names event {journal[-1].pk} \(events up to it: 5\)"):
        call_command("verify_audit")


def test_truncating_the_table_is_caught_by_the_anchor(journal):
    audit_anchor(at=AT)
    _as_owner(("TRUNCATE registry_auditevent CASCADE", []))
    assert AuditEvent.objects.count() == 0
    assert audit_check().missing == anchors_read()
    with pytest.raises(CommandError, match="Events are missing"):
        call_command("verify_audit")


def test_an_intact_journal_with_anchors_verifies(journal, region):
    audit_anchor(at=AT)
    audit_record(actor=None, obj=region, action="after the anchor")
    assert audit_check().intact
    call_command("verify_audit")
