"""Who may see what: the one place the portal decides a user's reach.

Every model a view shows declares ``REACH = Reach(...)``: the lookup path to
its region and, where an entrepreneur owns it, to the owning user, and which
roles may see it at all. Views fetch through :func:`scope` or
:func:`get_for_user_or_404`, so an object outside the reader's region or
account answers 404 whatever its id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from registry.models import User

M = TypeVar("M", bound=Model)

ALL_ROLES = frozenset(
    {"entrepreneur", "coordinator", "council_member", "budget_admin", "planning", "regional_body", "central"}
)


@dataclass(frozen=True)
class Reach:
    region: str | None = None
    owner: str | None = None
    roles: frozenset[str] = field(default=ALL_ROLES)
    # Rows that belong to one user whatever the role (notifications).
    personal: str | None = None


def scope(user: User | AnonymousUser, queryset: QuerySet[M]) -> QuerySet[M]:
    """Narrow ``queryset`` to the rows ``user`` may see."""
    model: Any = queryset.model  # every model a view shows declares REACH
    reach: Reach = model.REACH
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if reach.personal is not None:
        return queryset.filter(**{reach.personal: user.pk})
    if user.role not in reach.roles:
        return queryset.none()
    if user.role == "central":
        return queryset
    if user.role == "entrepreneur":
        if reach.owner is None:
            return queryset.none()
        return queryset.filter(**{reach.owner: user.pk})
    if reach.region is None or user.region_id is None:
        return queryset.none()
    return queryset.filter(**{reach.region: user.region_id})


def get_for_user_or_404(user: User | AnonymousUser, queryset: QuerySet[M], **lookup: Any) -> M:
    try:
        return scope(user, queryset).get(**lookup)
    except ObjectDoesNotExist:  # only the get() above raises it
        raise Http404 from None


def may_see(user: User, obj: Model) -> bool:
    """Whether ``obj`` is within ``user``'s reach."""
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()
