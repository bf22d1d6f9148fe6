"""§30, §31 and §32 reports of the reader's region: generate, accept, upload, submit, export."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from monitoring import exports, forms
from monitoring.converters import ReportingYear
from monitoring.models import AdministratorSubmission, AnnualMonitoring, CoordinatorReport, MonitoringReport
from monitoring.permissions import may_accept_s30, may_generate_report, may_upload_s30_scan
from monitoring.reports import results_rows
from monitoring.selectors import documents_by_object
from monitoring.services import reports as services
from monitoring.views.common import saved
from registry.documents import documents_for
from registry.exports import export_response
from registry.files import private_file_response
from registry.permissions import require
from registry.reach import get_for_user_or_404, scope
from registry.service_calls import call_service

MODELS = {"s30": MonitoringReport, "s31": AnnualMonitoring, "s32": CoordinatorReport}


def _region_reports(request, year):
    """The reports the clock opened (a GET creates nothing); None before 1 January of the next year."""
    if request.user.region_id is None or year < services.FIRST_YEAR or year > 2100:
        raise Http404
    return services.reports_of(region=request.user.region, year=year)


def _page(request, year, scan_form=None, status=200):
    opened = _region_reports(request, year)
    dates = {
        "year": year,
        "first_year": services.FIRST_YEAR,
        "last_year": ReportingYear.last,
        "s31_admin_due": services.s31_admin_due(year),
        "s31_planning_due": services.s31_planning_due(year),
        "s32_due": services.s32_due(year),
    }
    if opened is None:
        return render(request, "monitoring/reports.html", {**dates, "opened": False}, status=status)
    s30, s31, s32 = opened
    parts = list(s31.submissions.select_related("administrator").order_by("administrator__level", "administrator_id"))
    own = next((p for p in parts if p.administrator_id == request.user.administrator_id), None)
    docs = {
        key: {d.language: d for d in documents_for(obj).order_by("language")}
        for key, obj in (("s30", s30), ("s31", s31), ("s32", s32))
    }
    context = {
        **dates,
        "opened": True,
        "s30": s30,
        "s31": s31,
        "s32": s32,
        "docs": docs,
        "parts": parts,
        "own_part": own,
        "all_submitted": bool(parts) and all(p.submitted_at for p in parts),
        "scan_form": scan_form or forms.ScanForm(),
    }
    return render(request, "monitoring/reports.html", context, status=status)


@login_required
@require_GET
def reports(request, year):
    if request.user.role not in ("budget_admin", "planning", "coordinator", "regional_body"):
        raise Http404
    return _page(request, year)


@login_required
@require_GET
def central_reports(request, year):
    """§32: the central planning body reads every region's coordinator report for the year."""
    if request.user.role != "central" and not request.user.is_superuser:
        raise Http404
    reports_list = list(
        scope(request.user, CoordinatorReport.objects.filter(year=year))
        .select_related("region")
        .order_by("region__code")
    )
    documents = documents_by_object(reports_list, "monitoring_s32")
    rows = [(report, documents.get(str(report.pk), [])) for report in reports_list]
    return render(
        request, "monitoring/central_reports.html", {"year": year, "rows": rows, "due": services.s32_due(year)}
    )


def _report(request, key, pk):
    if key not in MODELS:
        raise Http404
    return get_for_user_or_404(request.user, MODELS[key]._default_manager.select_related("region"), pk=pk)


@login_required
@require_POST
def report_generate(request, key, pk):
    report = _report(request, key, pk)
    require(may_generate_report(request.user, key, report.region_id))
    languages = ("kk", "ru") if key == "s31" else (request.POST.get("language", "kk"),)
    for language in languages:
        if language not in ("kk", "ru"):
            raise Http404
        services.report_generate(report=report, kind=f"monitoring_{key}", language=language, by=request.user)
    return redirect("monitoring:reports", year=report.year)


@login_required
@require_POST
def s30_accept(request, pk):
    report = _report(request, "s30", pk)
    require(may_accept_s30(request.user, report))
    call_service(request, services.monitoring_report_accept, done=_("Report accepted."), report=report)
    return redirect("monitoring:reports", year=report.year)


@login_required
@require_POST
def s30_scan(request, pk):
    report = _report(request, "s30", pk)
    require(may_upload_s30_scan(request.user, report))
    form = forms.ScanForm(request.POST, request.FILES)
    service = services.monitoring_report_scan_upload
    if form.is_valid() and call_service(request, service, form=form, done=saved(), report=report, **form.cleaned_data):
        return redirect("monitoring:reports", year=report.year)
    return _page(request, report.year, scan_form=form, status=400)


@login_required
@require_GET
def s30_scan_download(request, pk):
    report = _report(request, "s30", pk)
    if not report.scan:
        raise Http404
    return private_file_response(report.scan, f"s30-{report.region.code}-{report.year}.pdf")


@login_required
@require_POST
def report_submit(request, key, pk):
    """§31 submission by the administrator / to the akimat by the planning body; §32 by the coordinator."""
    report = _report(request, key, pk)
    actions: dict[tuple[str, str], Callable[..., object]] = {
        ("s31", "budget_admin"): _own_part_submit,
        ("s31", "planning"): services.annual_send_to_akimat,
        ("s32", "coordinator"): services.coordinator_report_send,
    }
    action = actions.get((key, request.user.role))
    if action is None:
        raise PermissionDenied
    call_service(request, action, done=saved(), report=report)
    return redirect("monitoring:reports", year=report.year)


def _own_part_submit(*, report: AnnualMonitoring, by, at):
    """§31: the administrator's own part of the region's report."""
    part = AdministratorSubmission.objects.filter(annual=report, administrator_id=by.administrator_id).first()
    if by.administrator_id is None or part is None:
        raise ValidationError(_("Your administrator has no part in this year's annual monitoring."), code="no_part")
    return services.annual_submit(submission=part, by=by, at=at)


@login_required
@require_GET
def s32_export(request, pk, fmt):
    report = _report(request, "s32", pk)
    results = results_rows(report.region, report.year)
    # Through the one safe writer: a project named "=HYPERLINK(…)" stays text.
    return export_response(
        fmt,
        exports.s32_columns(),
        exports.s32_rows(results),
        filename=f"s32-{report.region.code}-{report.year}",
        title=f"{report.year}",
    )
