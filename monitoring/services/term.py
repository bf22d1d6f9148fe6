"""Support term (§7): up to 36 months from its start, extendable by agreement."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import Application, Status
from applications.workflow import application_move
from monitoring.models import SupportTerm, TermExtension
from monitoring.rules import TERM_ORDER, add_months, term_refusal, time_left
from monitoring.services.results import year_results_from_forecast
from registry.audit import audit_record
from registry.models import User

__all__ = ["add_months", "months_remaining", "term_end", "term_extend", "term_start"]


def term_check(*, starts_on: date, ends_on: date) -> None:
    refusal = term_refusal(starts_on=starts_on, ends_on=ends_on)
    if refusal == TERM_ORDER:
        raise ValidationError({"ends_on": _("The term must end after it starts.")}, code=refusal)
    if refusal is not None:
        raise ValidationError(
            {"ends_on": _("§7: the support term is at most 36 months from its start; extend it by agreement instead.")},
            code=refusal,
        )


def term_start(*, application: Application, starts_on: date, ends_on: date, by: User, at: datetime) -> SupportTerm:
    """Start the §7 term: a funded project goes into monitoring."""
    term_check(starts_on=starts_on, ends_on=ends_on)
    with transaction.atomic():
        application_move(
            application=application,
            allowed_from=[Status.FUNDED],
            to=Status.IN_MONITORING,
            by=by,
            action="support_term_start",
            rule="§7",
            at=at,
        )
        term = SupportTerm.objects.create(
            application=application, starts_on=starts_on, ends_on=ends_on, current_end=ends_on
        )
        audit_record(actor=by, obj=term, action="support_term_start", rule="§7", at=at)
        year_results_from_forecast(application=application, first_year=starts_on.year)
    return term


def term_extend(
    *, term: SupportTerm, new_end: date, agreement: str, reason: str, by: User, at: datetime
) -> TermExtension:
    """§7: the term is extendable by agreement with the local executive body."""
    if term.ended_on is not None:
        raise ValidationError(_("The term is already closed."), code="closed")
    if new_end <= term.current_end:
        raise ValidationError({"new_end": _("The new end must be later than the current end.")}, code="not_later")
    if not agreement.strip() or not reason.strip():
        raise ValidationError(_("An extension needs the agreement's reference and a reason."), code="required")
    with transaction.atomic():
        locked = SupportTerm.objects.select_for_update().get(pk=term.pk)
        extension = TermExtension.objects.create(
            term=locked,
            new_end=new_end,
            agreement=agreement.strip(),
            reason=reason.strip(),
            created_by=by,
            created_at=at,
        )
        locked.current_end = new_end
        locked.save(update_fields=["current_end"])
        audit_record(actor=by, obj=locked, action="support_term_extend", reason=reason, rule="§7", at=at)
    term.current_end = new_end
    return extension


def term_end(*, term: SupportTerm, ended_on: date, by: User, at: datetime) -> SupportTerm:
    """Close the §7 term: the project is completed."""
    with transaction.atomic():
        locked = SupportTerm.objects.select_for_update().get(pk=term.pk)
        if locked.ended_on is not None:
            raise ValidationError(_("The term is already closed."), code="closed")
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        application_move(
            application=locked.application,
            allowed_from=[Status.IN_MONITORING],
            to=Status.COMPLETED,
            by=by,
            action="support_term_end",
            rule="§7",
            at=at,
        )
    return locked


def months_remaining(*, term: SupportTerm, today: date) -> tuple[int, int]:
    """(months, days) left until the current end, never negative."""
    if term.ended_on is not None:
        return 0, 0
    return time_left(today=today, end=term.current_end)
