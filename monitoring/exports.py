"""Rows of monitoring's lists and reports (§25 projects, §32 report); registry.exports writes them to CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F
from django.utils.translation import gettext as _

from applications.models import Application
from monitoring.models import OBLIGATIONS, BudgetRequest, FinancingPlan, YearResult
from registry.exports import choice_labels
from registry.models.localized import pick


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
    """Every project in the page's §5 order, read in chunks (the central body's whole country).

    Plain values, not model instances, and each status's words looked up once: 14,000 projects in a few
    seconds (``make bench``, bench/exports.py), in constant memory and one query.
    """
    statuses = choice_labels(Application._meta.get_field("status"))
    # The annotated codes of ``handed_over_projects``: the latest request's and plan's.
    requests = choice_labels(BudgetRequest._meta.get_field("status"))
    plans = choice_labels(FinancingPlan._meta.get_field("status"))
    rows = projects.order_by(F("priority").desc(), "submitted_at", "id").values_list(
        "number",
        "project_name",
        "applicant_name",
        "applicant_identifier",
        "region__name_kk",
        "region__name_ru",
        "status",
        "budget_status",
        "plan_status",
        "to_confirm",
    )
    for (
        number,
        project,
        applicant,
        identifier,
        region_kk,
        region_ru,
        status,
        request,
        plan,
        to_confirm,
    ) in rows.iterator(chunk_size=2000):
        yield [
            number or "",
            project,
            applicant,
            identifier,
            pick(region_kk, region_ru),
            statuses.get(status, status),
            requests.get(request, "") if request else "",
            plans.get(plan, "") if plan else "",
            to_confirm,
        ]
