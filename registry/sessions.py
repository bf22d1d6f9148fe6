"""What a signed-in session remembers about how it signed in and whom it acts for."""

from __future__ import annotations

from django.http import HttpRequest

# "ecp" (ЭЦҚ: a strong factor on its own) or "password" (staff: a second factor follows).
AUTH_METHOD = "auth_method"
# The БСН of the legal entity the person acts for now ("" or absent: as an individual).
ACTING_BIN = "acting_bin"


def acting_entity(request: HttpRequest):
    """The chosen legal entity (an EntityLink of the user) or None."""
    from registry.models import EntityLink

    bin_ = request.session.get(ACTING_BIN) or ""
    if not bin_ or not request.user.is_authenticated:
        return None
    return EntityLink.objects.filter(user=request.user, bin=bin_).first()
