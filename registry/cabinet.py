"""The personal cabinet's panels.

``registry`` imports no other app, yet each role's dashboard shows what the
other apps know (the coordinator's inbox, a member's sessions…). Apps register
panels here from their ``AppConfig.ready``; the cabinet renders those that
match the user's role, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from registry.http import AuthenticatedHttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    roles: frozenset[str]
    context: Callable[[AuthenticatedHttpRequest], dict]
    order: int = 100


_panels: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda p: p.order)


def panels_for(request: AuthenticatedHttpRequest) -> list[tuple[str, dict]]:
    role = request.user.role
    return [(p.template, p.context(request)) for p in _panels if role in p.roles]
