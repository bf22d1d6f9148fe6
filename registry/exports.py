"""The one way the portal writes a list to CSV or XLSX.

Every export goes through here so that a cell a user typed can never become a
formula in the reader's spreadsheet (CWE-1236, "CSV injection"): in XLSX every
string is written as a string cell (never a formula, whatever it starts with);
in CSV, which has no cell types, a string that starts with ``= + - @`` or a tab
or carriage return gets a leading apostrophe, so Excel and LibreOffice show it
as text. Numbers and dates stay numbers and dates.

Rows are read lazily: CSV streams line by line; XLSX is written in openpyxl's
write-only mode (constant memory) to a spooled temporary file and then streamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from registry.speedups import display_labels

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The characters that make a spreadsheet read a CSV cell as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on a sheet's name.
SHEET_TITLE_MAX = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _plain(value: Any) -> Any:
    """A value as a spreadsheet holds it: numbers and dates as they are, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        # Spreadsheets have no time zones: the portal's local time, as a reader expects.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return force_str(value) if isinstance(value, Promise) else str(value)


def choice_labels(field) -> dict:
    """A model field's choices as ``{value: label}`` in the active language, looked up once per export.

    ``get_FOO_display()`` hashes every lazy label of the field on every call (Django's ``make_hashable``,
    a translation each): on the central body's 14,000 projects that was most of the export's time. The
    same table as a list page's rows read (``registry.speedups.display_labels``).
    """
    return display_labels(field)


def csv_cell(value: Any) -> Any:
    """One CSV cell: a string that a spreadsheet would run as a formula is neutralised."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Echo:
    """A file-like object whose write returns the line, for a streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def iter_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """UTF-8 CSV, line by line; a BOM first so spreadsheets read Kazakh and Cyrillic letters right."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    yield writer.writerow([csv_cell(h) for h in header]).encode()
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row]).encode()


def _xlsx_cell(sheet, value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # A string cell whatever it starts with: openpyxl would otherwise store "=..." as a formula.
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    # Everything else as a plain value: openpyxl writes it through one reused cell (a cell object per
    # value costs an object and a caught exception each: half the time of a 14,000-row export).
    return value


def sheet_title(title: str) -> str:
    return (force_str(title).translate(_SHEET_TITLE_FORBIDDEN).strip() or "Sheet")[:SHEET_TITLE_MAX]


def write_xlsx(fileobj, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(title))
    sheet.append([_xlsx_cell(sheet, h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    book.save(fileobj)


def xlsx_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        write_xlsx(out, header, rows, title=title)
        out.seek(0)
        return out.read()


def csv_response(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(iter_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, filename: str, title: str) -> FileResponse:
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 -- FileResponse closes it when sent
    write_xlsx(out, header, rows, title=title)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def export_response(fmt: str, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, filename: str, title: str):
    """The list as ``fmt`` ("csv" or "xlsx"); any other format answers 404."""
    if fmt == "csv":
        return csv_response(header, rows, filename=filename)
    if fmt == "xlsx":
        return xlsx_response(header, rows, filename=filename, title=title)
    raise Http404
