"""Who takes which act on an application (§19, §20, §22): named predicates (registry.permissions).

Views ask them (403 with the reason), templates with ``{% may %}``, the review services to refuse.
A superuser is not an official and passes none.
"""

from __future__ import annotations

from registry.models import Role, User
from registry.permissions import ALLOWED, Allowed, official, predicate


def _region(application) -> int | None:
    return application.region_id if application is not None else None


@predicate
def may_review(user: User, application=None) -> Allowed:
    """§19, §20: the region's coordinator reviews an application (accepts, checks, refuses, recommends).

    Without an application: whether the user reviews at all (the inbox)."""
    return official(user, (Role.COORDINATOR,), region_id=_region(application))


@predicate
def may_read_dossier(user: User, application=None) -> Allowed:
    """§22, §25: the coordinator and the budget administrator read the application's history and dossier."""
    return official(user, (Role.COORDINATOR, Role.BUDGET_ADMIN), region_id=_region(application))


@predicate
def may_write_message(user: User, application) -> Allowed:
    """Issue 18: the applicant and the region's coordinator write in the application's thread."""
    if user.is_authenticated and user.is_active and not user.is_superuser and user.pk == application.applicant_id:
        return ALLOWED
    return may_review(user, application)


@predicate
def may_apply(user: User) -> Allowed:
    """§18: an entrepreneur opens and signs an application (a superuser's account applies for nobody)."""
    return official(user, (Role.ENTREPRENEUR,))
