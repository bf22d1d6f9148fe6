"""``manage.py grant_app_role <role>``: the rights of the application's own database role.

Run as the database owner after ``migrate`` (compose's ``migrate`` service does). The
web, worker and beat processes connect as ``<role>``: they read and write the workflow
tables, but may only INSERT and SELECT the audit journal — no UPDATE, DELETE or
TRUNCATE, whatever a bug or an intruder in the application tries.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from registry.models import AuditEvent


class Command(BaseCommand):
    help = "Grant the application's database role its rights: INSERT and SELECT only on the audit journal."

    def add_arguments(self, parser):
        parser.add_argument("role")

    def handle(self, *args, role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role needs PostgreSQL.")
        name, journal = sql.Identifier(role), sql.Identifier(AuditEvent._meta.db_table)
        statements = [
            sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(name),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(name),
            sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(name),
            sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {} FROM {}").format(journal, name),
        ]
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"{role}: workflow tables read/write, the audit journal INSERT and SELECT only.")
