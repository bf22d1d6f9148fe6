"""Reads shared by the application pages, already scoped and joined."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db.models import F, Field, Q, QuerySet
from django.utils.dateparse import parse_datetime

from applications.models import (
    APPLICANT_FIELDS,
    REVIEW_REQUEST,
    Application,
    Attachment,
    DocumentKind,
    Section,
    SectionState,
    Status,
)
from registry.models import User
from registry.reach import get_for_user_or_404, scope
from registry.templatetags.portal import grouped

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The entrepreneur's next step for each status (shown in the cabinet list).
NEXT_STEP = {
    Status.DRAFT: "complete",
    Status.SUBMITTED: "review",
    Status.RECOMMENDED: "council",
    Status.ON_AGENDA: "council",
}


def _hide_others_drafts(user: User, queryset: QuerySet) -> QuerySet:
    """A draft is the applicant's own until it is signed: nobody else reads it, whatever their reach."""
    field = "status" if queryset.model is Application else "application__status"
    owner = "applicant" if queryset.model is Application else "application__applicant"
    return queryset.exclude(Q(**{field: Status.DRAFT}) & ~Q(**{owner: user.pk}))


def applications_for(user: User) -> QuerySet[Application]:
    queryset = scope(user, Application.objects.select_related("region", "details"))
    return _hide_others_drafts(user, queryset).order_by("-created_at", "-id")


def application_for_user(user: User, pk: int) -> Application:
    """The application with its form, or 404 outside the user's reach."""
    queryset = Application.objects.select_related(
        "region",
        "details",
        "details__category",
        "details__tax_regime",
        "details__sector",
        "oked",
        "infrastructure_type__category",
        "applicant",
        "account",
    ).prefetch_related("attachments", "planned_users")
    return get_for_user_or_404(user, _hide_others_drafts(user, queryset), pk=pk)


def application_to_sign(user: User, pk: int) -> Application:
    """The draft that the sign POST submits, with its form only, or 404 outside the user's reach.

    The submission reads it again, whole, under its lock; what the page needs is read if it is shown again.
    """
    queryset = Application.objects.select_related("details")
    return get_for_user_or_404(user, _hide_others_drafts(user, queryset), pk=pk)


def attachment_for_user(user: User, pk: int) -> Attachment:
    queryset = _hide_others_drafts(user, Attachment.objects.select_related("application"))
    return get_for_user_or_404(user, queryset, pk=pk)


def documents_state(application: Application) -> str:
    """§18: business plan, design documents and a ТЭН or its declared exemption."""
    kinds = {a.kind for a in application.attachments.all()}
    details = application.details
    ten_ok = DocumentKind.TEN in kinds or (details.ten_exempt and details.ten_exempt_reason.strip())
    if {DocumentKind.BUSINESS_PLAN, DocumentKind.DESIGN} <= kinds and ten_ok:
        return SectionState.COMPLETE
    if kinds or details.ten_exempt:
        return SectionState.IN_PROGRESS
    return SectionState.NOT_STARTED


def section_states(application: Application) -> list[tuple[str, StrOrPromise, str]]:
    """(section, label, state) in the task list's order."""
    details = application.details
    rows: list[tuple[str, StrOrPromise, str]] = []
    for section in Section:
        state = documents_state(application) if section == Section.DOCUMENTS else details.state_of(section)
        rows.append((section.value, section.label, state))
    return rows


def missing_sections(application: Application) -> list[str]:
    return [s for s, _label, state in section_states(application) if state != SectionState.COMPLETE]


_ON_APPLICATION = {"region", "project_name", "infrastructure_type", "construction_cost", "project_cost", "oked"}
_SUMMARY_FIELDS = {
    Section.APPLICANT: ("region", *APPLICANT_FIELDS),  # Appendix items 1 and 3
    Section.BANK: ("has_bank_account", "bank_name", "bic", "iban", "bank_bin", "kbe"),
    Section.PROJECT: (
        "project_name",
        "description",
        "place",
        "profile_direction",
        "category",
        "infrastructure_type",
        "justification",
        "construction_cost",
        "project_cost",
        "tax_regime",
        "sector",
        "oked",
        "employees",
        "term_months",
        "aul_amanaty",
        "babo",
        "cooperative",
    ),
    Section.CONSENTS: ("request_review",),
}
# Ticks shown as the statement the applicant made (Appendix item 2), not as a bare ✓.
_STATEMENTS = {"request_review": REVIEW_REQUEST}


def _display(obj, name: str):
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, Decimal):  # amounts: thousands separated by a space (the label carries the unit)
        return grouped(value)
    return value if value not in (None, "") else "—"


def answer_summary(application: Application) -> list[tuple[str, StrOrPromise, list[tuple[StrOrPromise, object]]]]:
    """ "Check your answers": (section, label, [(field label, value)]) for the filled branch."""
    details = application.details
    rows: list[tuple[str, StrOrPromise, list[tuple[StrOrPromise, object]]]] = []
    for section, names in _SUMMARY_FIELDS.items():
        pairs: list[tuple[StrOrPromise, object]] = []
        for name in names:
            obj = application if name in _ON_APPLICATION else details
            value = _display(obj, name)
            if name in _STATEMENTS:
                value = _STATEMENTS[name] if getattr(obj, name) else "—"
            if value == "—" and section == Section.APPLICANT and name not in ("region", "kind", "name"):
                continue  # the other branch's empty fields
            pairs.append((cast(Field, obj._meta.get_field(name)).verbose_name, value))
        rows.append((section.value, section.label, pairs))
    return rows


def encode_cursor(application: Application) -> str:
    assert application.submitted_at is not None  # the queue holds submitted applications
    return _cursor(application.priority, application.submitted_at, application.pk)


def _cursor(priority: bool, submitted_at: datetime, pk: int) -> str:
    raw = json.dumps([priority, submitted_at.isoformat(), pk])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> tuple[bool, datetime, int] | None:
    try:
        priority, submitted_at, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        moment = parse_datetime(submitted_at)
    except (ValueError, TypeError):
        return None
    if not isinstance(priority, bool) or not isinstance(pk, int) or moment is None:
        return None
    return priority, moment, pk


def queue_page(
    qs: QuerySet[Application], cursor: str, size: int, fields: tuple[str, ...]
) -> tuple[list[dict[str, Any]], str]:
    """One page of a queue of applications in §5 order (priority first, then by arrival), keyset-paginated.

    No OFFSET: the next page starts after the cursor's row, so every page costs
    the same however far a reader goes (the coordinator's inbox, the
    administrator's projects). A cursor that does not decode gives the first page.
    The rows are read as values, each a dictionary of ``fields`` and of the cursor's
    ``priority``, ``submitted_at`` and ``id``: list pages build their rows from them
    without model instances (issue 19).
    """
    qs = qs.order_by(F("priority").desc(), "submitted_at", "id")
    after = decode_cursor(cursor) if cursor else None
    if after:
        priority, submitted_at, pk = after
        qs = qs.filter(
            Q(priority__lt=priority)
            | Q(priority=priority, submitted_at__gt=submitted_at)
            | Q(priority=priority, submitted_at=submitted_at, id__gt=pk)
        )
    rows = list(qs.values(*dict.fromkeys((*fields, "priority", "submitted_at", "id")))[: size + 1])
    last = rows[size - 1] if len(rows) > size else None
    next_cursor = _cursor(last["priority"], last["submitted_at"], last["id"]) if last else ""
    return rows[:size], next_cursor
