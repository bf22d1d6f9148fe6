"""Request types for type checking (mypy with django-stubs): what a view may rely on.

django-htmx's middleware sets ``request.htmx`` on every request; behind ``login_required``
``request.user`` is a :class:`registry.models.User`, not ``User | AnonymousUser``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from registry.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User  # narrower than HttpRequest.user: login_required guarantees it
