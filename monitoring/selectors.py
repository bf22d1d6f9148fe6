"""Reads shared by monitoring's pages, with their joins applied."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from applications.models import Application
from applications.services import projects_to_settle
from monitoring.models import (
    BudgetRequest,
    BudgetRequestLine,
    FinancingPlan,
    FinancingPlanLine,
    InfrastructureObject,
    ObjectUser,
    RetailObject,
    TermExtension,
    YearResult,
)
from monitoring.services.budget import HANDED_OVER
from registry import listing
from registry.models import Region, User
from registry.models.localized import pick
from registry.reach import scope

ZERO = Decimal(0)


def handed_over_projects(user: User) -> QuerySet[Application]:
    """§25: the administrator's inbox: projects handed over, and everything after."""
    # Counted per row shown (a subquery), not grouped over every project the reader reaches.
    reported = YearResult.objects.filter(application=OuterRef("pk"), status=YearResult.Status.REPORTED)
    # §26, §17: the latest year's request and plan the project is in (a subquery each, per row shown).
    request_status = BudgetRequestLine.objects.filter(application=OuterRef("pk")).order_by("-request__year")
    plan_status = FinancingPlan.objects.filter(projects=OuterRef("pk")).order_by("-year")
    # Every handed-over project was submitted (§18): its arrival orders the list and its pages.
    qs = (
        Application.objects.filter(status__in=HANDED_OVER, submitted_at__isnull=False)
        .select_related("region", "support_term")
        .annotate(
            to_confirm=Coalesce(Subquery(reported.values("application").annotate(n=Count("id")).values("n")[:1]), 0),
            budget_status=Subquery(request_status.values("request__status")[:1]),
            plan_status=Subquery(plan_status.values("status")[:1]),
        )
    )
    return scope(user, qs).order_by("-priority", "submitted_at", "id")


def project_for(user: User, queryset=None) -> QuerySet[Application]:
    qs = (
        Application.objects.filter(status__in=HANDED_OVER)
        .select_related("region", "infrastructure_type", "support_term")
        .prefetch_related(
            Prefetch(
                "budget_lines",
                queryset=BudgetRequestLine.objects.select_related(
                    "request__programme", "request__administrator", "request__resolution"
                ).order_by("-request__year", "id"),
            ),
            Prefetch("support_term__extensions", queryset=TermExtension.objects.select_related("created_by")),
            "year_results",
            "result_indicators",
            "funds",
            "infrastructure_objects",
        )
    )
    return scope(user, qs)


def objects_for(user: User) -> QuerySet[InfrastructureObject]:
    return scope(user, InfrastructureObject.objects.select_related("region", "object_type__category")).annotate(
        users_count=Count("users", distinct=True)
    )


def object_detail_qs() -> QuerySet[InfrastructureObject]:
    return InfrastructureObject.objects.select_related("region", "object_type__category").prefetch_related(
        Prefetch("users", queryset=ObjectUser.objects.order_by("used_from", "id")), "load", "projects"
    )


def retail_for(user: User) -> QuerySet[RetailObject]:
    return scope(user, RetailObject.objects.select_related("region")).annotate(placements_count=Count("placements"))


# What the administrator's projects list shows of each project (read as values: issue 19).
PROJECT_ROW_FIELDS = (
    "number",
    "project_name",
    "applicant_name",
    "region__name_kk",
    "region__name_ru",
    "status",
    "budget_status",
    "plan_status",
    "to_confirm",
)


def project_rows(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The projects list's rows from ``PROJECT_ROW_FIELDS`` of ``handed_over_projects``: the project's page,
    its state and its latest request's and plan's, named in the reader's language."""
    statuses = listing.labels_of(Application, "status")
    requests, plans = listing.labels_of(BudgetRequest, "status"), listing.labels_of(FinancingPlan, "status")
    url = listing.int_url("monitoring:project")
    return [
        listing.html_values(
            {
                "url": url(p["id"]),
                "number": p["number"] or p["id"],
                "project_name": p["project_name"],
                "applicant_name": p["applicant_name"],
                "region": pick(p["region__name_kk"], p["region__name_ru"]),
                "status": statuses.get(p["status"], p["status"]),
                "budget": requests.get(p["budget_status"]) or "—",
                "plan": plans.get(p["plan_status"]) or "—",
                "to_confirm": p["to_confirm"],
            }
        )
        for p in projects
    ]


def plan_sums(application: Application) -> list[FinancingPlan]:
    """§17, §31(3): the plans that fund the project, each with the project's obligations and payments."""
    plans = (
        FinancingPlan.objects.filter(projects=application)
        .select_related("administrator")
        .annotate(
            obligations=Sum("lines__obligations", filter=Q(lines__application=application)),
            payments=Sum("lines__payments", filter=Q(lines__application=application)),
        )
        .order_by("-year", "id")
    )
    return list(plans)


def plan_tables(plan) -> dict:
    """The plan as its readers see it: the lines by classification with twelve months, and each
    project's sum (payments), read from the prefetched lines."""
    rows: dict[tuple, dict] = {}
    projects: dict[int, dict] = {
        p.pk: {"project": p, "obligations": ZERO, "payments": ZERO} for p in plan.projects.all()
    }
    for line in plan.lines.all():
        key = (line.programme.code, line.subprogramme_code, line.specifics_code, line.application.number)
        row = rows.setdefault(
            key,
            {"line": line, "months": [None] * 12, "obligations": ZERO, "payments": ZERO},
        )
        row["months"][line.month - 1] = line
        row["obligations"] += line.obligations
        row["payments"] += line.payments
        total = projects.setdefault(
            line.application_id, {"project": line.application, "obligations": ZERO, "payments": ZERO}
        )
        total["obligations"] += line.obligations
        total["payments"] += line.payments
    return {"rows": [rows[key] for key in sorted(rows)], "project_totals": list(projects.values())}


def public_plans() -> list[tuple[Region, list[FinancingPlan]]]:
    """§17: published plans by region, each whole: its lines and the projects it funds (no login)."""
    lines = FinancingPlanLine.objects.select_related("programme", "application")
    plans = (
        FinancingPlan.objects.filter(status=FinancingPlan.Status.PUBLISHED)
        .select_related("administrator__region")
        .prefetch_related(
            Prefetch("lines", queryset=lines), Prefetch("projects", queryset=Application.objects.order_by("number"))
        )
        .order_by("administrator__region__code", "-year", "administrator_id", "id")
    )
    grouped: dict[int, tuple[Region, list[FinancingPlan]]] = {}
    plan: Any  # carries its tables for the template
    for plan in plans:
        region = plan.administrator.region
        plan.tables = plan_tables(plan)
        grouped.setdefault(region.pk, (region, []))[1].append(plan)
    return list(grouped.values())


def results_to_report(user: User) -> QuerySet[YearResult]:
    """The entrepreneur's years still open for reporting."""
    return scope(user, YearResult.objects.select_related("application")).filter(~Q(status=YearResult.Status.CONFIRMED))


def handover_of(application: Application):
    """§25: the coordinator's hand-over that brought the project, with its session's protocol."""
    from councils.models import Handover

    return Handover.objects.filter(applications=application).select_related("session__protocol").first()


def documents_by_object(objects: list, kind: str | tuple[str, ...]) -> dict[str, list]:
    """The current generated documents of ``kind`` (or of any of several kinds) for many objects in one query,
    by object id."""
    from django.contrib.contenttypes.models import ContentType

    from registry.models import GeneratedDocument

    if not objects:
        return {}
    grouped: dict[str, list] = {}
    documents = GeneratedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(objects[0]),
        object_id__in=[str(o.pk) for o in objects],
        kind__in=(kind,) if isinstance(kind, str) else kind,
        current=True,
    ).order_by("language")
    for document in documents:
        grouped.setdefault(document.object_id, []).append(document)
    return grouped


def projects_to_settle_with_evidence(*, region_id: int, year: int) -> list[Application]:
    """§13: the region's funded projects whose ``year`` is not settled yet, each with its report of the
    year (``year_result``, None when the entrepreneur has no row) — three queries however many rows."""
    results = YearResult.objects.filter(year=year)
    projects: list[Any] = list(  # each gets year_result
        projects_to_settle(region_id=region_id, year=year).prefetch_related(
            Prefetch("year_results", queryset=results, to_attr="results_of_year")
        )
    )
    for project in projects:
        project.year_result = project.results_of_year[0] if project.results_of_year else None
    return projects
