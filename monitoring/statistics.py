"""Public aggregates (no personal data): applications by month and region, §19 review time,
funds planned and executed (§29.3), jobs created (§32). Figures for a table and an SVG chart alike."""

from __future__ import annotations

import statistics as stats
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application, Refusal
from applications.services.submission import REVIEW_WORKING_DAYS
from councils.models import AgendaItem, Protocol
from monitoring.charts import Series, bar_chart
from monitoring.models import FundsUse, YearResult
from monitoring.register import Field
from registry.calendar import working_days_between
from registry.models import Region

# How many months the monthly table and chart cover, counted back from the latest month with data.
MONTHS_SHOWN = 24


# The columns of the statistics files, for the data dictionary page (the register's Field).
FIELDS = (
    Field(
        "table",
        gettext_lazy("Table"),
        gettext_lazy(
            "by_month: applications by month; by_region: applications and review time by region; "
            "funds: funds by year; jobs: jobs created by year"
        ),
    ),
    Field(
        "region_code",
        gettext_lazy("Region code"),
        gettext_lazy("The region's two-digit KATO code; empty for the whole country"),
    ),
    Field("period", gettext_lazy("Period"), gettext_lazy("The month (YYYY-MM) or the year; empty for the whole time")),
    Field(
        "measure",
        gettext_lazy("Figure"),
        gettext_lazy(
            "received: applications received; refused: refused by the regional coordinator (paragraph 20); "
            "approved: approved by the ӨҮК in a signed protocol (paragraph 23); review_median: median review "
            "time (paragraph 19); planned, executed: funds planned and executed (paragraph 29); "
            "jobs_permanent, jobs_temporary: jobs created, confirmed (paragraph 32)"
        ),
    ),
    Field(
        "value", gettext_lazy("Value"), gettext_lazy("The figure; empty when there is nothing to count"), kind="number"
    ),
    Field(
        "unit",
        gettext_lazy("Unit"),
        gettext_lazy("applications, working_days, thousand_tenge or people"),
    ),
)


DATA_KEYS = tuple(f.key for f in FIELDS)


def data_rows(data: dict, *, region: Region | None = None) -> Iterator[dict]:
    """The figures of :func:`overview` as open data: one row per figure, stable English keys and codes."""
    here = region.code if region is not None else ""

    def row(table, code, period, measure, value, unit):
        return dict(zip(DATA_KEYS, (table, code, period, measure, value, unit), strict=True))

    for month, received, refused, approved in data["monthly"]:
        for measure, value in (("received", received), ("refused", refused), ("approved", approved)):
            yield row("by_month", here, month.strftime("%Y-%m"), measure, value, "applications")
    for r, received, refused, approved, median in data["region_rows"]:
        for measure, value in (("received", received), ("refused", refused), ("approved", approved)):
            yield row("by_region", r.code, "", measure, value, "applications")
        yield row("by_region", r.code, "", "review_median", median, "working_days")
    for year, planned, executed in data["funds"]:
        yield row("funds", here, str(year), "planned", planned, "thousand_tenge")
        yield row("funds", here, str(year), "executed", executed, "thousand_tenge")
    for year, permanent, temporary in data["jobs"]:
        yield row("jobs", here, str(year), "jobs_permanent", permanent, "people")
        yield row("jobs", here, str(year), "jobs_temporary", temporary, "people")


def _by_month(qs: QuerySet, field: str) -> dict:
    rows = qs.annotate(m=TruncMonth(field)).values("m").annotate(n=Count("id")).values_list("m", "n")
    return {timezone.localdate(m) if hasattr(m, "hour") else m: n for m, n in rows}


def _by_region(qs: QuerySet, path: str) -> dict:
    return dict(qs.values(path).annotate(n=Count("id")).values_list(path, "n"))


def _review_days(apps: QuerySet) -> dict[int, list[int]]:
    """§19: working days from receipt to the coordinator's recommendation or refusal, by region."""
    days: dict[int, list[int]] = defaultdict(list)
    rows = apps.filter(received_on__isnull=False).values_list(
        "region_id", "received_on", "recommendation__at", "refusal__at"
    )
    for region_id, received, recommended, refused in rows:
        done = recommended or refused
        if done is not None:
            days[region_id].append(working_days_between(received, timezone.localdate(done)))
    return days


def overview(*, region: Region | None = None) -> dict:
    apps = Application.objects.filter(submitted_at__isnull=False)
    if region is not None:
        apps = apps.filter(region=region)
    refusals = Refusal.objects.filter(application__in=apps)
    approvals = AgendaItem.objects.filter(
        application__in=apps, decision=AgendaItem.Decision.APPROVED, session__protocol__status=Protocol.Status.FINAL
    )
    received, refused, approved = (
        _by_month(apps, "submitted_at"),
        _by_month(refusals, "at"),
        _by_month(approvals, "decided_at"),
    )
    months = sorted(set(received) | set(refused) | set(approved))[-MONTHS_SHOWN:]
    monthly = [(m, received.get(m, 0), refused.get(m, 0), approved.get(m, 0)) for m in months]
    review = _review_days(apps)
    all_days = [d for values in review.values() for d in values]
    per_region = {
        "received": _by_region(apps, "region"),
        "refused": _by_region(refusals, "application__region"),
        "approved": _by_region(approvals, "application__region"),
    }
    regions = [region] if region is not None else list(Region.objects.all())
    region_rows = [
        (
            r,
            per_region["received"].get(r.pk, 0),
            per_region["refused"].get(r.pk, 0),
            per_region["approved"].get(r.pk, 0),
            stats.median(review[r.pk]) if review.get(r.pk) else None,
        )
        for r in regions
    ]
    funds = list(
        FundsUse.objects.filter(application__in=apps)
        .values("year")
        .annotate(planned=Sum("allocated"), executed=Sum("disbursed"))
        .order_by("year")
        .values_list("year", "planned", "executed")
    )
    jobs = list(
        YearResult.objects.filter(application__in=apps, status=YearResult.Status.CONFIRMED)
        .values("year")
        .annotate(permanent=Sum("fact_jobs_permanent"), temporary=Sum("fact_jobs_temporary"))
        .order_by("year")
        .values_list("year", "permanent", "temporary")
    )
    return {
        "monthly": monthly,
        "region_rows": region_rows,
        "funds": funds,
        "jobs": jobs,
        "review_days": REVIEW_WORKING_DAYS,
        "review_median": stats.median(all_days) if all_days else None,
        "review_count": len(all_days),
        "review_on_time": sum(1 for d in all_days if d <= REVIEW_WORKING_DAYS),
        "monthly_chart": bar_chart(
            [m.strftime("%m.%Y") for m, *_r in monthly],
            [
                Series(_("Applications received"), [r[1] for r in monthly], "#0d6efd"),
                Series(_("Refused by the coordinator"), [r[2] for r in monthly], "#dc3545"),
                Series(_("Approved by the council"), [r[3] for r in monthly], "#198754"),
            ],
            title=_("Applications by month"),
        ),
        "funds_chart": bar_chart(
            [str(y) for y, *_r in funds],
            [
                Series(_("Planned funds"), [float(p) for _y, p, _e in funds], "#6c757d"),
                Series(_("Executed funds"), [float(e) for _y, _p, e in funds], "#198754"),
            ],
            title=_("Funds planned and executed, thousand tenge"),
        ),
        "jobs_chart": bar_chart(
            [str(y) for y, *_r in jobs],
            [
                Series(_("Permanent jobs"), [p or 0 for _y, p, _t in jobs], "#0d6efd"),
                Series(_("Temporary jobs"), [t or 0 for _y, _p, t in jobs], "#fd7e14"),
            ],
            title=_("Jobs created (confirmed)"),
        ),
    }
