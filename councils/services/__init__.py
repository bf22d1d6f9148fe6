"""The council's domain functions (§19.4, §21–§25): every write goes through here."""

from .common import designated_presider
from .conflicts import conflict_declare_none, conflicts_detect
from .logistics import (
    attendance_intent_set,
    quorum_forecast,
    session_ics,
    session_ics_attachment,
    session_ics_for_reader,
    sessions_remind,
)
from .notices import notice_document, notice_prefill, notice_prepare, notice_send, notices_required
from .protocol import (
    handover_send,
    protocol_check_ready,
    protocol_content,
    protocol_document,
    protocol_finalise,
    protocol_freeze,
)
from .roster import membership_add, membership_end, roster_check, roster_errors
from .sessions import attendance_mark, presider_designate, session_close, session_open, session_schedule
from .voting import (
    item_carry,
    item_close,
    item_notes_set,
    item_reasons_set,
    item_tally,
    item_voting_open,
    recusal_declare,
    vote_cast,
)

__all__ = [
    "attendance_intent_set",
    "attendance_mark",
    "quorum_forecast",
    "session_ics",
    "session_ics_attachment",
    "session_ics_for_reader",
    "sessions_remind",
    "conflict_declare_none",
    "conflicts_detect",
    "handover_send",
    "item_carry",
    "item_close",
    "item_notes_set",
    "item_reasons_set",
    "item_tally",
    "item_voting_open",
    "membership_add",
    "notice_document",
    "notice_prefill",
    "notice_prepare",
    "notice_send",
    "notices_required",
    "membership_end",
    "protocol_check_ready",
    "protocol_content",
    "protocol_document",
    "protocol_finalise",
    "protocol_freeze",
    "recusal_declare",
    "roster_check",
    "roster_errors",
    "designated_presider",
    "presider_designate",
    "session_close",
    "session_open",
    "session_schedule",
    "vote_cast",
]
