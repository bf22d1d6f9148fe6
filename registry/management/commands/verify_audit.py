"""``manage.py verify_audit``: check the audit journal's keyed chain and its anchors."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.audit import audit_check


class Command(BaseCommand):
    help = (
        "Verify the audit journal's keyed hash chain and the daily anchors of its head; exit non-zero, "
        "naming the first broken event or the missing tail."
    )

    def handle(self, *args, **options):
        check = audit_check()
        problems = []
        if check.broken:
            ids = ", ".join(str(pk) for pk in check.broken)
            problems.append(_("Audit journal tampered: events %(ids)s do not follow the chain.") % {"ids": ids})
            problems.append(_("The first broken event is %(id)s.") % {"id": check.broken[0]})
        if check.missing:
            anchor = check.missing[0]
            problems.append(
                _(
                    "Events are missing: the anchor of %(at)s names event %(id)s (events up to it: "
                    "%(count)s), and the journal no longer holds it as anchored."
                )
                % {"at": anchor.at, "id": anchor.last_id, "count": anchor.count}
            )
        if problems:
            raise CommandError(" ".join(problems))
        self.stdout.write(
            self.style.SUCCESS(_("Audit journal OK: %(count)d events, chain intact.") % {"count": check.count})
        )
