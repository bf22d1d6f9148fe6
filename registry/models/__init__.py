"""What the registry knows: places, people, reference data, time, the journal."""
from .audit import AuditEvent
from .budget import BudgetAdministrator, BudgetProgramme
from .calendar import CalendarOverride
from .documents import GeneratedDocument
from .deadlines import Deadline, DeadlineMessage
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
