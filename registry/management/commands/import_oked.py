"""``manage.py import_oked <file.xlsx>``: load the official ЭҚЖЖ (ОКЭД) from stat.gov.kz.

The Bureau of National Statistics publishes the classifier as an XLSX sheet:
a few title lines, a header row, then one row per code with the code, the
Kazakh name and the Russian name. Codes are written "A", "01", "01.1", "01.11",
"01.11.1" (some editions drop the dots: "0111"). Level, section and parent
follow from the code, so the file's own hierarchy columns are not needed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.models import OkedCode

# NACE rev. 2 division ranges of each section (ҚР МЖ 03-2019 keeps them).
SECTION_DIVISIONS = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}
NUMERIC_CODE = re.compile(r"^\d{2}(\.\d(\d(\.\d)?)?)?$")
LEVELS = {2: OkedCode.Level.DIVISION, 4: OkedCode.Level.GROUP, 5: OkedCode.Level.CLASS, 7: OkedCode.Level.SUBCLASS}
# Cyrillic letters that look like Latin section letters in hand-made sheets.
LOOKALIKES = str.maketrans("АВСЕНКМОРТ", "ABCEHKMOPT")
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Row:
    code: str
    name_kk: str
    name_ru: str


def normalise_code(value) -> str | None:
    """The classifier's code in dotted form, or None when the cell holds no code."""
    if value is None:
        return None
    text = str(value).strip().replace(" ", "").upper().translate(LOOKALIKES)
    if len(text) == 1 and text in SECTION_DIVISIONS:
        return text
    if text.isdigit() and 2 <= len(text) <= 5:
        # "011" → "01.1", "0111" → "01.11", "01111" → "01.11.1"
        text = ".".join(filter(None, [text[:2], text[2:4], text[4:]]))
    return text if NUMERIC_CODE.match(text) else None


def section_of(code: str) -> str | None:
    if not code[0].isdigit():
        return code
    division = int(code[:2])
    return next((s for s, (low, high) in SECTION_DIVISIONS.items() if low <= division <= high), None)


def parent_of(code: str) -> str:
    """ "01.11.1" → "01.11" → "01.1" → "01" → its section."""
    if "." not in code:
        return section_of(code) or ""  # no section: no parent
    if code.count(".") == 2:
        return code.rsplit(".", 1)[0]
    head, tail = code.split(".")
    return head if len(tail) == 1 else f"{head}.{tail[0]}"


def level_of(code: str) -> str:
    return OkedCode.Level.SECTION if len(code) == 1 else LEVELS[len(code)]


def _columns(header: tuple) -> tuple[int, int, int]:
    """(code, Kazakh name, Russian name) columns named in a header row."""
    cells = [str(c or "").strip().lower() for c in header]
    code = next(i for i, c in enumerate(cells) if c.startswith(("код", "code", "коды")))
    kk = next((i for i, c in enumerate(cells) if "қаз" in c or "каз" in c or "kaz" in c), code + 1)
    ru = next((i for i, c in enumerate(cells) if "рус" in c or "rus" in c), code + 2)
    return code, kk, ru


def read_rows(path: Path) -> tuple[list[Row], int]:
    """The classifier rows of the first sheet, and how many data rows had no valid code."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as exc:
        raise CommandError(
            _("%(file)s is not a readable XLSX file (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    lines = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    start, columns = 0, (0, 1, 2)
    for index, line in enumerate(lines[:HEADER_SCAN_ROWS]):
        if any(str(c or "").strip().lower().startswith(("код", "code", "коды")) for c in line):
            start, columns = index + 1, _columns(line)
            break
    rows, skipped = [], 0
    for line in lines[start:]:
        cells = list(line) + [None] * 3
        code = normalise_code(cells[columns[0]])
        name_kk, name_ru = (str(cells[i] or "").strip() for i in columns[1:])
        if code is None or not (name_kk or name_ru):
            skipped += any(c not in (None, "") for c in line)
            continue
        rows.append(Row(code, name_kk[:500] or name_ru[:500], name_ru[:500] or name_kk[:500]))
    return rows, skipped


def import_rows(rows: list[Row]) -> dict[str, int]:
    """Write the rows, parents first; counts of created, updated and orphan codes."""
    counts = {"created": 0, "updated": 0, "orphans": 0}
    known = {o.code: o for o in OkedCode.objects.all()}
    with transaction.atomic():
        for row in sorted(rows, key=lambda r: (len(r.code), r.code)):
            parent = known.get(parent_of(row.code)) if len(row.code) > 1 else None
            counts["orphans"] += len(row.code) > 1 and parent is None
            obj, created = OkedCode.objects.update_or_create(
                code=row.code,
                defaults={
                    "level": level_of(row.code),
                    "section": section_of(row.code) or "",
                    "parent": parent,
                    "name_kk": row.name_kk,
                    "name_ru": row.name_ru,
                },
            )
            known[row.code] = obj
            counts["created" if created else "updated"] += 1
    return counts


class Command(BaseCommand):
    help = "Import the official ЭҚЖЖ (ОКЭД) classifier from the stat.gov.kz XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the XLSX file: code, name in Kazakh, name in Russian")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        rows, skipped = read_rows(file)
        if not rows:
            raise CommandError(
                _("No ЭҚЖЖ codes found in %(file)s: expected columns code, name in Kazakh, name in Russian.")
                % {"file": file}
            )
        counts = import_rows(rows)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "ЭҚЖЖ imported: %(created)d created, %(updated)d updated, %(skipped)d rows skipped, "
                    "%(orphans)d codes without a parent."
                )
                % {**counts, "skipped": skipped}
            )
        )
