"""The council's lists as rows for registry.exports: sessions (§19.4) and a session's agenda with its votes (§21)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _


def sessions_columns() -> list[str]:
    return [_("Number"), _("Date and time"), _("Place"), _("Online link"), _("Items"), _("Status"), _("Protocol")]


def sessions_rows(sessions) -> Iterator[list]:
    for s in sessions.iterator(chunk_size=2000):
        protocol = getattr(s, "protocol", None)
        yield [
            s.number,
            s.starts_at,
            s.place,
            s.online_link,
            s.item_count,
            s.get_status_display(),
            protocol.get_status_display() if protocol else "",
        ]


def agenda_columns() -> list[str]:
    return [
        _("Order"),
        _("Registry number"),
        _("Applicant"),
        _("Project"),
        _("Construction cost, thousand tenge"),
        _("Status"),
        _("Decision"),
        _("Participants in the vote"),
        _("Votes for"),
        _("Votes against"),
        _("Abstained"),
    ]


def agenda_rows(items) -> Iterator[list]:
    for item in items:
        app = item.application
        yield [
            item.order,
            app.number or "",
            app.applicant_name,
            app.project_name,
            app.construction_cost,
            item.get_status_display(),
            item.get_decision_display() if item.decision else "",
            item.participants,
            item.votes_for,
            item.votes_against,
            item.votes_abstain,
        ]
