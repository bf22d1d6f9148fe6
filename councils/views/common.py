from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils import timezone

from registry.models import Role


def call_service(request: HttpRequest, service: Callable, *, done: str = "", form: Form | None = None, **kwargs) -> bool:
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


def require_role(request: HttpRequest, *roles: Role) -> None:
    if request.user.role not in roles:
        raise PermissionDenied


def seat_flags(seat) -> dict:
    """What the reader's seat lets the page offer (the services check it again)."""
    position = seat.position if seat else None
    return {
        "seat": seat,
        "officer": position in ("chair", "secretary"),
        "is_chair": position == "chair",
        "is_secretary": position == "secretary",
    }
