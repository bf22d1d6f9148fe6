"""The database refuses TRUNCATE of the audit journal too (PostgreSQL).

A row trigger (0002) does not fire on TRUNCATE; this statement trigger does. The test
suite's flush and the bench's --reset empty the table on purpose: they set
``portal.audit_truncate = 'allowed'`` in their own session. That is no weaker than the
owner's power to disable a trigger, and the application's role has no TRUNCATE right at
all (README "Database roles"); an emptied journal is still caught by the anchors.
"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION registry_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('portal.audit_truncate', true) = 'allowed' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit journal is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER registry_auditevent_no_truncate
    BEFORE TRUNCATE ON registry_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION registry_auditevent_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS registry_auditevent_no_truncate ON registry_auditevent;
DROP FUNCTION IF EXISTS registry_auditevent_no_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_documents")]
    operations = [migrations.RunPython(forwards, backwards)]
