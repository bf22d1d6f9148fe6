from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.utils import timezone

from registry.http import AuthenticatedHttpRequest
from registry.models import Role


def call_service(
    request: AuthenticatedHttpRequest, service: Callable, *, done: str = "", form: Form | None = None, **kwargs
) -> bool:
    """Call one domain function as the request's user; its refusal becomes a message (and a form error)."""
    try:
        service(**kwargs, by=request.user, at=timezone.now())
    except ValidationError as error:
        for message in error.messages:
            if form is not None:
                form.add_error(None, message)
            else:
                messages.error(request, message)
        return False
    if done:
        messages.success(request, done)
    return True


def require_role(request: AuthenticatedHttpRequest, *roles: Role) -> None:
    if request.user.role not in roles:
        raise PermissionDenied


def seat_flags(seat, *, user=None, session=None) -> dict:
    """What the reader's seat (or the coordinator's role, §14) lets the page offer; the services check it again."""
    from councils.services.common import is_coordinator_of, presiding_member

    position = seat.position if seat else None
    coordinator = user is not None and session is not None and is_coordinator_of(council=session.council, user=user)
    presiding = presiding_member(session) if session is not None and seat is not None else None
    acting = presiding is not None and presiding == seat
    return {
        "seat": seat,
        "officer": position in ("chair", "secretary") or acting or coordinator,
        "is_chair": acting,
        "presiding": acting,
        "is_secretary": position == "secretary" or coordinator,
        "working_body": position == "secretary" or coordinator,
        "is_coordinator": coordinator,
    }
