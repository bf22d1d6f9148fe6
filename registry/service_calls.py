"""The one way a view calls a service (STYLE.md, "One way for each job").

A service refuses by raising ``ValidationError`` (a rule or the state says no, with a message in
the reader's language) before it changes anything: each service checks first and writes inside its
own ``transaction.atomic()``, so a refusal changes nothing. (The helper adds no savepoint of its
own: where the rules want a refused attempt journalled, e.g. a vote after the close, the service
writes that row on purpose and a savepoint here would erase it.) The refusal lands on the form (a
field's error, or the summary at the top) or, for a bare button, in the page's messages; the view
then redirects or re-renders, never a 500. A database constraint that catches a race the service
could not see is shown the same way. ``PermissionDenied`` is not a refusal of the rules but of the
person: it still answers 403 with its reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def call_service(
    request: HttpRequest, service: Callable[..., Any], /, *, form: BaseForm | None = None, done: str = "", **kwargs
) -> Any:
    """Call ``service(**kwargs, by=request.user, at=now)``: what it returns (True for None) when it
    acted, None when it refused (the refusal is shown). ``done`` is the success message; ``by`` and
    ``at`` may be given to override the defaults.
    """
    kwargs.setdefault("by", request.user)
    kwargs.setdefault("at", timezone.now())
    try:
        result = service(**kwargs)
    except ValidationError as error:
        show_refusal(request, error, form=form)
        return None
    except IntegrityError:
        # The database's constraint caught a race the service's own check could not see.
        logger.warning("%s: a constraint refused a concurrent change", getattr(service, "__name__", service))
        show_refusal(
            request,
            ValidationError(_("This was changed at the same moment by someone else; nothing was saved. Try again.")),
            form=form,
        )
        return None
    if done:
        messages.success(request, done)
    return True if result is None else result


def show_refusal(request: HttpRequest, error: ValidationError | Exception, *, form: BaseForm | None = None) -> None:
    """Put a refusal where the reader sees it: on the form's fields or summary, else in the messages."""
    if not isinstance(error, ValidationError):
        error = ValidationError(str(getattr(error, "message", error)))
    if form is None or not form.fields:
        for message in error.messages:
            messages.error(request, message)
        if form is None:
            return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
