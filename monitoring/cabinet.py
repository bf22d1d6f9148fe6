"""Monitoring's blocks on the personal cabinet."""

from typing import Any

from django.utils import timezone

from monitoring.models import AnnualMonitoring
from monitoring.selectors import results_to_report
from monitoring.services.reports import reporting_year
from registry.cabinet import Panel, register_panel
from registry.documents import documents_for


def _entrepreneur(request) -> dict:
    return {"results": list(results_to_report(request.user)[:20])}


def _staff(request) -> dict:
    # No queries for the coordinator: the cabinet's query budget is shared by every app's panel.
    context: dict[str, Any] = {"year": reporting_year(timezone.localdate())}
    if request.user.role != "coordinator":
        # The annual monitoring's PDFs (§31), downloadable straight from the cabinet.
        report = AnnualMonitoring.objects.filter(region_id=request.user.region_id, year=context["year"]).first()
        context["annual_documents"] = (
            list(documents_for(report, "monitoring_s31").order_by("language")) if report else []
        )
    return context


def _central(request) -> dict:
    return {"year": reporting_year(timezone.localdate())}


def register_panels() -> None:
    register_panel(
        Panel(
            template="monitoring/_panel_entrepreneur.html",
            roles=frozenset({"entrepreneur"}),
            context=_entrepreneur,
            order=60,
        )
    )
    register_panel(
        Panel(
            template="monitoring/_panel_staff.html",
            roles=frozenset({"budget_admin", "planning", "coordinator", "regional_body"}),
            context=_staff,
            order=60,
        )
    )
    register_panel(
        Panel(template="monitoring/_panel_central.html", roles=frozenset({"central"}), context=_central, order=60)
    )
