"""§29.1: objects' monthly load readings from an XLSX file: a kk/ru template, a preview of every row's
errors, then an all-or-nothing save through the same service as the form (each reading journalled)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from monitoring.models import InfrastructureObject
from monitoring.services.objects import load_record
from registry.exports import xlsx_bytes
from registry.models import User
from registry.reach import scope

# A file larger than this is refused before it is read (a month of a region's objects is far smaller).
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass
class LoadRow:
    line: int  # the spreadsheet's row number, as the user sees it
    object_id: int | None = None
    object_name: str = ""
    month: date | None = None
    occupancy: Decimal | None = None
    served: int | None = None
    volume: Decimal | None = None
    errors: list[str] = field(default_factory=list)


def template_columns() -> list[str]:
    return [
        _("Object number"),
        _("Object"),
        _("Month (MM.YYYY)"),
        _("Occupancy, %"),
        _("Entrepreneurs served"),
        _("Volume processed"),
    ]


def load_template(*, user: User) -> bytes:
    """The template in the reader's language, one row per object the reader may record."""
    objects = scope(user, InfrastructureObject.objects.order_by("name", "id"))
    return xlsx_bytes(template_columns(), ([o.pk, o.name, "", "", "", ""] for o in objects), title=_("Load"))


def _month(value, today: date) -> date | None:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        month = value.replace(day=1)
    else:
        text = str(value or "").strip()
        for fmt in ("%m.%Y", "%Y-%m", "%m/%Y"):
            try:
                month = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            return None
    # A reading is of a month that has begun, within the rules' time (from 2025).
    return month if date(2025, 1, 1) <= month <= today.replace(day=1) else None


def _number(value, row: LoadRow | ResultRow, label: str, *, integer: bool = False, maximum: Decimal | None = None):
    if value is None or str(value).strip() == "":
        row.errors.append(_("%(field)s: empty.") % {"field": label})
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        row.errors.append(_("%(field)s: not a number.") % {"field": label})
        return None
    if number < 0:
        row.errors.append(_("%(field)s: negative value.") % {"field": label})
        return None
    if integer and number != number.to_integral_value():
        row.errors.append(_("%(field)s: a whole number is expected.") % {"field": label})
        return None
    if maximum is not None and number > maximum:
        row.errors.append(_("%(field)s: more than %(max)s.") % {"field": label, "max": maximum})
        return None
    return int(number) if integer else number


def _cells(upload) -> list[tuple[int, tuple]]:
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    try:
        book = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(_("The file is not an XLSX workbook; fill in the portal's template.")) from None
    sheet = book.active
    if not isinstance(sheet, ReadOnlyWorksheet):  # a chart sheet in front: not the portal's template
        raise ValidationError(_("The file is not an XLSX workbook; fill in the portal's template."))
    rows = [(n, tuple(r)) for n, r in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)]
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            ngettext("The file has more than %(n)s row.", "The file has more than %(n)s rows.", MAX_ROWS)
            % {"n": MAX_ROWS}
        )
    return rows


def load_parse(upload, *, user: User, today: date) -> list[LoadRow]:
    """Every filled row with its errors; nothing is saved here."""
    known = dict(scope(user, InfrastructureObject.objects.all()).values_list("pk", "name"))
    parsed, seen = [], set()
    for line, cells in _cells(upload):
        cells = (tuple(cells) + (None,) * 6)[:6]
        if all(c is None or str(c).strip() == "" for c in cells[2:]):
            continue  # a template row left empty
        row = LoadRow(line=line)
        try:
            row.object_id = int(str(cells[0]).strip())
        except (TypeError, ValueError):
            row.object_id = None
        if row.object_id not in known:
            row.errors.append(_("Unknown object."))
        else:
            row.object_name = known[row.object_id]
        row.month = _month(cells[2], today)
        if row.month is None:
            row.errors.append(_("Wrong month: write MM.YYYY, a month that has begun."))
        row.occupancy = _number(cells[3], row, _("Occupancy, %"), maximum=Decimal(100))
        row.served = _number(cells[4], row, _("Entrepreneurs served"), integer=True)
        row.volume = _number(cells[5] if cells[5] not in (None, "") else 0, row, _("Volume processed"))
        if (row.object_id, row.month) in seen and row.month:
            row.errors.append(_("The same object and month are already in the file."))
        seen.add((row.object_id, row.month))
        parsed.append(row)
    return parsed


def load_import(*, rows: list[LoadRow], by: User, at: datetime) -> int:
    """§29.1: save every reading or none; each goes through load_record (§28 check, journal row)."""
    if not rows or any(r.errors for r in rows):
        raise ValidationError(_("Nothing is saved: correct the rows with errors and upload the file again."))
    with transaction.atomic():
        objects = {
            o.pk: o
            for o in InfrastructureObject.objects.select_for_update()
            .filter(pk__in={r.object_id for r in rows})
            .order_by("pk")
        }
        if set(objects) != {r.object_id for r in rows}:
            raise ValidationError(_("Nothing is saved: an object of the file no longer exists."))
        for row in rows:
            # Rows without errors have every value read.
            assert row.object_id is not None and row.month is not None and row.served is not None
            assert row.occupancy is not None and row.volume is not None
            load_record(
                obj=objects[row.object_id],
                month=row.month,
                occupancy=row.occupancy,
                served=row.served,
                volume=row.volume,
                by=by,
                at=at,
            )
    return len(rows)


def rows_to_session(rows: list[LoadRow]) -> list[list]:
    return [[r.line, r.object_id, str(r.month), str(r.occupancy), r.served, str(r.volume)] for r in rows]


def rows_from_session(data: list[list]) -> list[LoadRow]:
    return [
        LoadRow(
            line=line,
            object_id=obj,
            month=date.fromisoformat(month),
            occupancy=Decimal(occ),
            served=served,
            volume=Decimal(volume),
        )
        for line, obj, month, occ, served, volume in data
    ]


# --- §29.2: yearly direct and final results of the projects ------------------------------------------------


@dataclass
class ResultRow:
    line: int
    application_id: int | None = None
    number: str = ""
    year: int | None = None
    kind: str = ""
    name: str = ""
    unit: str = ""
    plan: Decimal | None = None
    fact: Decimal | None = None
    errors: list[str] = field(default_factory=list)


def results_columns() -> list[str]:
    return [
        _("Registry number"),
        _("Project"),
        _("Year"),
        _("Kind (direct / final)"),
        _("Indicator"),
        _("Unit"),
        _("Plan"),
        _("Fact"),
    ]


def _projects(user: User) -> dict[str, tuple[int, str]]:
    from monitoring.selectors import handed_over_projects

    return {
        n: (pk, name) for pk, n, name in handed_over_projects(user).values_list("pk", "number", "project_name") if n
    }


def results_template(*, user: User) -> bytes:
    """The template in the reader's language, one row per project the reader may record."""
    rows = ([number, name, "", "", "", "", "", ""] for number, (_pk, name) in sorted(_projects(user).items()))
    return xlsx_bytes(results_columns(), rows, title=_("Results"))


def _kind(value) -> str:
    from django.utils.translation import override

    from monitoring.models import ResultIndicator

    text = str(value or "").strip().lower()
    for kind in ResultIndicator.Kind:
        names = {kind.value}
        for language in ("kk", "ru"):
            with override(language):
                names.add(str(kind.label).lower())
        if text in names:
            return kind.value
    return ""


def results_parse(upload, *, user: User, today: date) -> list[ResultRow]:
    projects = _projects(user)
    parsed, seen = [], set()
    for line, cells in _cells(upload):
        cells = (tuple(cells) + (None,) * 8)[:8]
        if all(c is None or str(c).strip() == "" for c in cells[2:]):
            continue
        row = ResultRow(line=line, number=str(cells[0] or "").strip())
        if row.number in projects:
            row.application_id = projects[row.number][0]
        else:
            row.errors.append(_("Unknown project."))
        try:
            row.year = int(str(cells[2]).strip())
        except (TypeError, ValueError):
            row.year = None
        if row.year is None or not 2025 <= row.year <= today.year:
            row.errors.append(_("Wrong year."))
            row.year = None
        row.kind = _kind(cells[3])
        if not row.kind:
            row.errors.append(_("Kind: write “direct” or “final”."))
        row.name = str(cells[4] or "").strip()[:300]
        if not row.name:
            row.errors.append(_("Indicator: empty."))
        row.unit = str(cells[5] or "").strip()[:40]
        row.plan = _number(cells[6], row, _("Plan"))
        row.fact = None if cells[7] in (None, "") else _number(cells[7], row, _("Fact"))
        key = (row.application_id, row.year, row.kind, row.name)
        if key in seen and row.name:
            row.errors.append(_("The same indicator is already in the file."))
        seen.add(key)
        parsed.append(row)
    return parsed


def results_import(*, rows: list[ResultRow], by: User, at: datetime) -> int:
    """§29.2: save every indicator or none; each goes through indicator_set (§28 check, journal row)."""
    from applications.models import Application
    from monitoring.services.results import indicator_set

    if not rows or any(r.errors for r in rows):
        raise ValidationError(_("Nothing is saved: correct the rows with errors and upload the file again."))
    with transaction.atomic():
        projects = {
            a.pk: a
            for a in Application.objects.select_for_update()
            .filter(pk__in={r.application_id for r in rows})
            .order_by("pk")
        }
        for row in rows:
            # Rows without errors have every value read.
            assert row.application_id is not None and row.year is not None and row.plan is not None
            indicator_set(
                application=projects[row.application_id],
                year=row.year,
                kind=row.kind,
                name=row.name,
                unit=row.unit,
                plan=row.plan,
                fact=row.fact,
                by=by,
                at=at,
            )
    return len(rows)


def results_to_session(rows: list[ResultRow]) -> list[list]:
    return [
        [r.line, r.application_id, r.year, r.kind, r.name, r.unit, str(r.plan), None if r.fact is None else str(r.fact)]
        for r in rows
    ]


def results_from_session(data: list[list]) -> list[ResultRow]:
    return [
        ResultRow(
            line=line,
            application_id=app,
            year=year,
            kind=kind,
            name=name,
            unit=unit,
            plan=Decimal(plan),
            fact=None if fact is None else Decimal(fact),
        )
        for line, app, year, kind, name, unit, plan, fact in data
    ]
