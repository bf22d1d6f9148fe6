"""Reads shared by monitoring's pages, with their joins applied."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from applications.models import Application
from applications.services import projects_to_settle
from monitoring.models import (
    FinancingPlan,
    FinancingPlanLine,
    InfrastructureObject,
    ObjectUser,
    RetailObject,
    TermExtension,
    YearResult,
)
from monitoring.services.budget import HANDED_OVER
from registry.models import Region, User
from registry.reach import scope


def handed_over_projects(user: User) -> QuerySet[Application]:
    """§25: the administrator's inbox: projects handed over, and everything after."""
    # Counted per row shown (a subquery), not grouped over every project the reader reaches.
    reported = YearResult.objects.filter(application=OuterRef("pk"), status=YearResult.Status.REPORTED)
    # Every handed-over project was submitted (§18): its arrival orders the list and its pages.
    qs = (
        Application.objects.filter(status__in=HANDED_OVER, submitted_at__isnull=False)
        .select_related("region", "budget_request", "financing_plan", "support_term")
        .annotate(
            to_confirm=Coalesce(Subquery(reported.values("application").annotate(n=Count("id")).values("n")[:1]), 0)
        )
    )
    return scope(user, qs).order_by("-priority", "submitted_at", "id")


def project_for(user: User, queryset=None) -> QuerySet[Application]:
    qs = (
        Application.objects.filter(status__in=HANDED_OVER)
        .select_related("region", "infrastructure_type", "budget_request", "financing_plan", "support_term")
        .prefetch_related(
            "financing_plan__lines",
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


def public_plans() -> list[tuple[Region, list[FinancingPlan]]]:
    """§17: published plans by region, for the public page (no login)."""
    plans = (
        FinancingPlan.objects.filter(status=FinancingPlan.Status.PUBLISHED)
        .select_related("application__region")
        .prefetch_related(Prefetch("lines", queryset=FinancingPlanLine.objects.order_by("year", "month")))
        .order_by("application__region__code", "application__number", "id")
    )
    grouped: dict[int, tuple[Region, list[FinancingPlan]]] = {}
    for plan in plans:
        region = plan.application.region
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
    projects = list(
        projects_to_settle(region_id=region_id, year=year).prefetch_related(
            Prefetch("year_results", queryset=results, to_attr="results_of_year")
        )
    )
    for project in projects:
        project.year_result = project.results_of_year[0] if project.results_of_year else None
    return projects
