"""What councils does when applications tells it something (dependencies point one way)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from councils.models import AgendaItem
from registry.audit import audit_record


def take_refused_item_off_agenda(sender, *, refusal, stage: str, by, at, **kwargs) -> None:
    """§20 (rev. 2): a refusal at the on-agenda stage takes the item off its session's agenda.

    The item stays in the session's list as "taken off the agenda" and the council reads the
    coordinator's refusal (category and reasons) on it. An item being voted on, or decided, is
    not taken off: the refusal is refused and rolls back.
    """
    items = AgendaItem.objects.select_for_update().filter(
        application_id=refusal.application_id,
        status__in=[AgendaItem.Status.PENDING, AgendaItem.Status.VOTING],
    )
    for item in items:
        if item.status == AgendaItem.Status.VOTING:
            raise ValidationError(
                _("The council is voting on this application now: refuse it after the vote."), code="voting"
            )
        item.status = AgendaItem.Status.REMOVED
        item.save(update_fields=["status"])
        audit_record(
            actor=by,
            obj=item.session,
            action="agenda item removed",
            rule="§20",
            at=at,
            reason=f"{refusal.application.number}: {refusal.get_category_display()}",
        )
