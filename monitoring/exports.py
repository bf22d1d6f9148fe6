"""§32: the coordinator's report as CSV and XLSX (openpyxl)."""
from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

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


def s32_csv(results: list[YearResult]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(s32_columns())
    writer.writerows(s32_rows(results))
    # A BOM so that spreadsheet programs read the Cyrillic and Kazakh letters as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def s32_xlsx(results: list[YearResult], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(s32_columns())
    for row in s32_rows(results):
        sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
