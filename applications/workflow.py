"""The one way an application changes status.

Each named transition (``application_submit``, ``application_refuse``,
``council_decide`` …) checks its actor and its rule, then calls
:func:`application_move`, which locks the row, checks the state it expects,
writes the status with ``update_fields`` and appends the audit event.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Status
from registry.audit import audit_record
from registry.models import User


def application_move(
    *,
    application: Application,
    allowed_from: Iterable[Status],
    to: Status,
    by: User | None,
    action: str,
    rule: str = "",
    reason: str = "",
    at: datetime | None = None,
    fields: dict | None = None,
    already_locked: bool = False,
) -> Application:
    """Move ``application`` to ``to`` if it stands in one of ``allowed_from``.

    ``already_locked``: the caller read ``application`` with ``select_for_update`` in the transaction it
    is still in, so the row is neither locked nor read a second time.
    """
    at = at or timezone.now()
    # A caller holding the lock is in its own transaction, which any failure here ends: no savepoint needed.
    with transaction.atomic(savepoint=not already_locked):
        locked = application if already_locked else Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in set(allowed_from):
            raise ValidationError(
                _("The application is %(status)s; this step is not possible now."),
                code="wrong_state",
                params={"status": locked.get_status_display()},
            )
        from_state = locked.status
        locked.status = to
        for name, value in (fields or {}).items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", "updated_at", *(fields or {})])
        audit_record(
            actor=by,
            obj=locked,
            action=action,
            from_state=from_state,
            to_state=to,
            reason=reason,
            rule=rule,
            at=at,
        )
    for name in ("status", "updated_at", *(fields or {})):
        setattr(application, name, getattr(locked, name))
    return application
