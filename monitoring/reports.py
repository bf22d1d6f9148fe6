"""What the §30, §31 and §32 reports contain: plain rows for templates and exports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, Sum
from django.utils import translation
from django.utils.translation import gettext

from applications.models import Application, Status
from monitoring.charts import Point, line_chart, load_chart
from monitoring.models import (
    FinancingPlanLine,
    FundsUse,
    InfrastructureObject,
    LoadIndicator,
    ResultIndicator,
    YearResult,
)
from registry.models import InfrastructureObjectType, Region

# §31(3): money from district budgets and regional targeted transfers or credits.
DISTRICT_SOURCES = (FundsUse.Source.DISTRICT, FundsUse.Source.TRANSFER, FundsUse.Source.CREDIT)
PROJECT_STATUSES = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
ZERO = Decimal(0)


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
    rows: list[Any] = list(qs)  # each row gets its chart
    for obj in rows:
        obj.chart = load_chart(obj.load.all(), title=obj.name) if charts and obj.load.all() else ""
    return rows


def infrastructure_summary(region: Region) -> list[dict]:
    """§31(1): objects provided, by §6 category and type: how many, how many working, their users."""
    working = [InfrastructureObject.Works.COMMISSIONED, InfrastructureObject.Works.OPERATING]
    rows = (
        InfrastructureObject.objects.filter(region=region)
        .values("object_type_id")
        .order_by("object_type__category__order", "object_type__order", "object_type_id")
        .annotate(  # type: ignore[no-redef]  # django-stubs: names after values() do not clash with the model's
            objects=Count("id", distinct=True),
            working=Count("id", filter=Q(works_status__in=working), distinct=True),
            users=Count("users", distinct=True),
        )
    )
    types = {t.pk: t for t in InfrastructureObjectType.objects.select_related("category")}
    return [
        {"category": types[r["object_type_id"]].category.name, "type": types[r["object_type_id"]].name, **r}
        for r in rows
    ]


def project_list(region: Region) -> list[dict]:
    """§31(2): completed and ongoing projects, one plain row each (1,000 rows must stay cheap)."""
    labels = dict(Status.choices)
    rows = (
        Application.objects.filter(region=region, status__in=PROJECT_STATUSES)
        .order_by("status", "number", "id")
        .values(
            "number", "project_name", "applicant_name", "status", "support_term__starts_on", "support_term__current_end"
        )
    )
    return [
        {
            **r,
            "status_label": labels[r["status"]],
            "term_text": f"{r['support_term__starts_on']:%d.%m.%Y} – {r['support_term__current_end']:%d.%m.%Y}"
            if r["support_term__starts_on"]
            else "",
        }
        for r in rows
    ]


def _plan_sums(application_ids: list[int], year: int) -> dict[int, Decimal]:
    """§31(3): each project's financing-plan sum for ``year``: its plan of payments (§2(8)) that year."""
    rows = (
        FinancingPlanLine.objects.filter(application_id__in=application_ids, plan__year=year)
        .values("application_id")
        .annotate(total=Sum("payments"))
        .order_by()
    )
    return {r["application_id"]: r["total"] for r in rows}


def funds_section(region: Region, year: int) -> dict:
    """§31(3): the list of projects financed from district budgets and regional targeted transfers or
    credits: financing-plan sum, actual execution, completed or not, unspent sum and its reason; totals."""
    labels = dict(FundsUse.Source.choices)
    uses = list(
        FundsUse.objects.filter(application__region=region, year=year, source__in=DISTRICT_SOURCES)
        .order_by("application__number", "application_id", "source")
        .values(
            "application_id",
            "application__number",
            "application__project_name",
            "application__status",
            "source",
            "disbursed",
            "unspent_reason",
        )
    )
    plans = _plan_sums(sorted({u["application_id"] for u in uses}), year)
    by_project: dict[int, dict] = {}
    for u in uses:  # one row a project, whatever the number of its sources
        row = by_project.setdefault(
            u["application_id"],
            {
                "number": u["application__number"],
                "project": u["application__project_name"],
                "sources": [],
                "planned": plans.get(u["application_id"], ZERO),
                "executed": ZERO,
                "reasons": [],
                "completed": u["application__status"] == Status.COMPLETED,
            },
        )
        row["sources"].append(str(labels[u["source"]]))
        row["executed"] += u["disbursed"]
        if u["unspent_reason"]:
            row["reasons"].append(u["unspent_reason"])
    rows = list(by_project.values())
    for row in rows:
        row["source"] = ", ".join(row.pop("sources"))
        row["unspent"] = max(row["planned"] - row["executed"], ZERO)
        # The administrator's recorded reason is shown whatever the plan says (it explains its figures).
        row["reason"] = "; ".join(row.pop("reasons"))
    planned = sum((r["planned"] for r in rows), ZERO)
    executed = sum((r["executed"] for r in rows), ZERO)
    return {
        "rows": rows,
        "projects": len(rows),
        "completed": sum(r["completed"] for r in rows),
        "planned": planned,
        "executed": executed,
        "unspent": sum((r["unspent"] for r in rows), ZERO),
    }


def region_load_chart(region: Region, year: int, *, title: str):
    """§29.1 in §31: the region's average occupancy by month (one chart, whatever the number of objects)."""
    months = (
        LoadIndicator.objects.filter(infrastructure_object__region=region, month__year=year)
        .values("month")
        .annotate(occupancy=Avg("occupancy"))
        .order_by("month")
    )
    points = [Point(label=m["month"].strftime("%m.%Y"), value=float(m["occupancy"])) for m in months]
    return line_chart(points, title=title, top_value=100) if points else ""


def annual_context(region: Region, year: int, language: str) -> dict:
    """§31: the annual monitoring in ``language`` (kk or ru)."""
    with translation.override(language):
        return {
            "region": region,
            "region_name": region.name,
            "year": year,
            "language": language,
            "infrastructure": infrastructure_summary(region),
            "load_chart": region_load_chart(region, year, title=gettext("Average occupancy of objects, % by month")),
            "projects": project_list(region),
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
            "region": region,
            "region_name": region.name,
            "year": year,
            "results": results_rows(region, year),
            "indicators": list(
                ResultIndicator.objects.filter(application__region=region, year=year)
                .select_related("application")
                .order_by("application__number", "kind", "id")
            ),
            "allocated": totals["allocated"] or ZERO,
            "disbursed": totals["disbursed"] or ZERO,
            "unspent": (totals["allocated"] or ZERO) - (totals["disbursed"] or ZERO),
            "objects": infrastructure_rows(region, charts=True),
            "marked": Application.objects.filter(
                Q(year_results__year=year, year_results__s13_marked=True), region=region
            ).count(),
        }


def s32_rows(region: Region, year: int) -> list[dict]:
    """§32: every project of the region in monitoring, with its year's facts; a project whose entrepreneur
    has not reported is listed and shown as such (§13 rev. 2: no report is a finding, not a pass)."""
    results = {r.application_id: r for r in YearResult.objects.filter(application__region=region, year=year)}
    projects = (
        Application.objects.filter(Q(status__in=PROJECT_STATUSES) | Q(pk__in=list(results)), region=region)
        .order_by("number", "id")
        .only("id", "number", "project_name", "status")
    )
    rows = []
    for application in projects:
        result = results.get(application.pk)
        reported = result is not None and result.status != YearResult.Status.PLANNED
        rows.append({"application": application, "result": result if reported else None, "reported": reported})
    return rows


def coordinator_context(region: Region, year: int, language: str) -> dict:
    """§32: project status with jobs, tax, output, payroll growth and other indicators."""
    with translation.override(language):
        return {"region": region, "region_name": region.name, "year": year, "rows": s32_rows(region, year)}


def s30_document(report, params: dict, language: str) -> dict:
    return monitoring_context(report.region, report.year, language)


def s31_document(report, params: dict, language: str) -> dict:
    return annual_context(report.region, report.year, language)


def s32_document(report, params: dict, language: str) -> dict:
    return coordinator_context(report.region, report.year, language)
