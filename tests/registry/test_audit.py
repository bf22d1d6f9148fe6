"""The audit journal: append-only in PostgreSQL, and ``verify_audit`` finds tampering."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from registry.audit import audit_for, audit_record
from registry.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Commands speak the active language (Kazakh by default); these tests read the English msgids."""
    from django.utils import translation

    with translation.override("en"):
        yield


TRIGGER = "registry_auditevent_append_only"
# The append-only trigger exists on PostgreSQL, the database the portal runs on (CI included).
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger lives in PostgreSQL")


@pytest.fixture
def journal(coordinator, region):
    return [
        audit_record(actor=coordinator, obj=region, action=f"step{i}", from_state="a", to_state="b", rule="§19")
        for i in range(3)
    ]


def test_audit_record_chains_each_event_to_the_previous(journal, region):
    assert [e.prev_hash for e in journal[1:]] == [e.hash for e in journal[:-1]]
    assert [e.action for e in audit_for(region)] == ["step0", "step1", "step2"]


@postgresql_only
def test_database_refuses_update_of_an_audit_event(journal):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=journal[0].pk).update(reason="rewritten")
    assert AuditEvent.objects.get(pk=journal[0].pk).reason == ""


@postgresql_only
def test_database_refuses_delete_of_an_audit_event(journal):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM registry_auditevent WHERE id = %s", [journal[1].pk])
    assert AuditEvent.objects.filter(pk=journal[1].pk).exists()


def _tamper(sql, params):
    """Do what only the database owner could: switch the guard off, change a row, switch it on."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending FK checks
        cursor.execute(f"ALTER TABLE registry_auditevent DISABLE TRIGGER {TRIGGER}")
        cursor.execute(sql, params)
        cursor.execute(f"ALTER TABLE registry_auditevent ENABLE TRIGGER {TRIGGER}")


def test_verify_audit_says_ok_on_an_intact_journal(journal):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Audit journal OK: 3 events" in out.getvalue()


def test_verify_audit_names_the_tampered_event_and_fails(journal):
    _tamper("UPDATE registry_auditevent SET to_state = 'approved' WHERE id = %s", [journal[1].pk])
    with pytest.raises(CommandError, match=f"events {journal[1].pk} do not follow"):
        call_command("verify_audit")


def test_verify_audit_exits_non_zero_from_the_command_line(journal):
    _tamper("DELETE FROM registry_auditevent WHERE id = %s", [journal[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "verify_audit"])
    assert exit_info.value.code != 0


def test_verify_audit_reports_in_kazakh_by_default(journal):
    from django.utils import translation

    out = StringIO()
    with translation.override("kk"):
        call_command("verify_audit", stdout=out)
    assert "Аудит журналы дұрыс: 3 оқиға, тізбек бүтін." in out.getvalue()
