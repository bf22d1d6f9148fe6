"""Indexes the benchmark at 200,000 applications asked for (docs/benchmarks.md).

* ``application_queue_idx``: the inbox without a status filter reads the
  region's queue in §5 order straight from the index instead of sorting it.
* Trigram indexes for the registry search, which matches a fragment of the
  number, the applicant's or the project's name anywhere (``icontains``,
  compiled by Django as ``UPPER(col::text) LIKE UPPER('%…%')``). They are
  PostgreSQL's own (pg_trgm, a trusted extension), so they are created only
  there; a SQLite demo database simply scans.
"""
from django.db import migrations, models

SEARCHED = ("number", "applicant_name", "project_name")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "application_{column}_trgm" ON "applications_application" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "application_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0051_details_request_review"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("submitted_at__isnull", False)),
                fields=["region", "-priority", "submitted_at", "id"],
                name="application_queue_idx",
            ),
        ),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
