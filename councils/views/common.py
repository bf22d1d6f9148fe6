"""What the council's pages offer the reader, from the same predicates the services refuse with."""

from __future__ import annotations

from councils.permissions import standing


def seat_flags(seat, *, user, session) -> dict:
    """What the reader's seat (or the coordinator's role, §14) lets the page offer; the services check it again."""
    found = standing(user, session, seat=seat)
    return {
        "seat": found.seat,
        "officer": found.officer,
        "is_chair": found.presides,
        "presiding": found.presides,
        "is_secretary": found.keeps_records,
        "working_body": found.keeps_records,
        "is_coordinator": found.coordinator,
    }
