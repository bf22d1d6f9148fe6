"""Who may take a workflow act: the answer type and the one rule every app's predicates share.

Each app keeps its named predicates in ``<app>/permissions.py`` (``may_review(user, application)``,
``may_record_vote(user, item)`` …), because the apps depend one way (monitoring → councils →
applications → registry) and a predicate reads its own app's rows. Every predicate answers an
``Allowed``: truthy when allowed, with the reason in the reader's language when not. The view asks
it (403 with the reason), the template asks it through ``{% may "may_review" application as ok %}``
to show or hide an action, and the service asks it again through ``require`` to refuse.

A superuser is not an official: the Django admin is for reference data and reading, and the rules
give every act to a named official of a region, so a superuser passes no workflow predicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from registry.models import User


@dataclass(frozen=True)
class Allowed:
    """A predicate's answer: truthy when the act is allowed; ``reason`` says why not."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Allowed(True)


def refused(reason: str) -> Allowed:
    return Allowed(False, str(reason))


def official(user: User, roles: Iterable[str], *, region_id: int | None = None) -> Allowed:
    """An active official holding one of ``roles`` (of the region ``region_id`` when given)."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return refused(_("This act belongs to another official or region."))
    if user.role not in roles:
        return refused(_("This act belongs to another official or region."))
    if region_id is not None and user.region_id != region_id:
        return refused(_("This act belongs to another official or region."))
    return ALLOWED


def require(answer: Allowed) -> None:
    """Refuse (403 with the reason) unless ``answer`` allows: the views' and services' one check."""
    if not answer:
        raise PermissionDenied(answer.reason)


# The predicates templates may ask for by name; each app registers its own when it loads.
PREDICATES: dict[str, Callable[..., Allowed]] = {}


def predicate(function: Callable[..., Allowed]) -> Callable[..., Allowed]:
    """Register a named predicate for ``{% may %}`` (the name is the function's)."""
    PREDICATES[function.__name__] = function
    return function


def ask(name: str, user: User, *args: Any) -> Allowed:
    return PREDICATES[name](user, *args)


def requires(may: Callable[..., Allowed]):
    """A view decorator: signed in, then ``may(user)`` asked without an object (the role; 403 with the
    reason). The object's region is then reach's business (404 outside) and the service's."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(may(request.user))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
