"""Monitoring's models, split by feature."""

from .budget import (
    BudgetRequest,
    BudgetRequestLine,
    BudgetResolution,
    FinancingPlan,
    FinancingPlanLine,
    SupportTerm,
    TermExtension,
)
from .objects import (
    COMMON_USE_MIN_USERS,
    InfrastructureObject,
    LoadIndicator,
    ObjectUser,
)
from .reports import AdministratorSubmission, AnnualMonitoring, CoordinatorReport, MonitoringReport
from .results import OBLIGATIONS, FundsUse, ResultIndicator, YearResult
from .retail import RetailObject, ShelfPlacement

__all__ = [
    "COMMON_USE_MIN_USERS",
    "OBLIGATIONS",
    "AdministratorSubmission",
    "AnnualMonitoring",
    "BudgetRequest",
    "BudgetRequestLine",
    "BudgetResolution",
    "CoordinatorReport",
    "FinancingPlan",
    "FinancingPlanLine",
    "FundsUse",
    "InfrastructureObject",
    "LoadIndicator",
    "MonitoringReport",
    "ObjectUser",
    "ResultIndicator",
    "RetailObject",
    "ShelfPlacement",
    "SupportTerm",
    "TermExtension",
    "YearResult",
]
