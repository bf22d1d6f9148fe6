"""The council's domain functions (§19.4, §21–§25): every write goes through here."""
from .protocol import (
    handover_send,
    protocol_check_ready,
    protocol_content,
    protocol_document,
    protocol_finalise,
    protocol_freeze,
)
from .conflicts import conflict_declare_none, conflicts_detect
from .logistics import attendance_intent_set, quorum_forecast, session_ics, sessions_remind
from .notices import notice_document, notice_prefill, notice_prepare, notice_send, notices_required
from .roster import membership_add, membership_end, roster_check, roster_errors
from .sessions import attendance_mark, session_close, session_open, session_schedule
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
    "attendance_intent_set", "attendance_mark", "quorum_forecast", "session_ics", "sessions_remind", "conflict_declare_none", "conflicts_detect", "handover_send", "item_carry", "item_close", "item_notes_set", "item_reasons_set",
    "item_tally", "item_voting_open", "membership_add", "notice_document", "notice_prefill", "notice_prepare",
    "notice_send", "notices_required", "membership_end", "protocol_check_ready",
    "protocol_content", "protocol_document", "protocol_finalise", "protocol_freeze", "recusal_declare", "roster_check", "roster_errors",
    "session_close", "session_open", "session_schedule", "vote_cast",
]
