from .application import DECIDED_BY_COUNCIL, Application, Status
from .attachments import Attachment, DocumentKind
from .details import (
    APPLICANT_FIELDS,
    COMMON_USE_MIN_USERS,
    REVIEW_REQUEST,
    TERM_MONTHS_MAX,
    ApplicantKind,
    ApplicationDetails,
    PlannedUser,
    Section,
    SectionState,
)
from .eligibility import EligibilityResult, Outcome, PastPerformanceMark, StateDataCheck
from .messages import COORDINATOR_KINDS, ApplicationMessage, MessageKind
from .review import Recommendation, Refusal, RefusalCategory, ReviewAcceptance  # noqa: F401
from .signature import ApplicationSignature, MobileSigning, RegistryCounter, UsedSignInNonce

__all__ = [
    "DECIDED_BY_COUNCIL",
    "COMMON_USE_MIN_USERS",
    "REVIEW_REQUEST",
    "TERM_MONTHS_MAX",
    "APPLICANT_FIELDS",
    "ApplicantKind",
    "Application",
    "ApplicationDetails",
    "ApplicationMessage",
    "COORDINATOR_KINDS",
    "MessageKind",
    "ApplicationSignature",
    "Attachment",
    "DocumentKind",
    "EligibilityResult",
    "Outcome",
    "PastPerformanceMark",
    "PlannedUser",
    "MobileSigning",
    "RegistryCounter",
    "UsedSignInNonce",
    "Section",
    "SectionState",
    "StateDataCheck",
    "Status",
]
