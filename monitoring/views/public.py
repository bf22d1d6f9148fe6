"""Open to everyone (no login): §17's published financing plans, the register of approved projects,
its downloads and data dictionary, and the aggregate statistics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from monitoring import register, statistics
from monitoring.selectors import public_plans
from registry.exports import export_response
from registry.models import Region

PAGE_SIZE = 50
# The downloads read the register in chunks: constant memory for the whole country.
CHUNK = 500


@require_GET
def public_plan_list(request):
    return render(request, "monitoring/public_plans.html", {"regions": public_plans()})


@require_GET
def public_plan_download(request, fmt: str):
    """§17: the published plans as open data (CSV, XLSX, JSON), a row per month of a plan (register.plan_rows)."""
    return _open_data(fmt, register.PLAN_KEYS, register.plan_rows(public_plans()), filename="financing-plans")


def _open_data(fmt: str, keys: tuple[str, ...], rows: Iterator[dict], *, filename: str):
    if fmt == "json":
        return StreamingHttpResponse(_json_stream(rows, keys), content_type="application/json; charset=utf-8")
    return export_response(fmt, keys, ([row[k] for k in keys] for row in rows), filename=filename, title=filename)


def _region(code: str | None) -> Region | None:
    return get_object_or_404(Region, code=code) if code else None


@require_GET
def register_list(request, region_code: str | None = None):
    region = _region(region_code)
    page = Paginator(register.approved_projects(region=region), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(register.register_rows(page.object_list))
    return render(
        request,
        "monitoring/register.html",
        {
            "region": region,
            "regions": Region.objects.all(),
            "page": page,
            "rows": rows,
            "fields": register.FIELDS,
        },
    )


def _chunks(request, region) -> Iterator[dict]:
    projects = register.approved_projects(region=region)
    start = 0
    while True:
        chunk = list(projects[start : start + CHUNK])
        if not chunk:
            return
        yield from register.register_rows(chunk, absolute=request.build_absolute_uri)
        start += CHUNK


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_stream(rows: Iterator[dict], keys: tuple[str, ...] = register.KEYS) -> Iterator[bytes]:
    yield ('{"fields": ' + json.dumps(keys) + ', "rows": [').encode()
    for i, row in enumerate(rows):
        text = json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False)
        yield ((",\n" if i else "\n") + text).encode()
    yield b"\n]}\n"


@require_GET
def register_download(request, fmt: str, region_code: str | None = None):
    region = _region(region_code)
    filename = f"register-{region.code}" if region else "register"
    return _open_data(fmt, register.KEYS, _chunks(request, region), filename=filename)


@require_GET
def register_dictionary(request, fmt: str | None = None):
    entries = register.dictionary()
    if fmt is None:
        return render(
            request,
            "monitoring/register_dictionary.html",
            {
                "entries": entries,
                "statistics_entries": register.dictionary(statistics.FIELDS),
                "plan_entries": register.dictionary(register.PLAN_FIELDS),
            },
        )
    columns = ("field", "name_kk", "name_ru", "meaning", "unit", "type")
    if fmt == "json":
        return StreamingHttpResponse(
            iter([json.dumps({"fields": entries}, ensure_ascii=False).encode()]),
            content_type="application/json; charset=utf-8",
        )
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return export_response(
        fmt, columns, ([e[c] for c in columns] for e in entries), filename="register-dictionary", title="dictionary"
    )


@require_GET
def statistics_download(request, fmt: str, region_code: str | None = None):
    """The statistics page's figures as open data (CSV, XLSX, JSON): one row per figure (statistics.data_rows)."""
    region = _region(region_code)
    filename = f"statistics-{region.code}" if region else "statistics"
    rows = statistics.data_rows(statistics.overview(region=region), region=region)
    return _open_data(fmt, statistics.DATA_KEYS, rows, filename=filename)


@require_GET
def statistics_page(request, region_code: str | None = None):
    region = _region(region_code)
    return render(
        request,
        "monitoring/statistics.html",
        {
            "region": region,
            "regions": Region.objects.all(),
            **statistics.overview(region=region),
        },
    )
