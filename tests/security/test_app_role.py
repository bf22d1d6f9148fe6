"""The application's database role may only INSERT and SELECT the audit journal (README "Database roles")."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from registry.audit import audit_record, audit_verify
from registry.models import AuditEvent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
]


@pytest.fixture
def app_role():
    role = f"{connection.settings_dict['NAME']}_app"[:60]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    call_command("grant_app_role", role)
    return role


def test_app_role_appends_and_reads_but_cannot_rewrite_the_journal(app_role, coordinator, region):
    audit_record(actor=coordinator, obj=region, action="before")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{app_role}"')
        audit_record(actor=coordinator, obj=region, action="as the app")  # INSERT and SELECT
        assert AuditEvent.objects.filter(action="as the app").exists()
        for statement in (
            "UPDATE registry_auditevent SET reason = 'x'",
            "DELETE FROM registry_auditevent",
            "TRUNCATE registry_auditevent",
        ):
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                cursor.execute(statement)
        # The workflow tables stay writable.
        cursor.execute("UPDATE registry_region SET name_kk = name_kk WHERE id = %s", [region.pk])
    assert audit_verify() == []
