"""Helpers the monitoring views share (who acts: monitoring.permissions; calling a service: registry.service_calls)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from registry.http import AuthenticatedHttpRequest


# Until the budget views call services through registry.service_calls (the next commit), they keep these two.
def require_role(request: AuthenticatedHttpRequest, *roles: str) -> None:
    """Only these roles act here (reach already limited what they can see)."""
    if request.user.role not in roles and not request.user.is_superuser:
        raise PermissionDenied


def attach_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run(request: HttpRequest, form: BaseForm, action: Callable[[dict], object], success: str) -> bool:
    """Validate ``form`` and call the one service; a rule's refusal lands on the form."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        if not form.fields:  # a bare button: the page it redirects to shows the refusal
            messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def saved() -> str:
    return _("Saved.")
