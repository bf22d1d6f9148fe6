"""The council's blocks on the personal cabinet page."""

from __future__ import annotations

from django.utils import timezone

from councils import selectors
from registry.cabinet import Panel, register_panel
from registry.http import AuthenticatedHttpRequest


def member_panel(request: AuthenticatedHttpRequest) -> dict:
    return selectors.member_panel(request.user, timezone.now())


def coordinator_panel(request: AuthenticatedHttpRequest) -> dict:
    return selectors.coordinator_panel(request.user)


def register_panels() -> None:
    register_panel(
        Panel(
            template="councils/_member_panel.html", roles=frozenset({"council_member"}), context=member_panel, order=20
        )
    )
    register_panel(
        Panel(
            template="councils/_coordinator_panel.html",
            roles=frozenset({"coordinator"}),
            context=coordinator_panel,
            order=40,
        )
    )
