"""What the registry knows: places, people, reference data, time, the journal."""
from .api import ApiCall, ApiToken
from .audit import AuditEvent
from .calendar import CalendarOverride
from .documents import GeneratedDocument
from .deadlines import Deadline, DeadlineMessage
from .notifications import Notification
from .reference import (
    EconomySector,
    ExcludedActivity,
    InfrastructureCategory,
    InfrastructureObjectType,
    OkedCode,
    PriorityActivity,
    TaxRegime,
)
from .users import PersonalAccount, Region, Role, User

__all__ = [
    "ApiCall",
    "ApiToken",
    "AuditEvent",
    "CalendarOverride",
    "Deadline",
    "DeadlineMessage",
    "EconomySector",
    "ExcludedActivity",
    "GeneratedDocument",
    "InfrastructureCategory",
    "InfrastructureObjectType",
    "Notification",
    "OkedCode",
    "PersonalAccount",
    "PriorityActivity",
    "Region",
    "Role",
    "TaxRegime",
    "User",
]
