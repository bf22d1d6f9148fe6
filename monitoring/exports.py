"""§32: the coordinator's report as rows; registry.exports writes them to CSV and XLSX."""
from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring.models import OBLIGATIONS, YearResult


def s32_columns() -> list[str]:
    names = {
        "jobs_permanent": _("Permanent jobs"), "jobs_temporary": _("Temporary jobs"), "tax": _("Tax paid"),
        "output": _("Output"), "payroll_growth": _("Payroll growth, %"), "other": _("Other indicators"),
    }
    head = [_("Registry number"), _("BIN / IIN"), _("Applicant"), _("Project"), _("Status")]
    for key in OBLIGATIONS:
        head += [f"{names[key]}: {_('plan')}", f"{names[key]}: {_('fact')}"]
    return head


def s32_rows(results: list[YearResult]) -> list[list]:
    rows = []
    for r in results:
        app = r.application
        row = [app.number or "", app.applicant_identifier, app.applicant_name, app.project_name, app.get_status_display()]
        for key in OBLIGATIONS:
            fact = getattr(r, f"fact_{key}")
            row += [getattr(r, f"plan_{key}"), "" if fact is None else fact]
        rows.append(row)
    return rows
