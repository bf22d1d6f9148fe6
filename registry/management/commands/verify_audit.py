"""``manage.py verify_audit``: check the audit journal's hash chain."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.audit import audit_verify
from registry.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit journal's hash chain; exit non-zero and list the ids of tampered events."

    def handle(self, *args, **options):
        broken = audit_verify()
        if broken:
            ids = ", ".join(str(pk) for pk in broken)
            raise CommandError(_("Audit journal tampered: events %(ids)s do not follow the chain.") % {"ids": ids})
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(_("Audit journal OK: %(count)d events, chain intact.") % {"count": count}))
