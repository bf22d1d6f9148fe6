"""What the registry knows: places, people, reference data, time, the journal."""

from .api import ApiCall, ApiToken
from .audit import AuditEvent
from .budget import BudgetAdministrator, BudgetProgramme
from .calendar import CalendarOverride
from .deadlines import Deadline, DeadlineMessage
from .documents import GeneratedDocument
from .notifications import Notification
from .reference import (
    CoordinatorContact,
    EconomySector,
    ExcludedActivity,
    InfrastructureCategory,
    InfrastructureObjectType,
    OkedCode,
    PriorityActivity,
    TaxRegime,
)
from .users import EntityLink, PersonalAccount, Region, Role, SignedInSession, User

__all__ = [
    "ApiCall",
    "ApiToken",
    "AuditEvent",
    "BudgetAdministrator",
    "BudgetProgramme",
    "CalendarOverride",
    "CoordinatorContact",
    "Deadline",
    "DeadlineMessage",
    "EconomySector",
    "EntityLink",
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
    "SignedInSession",
    "TaxRegime",
    "User",
]
