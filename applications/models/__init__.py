from .application import Application, Status
from .review import CheckOutcome, CheckRule, CoordinatorCheck, Recommendation, Refusal, RefusalCategory, ReviewAcceptance  # noqa: F401

__all__ = ["Application", "Status"]
