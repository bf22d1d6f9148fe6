"""Rows of monitoring's lists and reports (§25 projects, §32 report); registry.exports writes them to CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F
from django.utils.translation import gettext as _

from monitoring.models import OBLIGATIONS, YearResult


def s32_columns() -> list[str]:
    names = {
        "jobs_permanent": _("Permanent jobs"),
        "jobs_temporary": _("Temporary jobs"),
        "tax": _("Tax paid"),
        "output": _("Output"),
        "payroll_growth": _("Payroll growth, %"),
        "other": _("Other indicators"),
    }
    head = [_("Registry number"), _("BIN / IIN"), _("Applicant"), _("Project"), _("Status")]
    for key in OBLIGATIONS:
        head += [f"{names[key]}: {_('plan')}", f"{names[key]}: {_('fact')}"]
    return head


def s32_rows(results: list[YearResult]) -> list[list]:
    rows = []
    for r in results:
        app = r.application
        row = [
            app.number or "",
            app.applicant_identifier,
            app.applicant_name,
            app.project_name,
            app.get_status_display(),
        ]
        for key in OBLIGATIONS:
            fact = getattr(r, f"fact_{key}")
            row += [getattr(r, f"plan_{key}"), "" if fact is None else fact]
        rows.append(row)
    return rows


def projects_columns() -> list[str]:
    """§25: the administrator's projects list, as on the page."""
    return [
        _("Registry number"),
        _("Project"),
        _("Applicant"),
        _("BIN / IIN"),
        _("Region"),
        _("Status"),
        _("Budget request"),
        _("Financing plan"),
        _("Results to confirm"),
    ]


def projects_rows(projects) -> Iterator[list]:
    """Every project in the page's §5 order, read in chunks (the central body's whole country)."""
    from monitoring.selectors import status_labels

    request_labels, plan_labels = status_labels()
    for p in projects.order_by(F("priority").desc(), "submitted_at", "id").iterator(chunk_size=2000):
        yield [
            p.number or "",
            p.project_name,
            p.applicant_name,
            p.applicant_identifier,
            str(p.region),
            p.get_status_display(),
            str(request_labels.get(p.budget_status, "")),
            str(plan_labels.get(p.plan_status, "")),
            p.to_confirm,
        ]
