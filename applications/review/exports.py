"""The coordinator's inbox as XLSX or CSV: the filtered rows, all of them, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from applications.models import Application
from applications.review.selectors import due_state
from registry.exports import choice_labels

# Rows are read from the database in chunks of this size (constant memory on a big region).
CHUNK = 2000


def inbox_columns() -> list[str]:
    return [
        _("Registry number"),
        _("Priority direction"),
        _("Applicant"),
        _("BIN / IIN"),
        _("Project"),
        _("ЭҚЖЖ"),
        _("Infrastructure type"),
        _("construction cost, thousand tenge"),
        _("project cost, thousand tenge"),
        _("Received"),
        _("Due (paragraph 19)"),
        _("Working days left"),
        _("Status"),
        _("Paragraph 19 met"),
    ]


def _met(value: bool | None) -> str:
    return {True: _("met"), False: _("missed"), None: ""}[value]


def inbox_rows(qs: QuerySet, *, today: date) -> Iterator[list]:
    """In the inbox's order (§5: priority first, then by arrival), every row of the filtered queue."""
    statuses = choice_labels(Application._meta.get_field("status"))  # once, not per row (registry.exports)
    for application in qs.order_by(F("priority").desc(), "submitted_at", "id").iterator(chunk_size=CHUNK):
        due = due_state(application, today=today)
        yield [
            application.number or "",
            _("yes") if application.priority else _("no"),
            application.applicant_name,
            application.applicant_identifier,
            application.project_name,
            application.oked.code if application.oked else "",
            str(application.infrastructure_type or ""),
            application.construction_cost,
            application.project_cost,
            application.received_on,
            application.review_due,
            due.days_left,
            statuses.get(application.status, application.status),
            _met(due.s19_met),
        ]


def history_columns() -> list[str]:
    return [_("When"), _("Who"), _("What"), _("From status"), _("To status"), _("Why"), _("Paragraph of the rules")]


def history_rows(rows) -> Iterator[list]:
    """The application's journal, as its history page shows it."""
    for row in rows:
        event = row.event
        yield [
            event.at,
            event.actor.full_name if event.actor else _("the portal"),
            event.action,
            row.from_label if event.to_state else "",
            row.to_label if event.to_state else "",
            event.reason,
            event.rule.lstrip("§"),
        ]
