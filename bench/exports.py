"""Benchmark (not a test): the staff exports of the largest lists, XLSX and CSV, at bench scale (issue 18).

On the database ``bench/seed.py`` left (``--scale 1``: 14,000 handed-over projects across 20 regions), it
exports, in the reader's language (kk), exactly as the views answer a click on "XLSX" / "CSV":

* the central body's projects list (§25: every handed-over project of the country, the largest staff
  list), and for comparison one region's budget administrator's list (a twentieth of it);
* the coordinator's inbox with no filter (the region's whole queue).

For each it reads the whole response (every byte, as a browser saving the file) and reports the wall
time, the rows and bytes, the SQL statements the export ran, and, from one extra untimed run under
``tracemalloc``, the peak of Python allocations. It checks the issue's target (the central body's export
in under 10 s) and that an export is streamed: the same number of statements and about the same memory
for the country as for one region. It only reads: any seeded database may be used, also one that
another benchmark is using.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/exports.py [--region 75] [--strict]

``--strict`` exits 1 when a target is missed (without it the figures are printed and the run passes).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402 (after django.setup())
from django.test import RequestFactory  # noqa: E402 (after django.setup())
from django.test.utils import CaptureQueriesContext  # noqa: E402 (after django.setup())
from django.utils import translation  # noqa: E402 (after django.setup())

TARGET_SECONDS = 10.0
# Constant memory: the second half of a streamed CSV may peak at most this much above the first half.
MEMORY_SLACK = 1.5
# An XLSX is built in a SpooledTemporaryFile that keeps up to 8 MB in memory before it spills to disk.
XLSX_SPOOL_MB = 8.0
FORMATS = ("xlsx", "csv")


@dataclass
class Export:
    name: str
    label: str
    view: object
    user: object
    path: str
    rows: int = 0


@dataclass
class Figures:
    seconds: float
    size: int
    queries: int
    lines: int
    peak_mb: float = 0.0
    first_half_mb: float = 0.0


def body(response) -> bytes:
    """Every byte of the response, as a browser saving the file reads it."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return data


def run(export: Export, fmt: str) -> tuple[Figures, bytes]:
    request = RequestFactory().get(export.path.format(fmt=fmt))
    request.user = export.user
    request.LANGUAGE_CODE = "kk"
    with translation.override("kk"), CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        data = body(export.view(request, fmt=fmt))
        seconds = time.perf_counter() - start
    return Figures(seconds, len(data), len(queries), count_rows(data, fmt)), data


def count_rows(data: bytes, fmt: str) -> int:
    """The data rows in the file (the header not counted): the XLSX opened with openpyxl, as a reader would."""
    if fmt == "csv":
        import csv
        import io

        return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")))) - 1
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return sum(1 for _ in book.active.iter_rows(values_only=True)) - 1


def peak_memory(export: Export, fmt: str, rows: int) -> tuple[float, float]:
    """Peaks of Python allocations (MB) during one export, untimed (tracemalloc slows everything).

    For a streamed CSV, the peak while the first half of the rows is read and the peak while the second
    half is: constant memory makes them alike, a list held whole would double the second. XLSX is written
    to a temporary file before it is sent, so it has one peak (returned twice).
    """
    request = RequestFactory().get(export.path.format(fmt=fmt))
    request.user = export.user
    request.LANGUAGE_CODE = "kk"
    gc.collect()
    tracemalloc.start()
    first = None
    with translation.override("kk"):
        response = export.view(request, fmt=fmt)
        lines = 0
        # Read as the server sends it, without keeping it: what the export itself holds.
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            if first is None and fmt == "csv" and lines > rows // 2:
                first = tracemalloc.get_traced_memory()[1]
                tracemalloc.reset_peak()
        response.close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (first or peak) / 1e6, peak / 1e6


def memory(figures: Figures, fmt: str) -> str:
    if fmt == "csv":
        return f"{figures.first_half_mb:.1f} → {figures.peak_mb:.1f}"
    return f"{figures.peak_mb:.1f}"


def exports(region_code: str) -> list[Export]:
    from applications.review.views import inbox_export
    from monitoring.selectors import handed_over_projects
    from monitoring.views.projects import project_export
    from registry.models import Role, User

    def one(role: str, **where) -> User:
        user = User.objects.filter(role=role, is_active=True, **where).order_by("id").first()
        if user is None:
            sys.exit(f"No active {role} {where or ''}: seed first (bench/seed.py).")
        return user

    central = one(Role.CENTRAL)
    administrator = one(Role.BUDGET_ADMIN, region__code=region_code)
    coordinator = one(Role.COORDINATOR, region__code=region_code)
    found = [
        Export(
            "central",
            "Central body's projects (the country)",
            project_export,
            central,
            "/kk/monitoring/projects/export.{fmt}",
        ),
        Export(
            "region",
            f"Administrator's projects (region {region_code})",
            project_export,
            administrator,
            "/kk/monitoring/projects/export.{fmt}",
        ),
        Export(
            "inbox",
            f"Coordinator's inbox, no filter (region {region_code})",
            inbox_export,
            coordinator,
            "/kk/review/export.{fmt}",
        ),
    ]
    for export in found[:2]:
        export.rows = handed_over_projects(export.user).count()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--region", default="75", help="the region of the administrator and the coordinator")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    targets = exports(args.region)
    print(f"\n## Staff exports (database {connection.settings_dict['NAME']})\n")
    print("| list | format | rows | MB | seconds | rows/s | queries | peak Python MB (1st half → 2nd half) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    results: dict[tuple[str, str], Figures] = {}
    for fmt in FORMATS:  # warm-up: templates, translations, the connection
        run(targets[1], fmt)
    for export in targets:
        for fmt in FORMATS:
            figures, _data = run(export, fmt)
            figures.first_half_mb, figures.peak_mb = peak_memory(export, fmt, figures.lines)
            results[(export.name, fmt)] = figures
            if export.rows and figures.lines != export.rows:
                print(f"!! {export.label} {fmt}: {figures.lines} rows in the file, {export.rows} in the list")
            rate = figures.lines / figures.seconds if figures.seconds else 0
            print(
                f"| {export.label} | {fmt.upper()} | {figures.lines:,} | {figures.size / 1e6:.1f} | "
                f"{figures.seconds:.2f} | {rate:,.0f} | {figures.queries} | {memory(figures, fmt)} |"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nProcess peak RSS {rss:.0f} MB.\n")

    missed = []
    for fmt in FORMATS:
        central, region = results[("central", fmt)], results[("region", fmt)]
        if central.seconds >= TARGET_SECONDS:
            missed.append(f"central {fmt}: {central.seconds:.1f} s ≥ {TARGET_SECONDS:.0f} s")
        if central.queries != region.queries:
            missed.append(f"{fmt}: {central.queries} statements for the country, {region.queries} for a region")
    csv_central, xlsx_central = results[("central", "csv")], results[("central", "xlsx")]
    if csv_central.peak_mb > MEMORY_SLACK * csv_central.first_half_mb + 1:
        missed.append(f"CSV memory grows: {csv_central.first_half_mb:.1f} → {csv_central.peak_mb:.1f} MB")
    if xlsx_central.peak_mb > csv_central.peak_mb + XLSX_SPOOL_MB:
        missed.append(f"XLSX holds {xlsx_central.peak_mb:.1f} MB (the CSV {csv_central.peak_mb:.1f} MB)")
    central_rows = results[("central", "xlsx")].lines
    print(f"Target: the central body's {central_rows:,} projects in under {TARGET_SECONDS:.0f} s, XLSX and CSV.")
    print(
        "Streamed: as many statements for the country as for one region; the CSV's second half in the memory "
        "of its first; the XLSX within the CSV's memory and its 8 MB spool."
    )
    print("**Met.**" if not missed else "**Missed:** " + "; ".join(missed))
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
