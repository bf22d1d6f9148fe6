"""What the §30, §31 and §32 reports contain: plain rows for templates and exports."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import translation

from applications.models import Application, Status
from monitoring.charts import load_chart
from monitoring.models import FundsUse, InfrastructureObject, LoadIndicator, ResultIndicator, YearResult
from registry.models import Region

# §31(3): money from district budgets and regional targeted transfers or credits.
DISTRICT_SOURCES = (FundsUse.Source.DISTRICT, FundsUse.Source.TRANSFER, FundsUse.Source.CREDIT)
PROJECT_STATUSES = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
ZERO = Decimal(0)


@dataclass
class FundsSection:
    rows: list[FundsUse] = field(default_factory=list)
    planned: Decimal = ZERO
    executed: Decimal = ZERO
    unspent: Decimal = ZERO
    completed: int = 0


def infrastructure_rows(region: Region, *, charts: bool = False) -> list[InfrastructureObject]:
    """§31(1): the objects provided to entrepreneurs in the region."""
    qs = (
        InfrastructureObject.objects.filter(region=region)
        .select_related("object_type__category")
        .annotate(users_count=Count("users", distinct=True))
        .order_by("object_type__category__order", "name", "id")
    )
    if charts:
        qs = qs.prefetch_related(Prefetch("load", queryset=LoadIndicator.objects.order_by("month")))
    rows = list(qs)
    for obj in rows:
        obj.chart = load_chart(obj.load.all(), title=obj.name) if charts and obj.load.all() else ""
    return rows


def project_rows(region: Region) -> list[Application]:
    """§31(2): completed and ongoing projects."""
    return list(
        Application.objects.filter(region=region, status__in=PROJECT_STATUSES)
        .select_related("support_term", "infrastructure_type")
        .order_by("status", "number", "id")
    )


def funds_section(region: Region, year: int) -> FundsSection:
    """§31(3): plan sums, execution, number completed, unspent sums and reasons."""
    rows = list(
        FundsUse.objects.filter(application__region=region, year=year, source__in=DISTRICT_SOURCES)
        .select_related("application")
        .order_by("application__number", "id")
    )
    section = FundsSection(rows=rows)
    for row in rows:
        section.planned += row.allocated
        section.executed += row.disbursed
        section.unspent += row.unspent
    section.completed = len({r.application_id for r in rows if r.application.status == Status.COMPLETED})
    return section


def annual_context(region: Region, year: int, language: str) -> dict:
    """§31: the annual monitoring in ``language`` (kk or ru)."""
    with translation.override(language):
        return {
            "region": region, "region_name": region.name, "year": year, "language": language,
            "objects": infrastructure_rows(region, charts=True),
            "projects": project_rows(region),
            "funds": funds_section(region, year),
        }


def results_rows(region: Region, year: int) -> list[YearResult]:
    """§30/§32: each project's year, plan and fact."""
    return list(
        YearResult.objects.filter(application__region=region, year=year)
        .select_related("application")
        .order_by("application__number", "id")
    )


def monitoring_context(region: Region, year: int, language: str) -> dict:
    """§30: planned vs actual indicators and the use of funds for the financial year."""
    funds = FundsUse.objects.filter(application__region=region, year=year)
    totals = funds.aggregate(allocated=Sum("allocated"), disbursed=Sum("disbursed"))
    with translation.override(language):
        return {
            "region": region, "region_name": region.name, "year": year,
            "results": results_rows(region, year),
            "indicators": list(ResultIndicator.objects.filter(application__region=region, year=year)
                               .select_related("application").order_by("application__number", "kind", "id")),
            "allocated": totals["allocated"] or ZERO, "disbursed": totals["disbursed"] or ZERO,
            "unspent": (totals["allocated"] or ZERO) - (totals["disbursed"] or ZERO),
            "objects": infrastructure_rows(region, charts=True),
            "marked": Application.objects.filter(Q(year_results__year=year, year_results__s13_marked=True), region=region).count(),
        }


def coordinator_context(region: Region, year: int, language: str) -> dict:
    """§32: project status with jobs, tax, output, payroll growth and other indicators."""
    with translation.override(language):
        return {"region": region, "region_name": region.name, "year": year, "results": results_rows(region, year)}


def s30_document(report, params: dict, language: str) -> dict:
    return monitoring_context(report.region, report.year, language)


def s31_document(report, params: dict, language: str) -> dict:
    return annual_context(report.region, report.year, language)


def s32_document(report, params: dict, language: str) -> dict:
    return coordinator_context(report.region, report.year, language)
