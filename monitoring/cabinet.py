"""Monitoring's blocks on the personal cabinet."""
from django.utils import timezone

from monitoring.selectors import handed_over_projects, results_to_confirm, results_to_report
from monitoring.services.reports import reporting_year
from registry.cabinet import Panel, register_panel


def _entrepreneur(request) -> dict:
    return {"results": list(results_to_report(request.user)[:20])}


def _staff(request) -> dict:
    context = {"year": reporting_year(timezone.localdate()), "projects_count": handed_over_projects(request.user).count()}
    if request.user.role == "coordinator":
        context["to_confirm"] = list(results_to_confirm(request.user)[:20])
    return context


def register_panels() -> None:
    register_panel(Panel(template="monitoring/_panel_entrepreneur.html", roles=frozenset({"entrepreneur"}),
                         context=_entrepreneur, order=60))
    register_panel(Panel(template="monitoring/_panel_staff.html",
                         roles=frozenset({"budget_admin", "planning", "coordinator"}), context=_staff, order=60))
