"""The ӨҮК's records: roster (§21), sessions and agendas (§19.4), presence,
recusals and votes (§21, §22), the protocol (§23) and the hand-over (§25)."""

from .council import Council, CouncilMember
from .notice import DecisionNotice
from .protocol import Handover, Protocol
from .session import AgendaItem, Attendance, AttendanceIntent, ConflictFlag, CouncilSession, Recusal, Vote

__all__ = [
    "AgendaItem",
    "Attendance",
    "AttendanceIntent",
    "ConflictFlag",
    "Council",
    "CouncilMember",
    "CouncilSession",
    "DecisionNotice",
    "Handover",
    "Protocol",
    "Recusal",
    "Vote",
]
