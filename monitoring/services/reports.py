"""The reports' clocks and documents: §30 (scan in 2 working days), §31 (1 and 10 April), §32 (10 February)."""
from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from applications.pdfcheck import clean_pdf
from monitoring import clock
from monitoring.models import AnnualMonitoring, CoordinatorReport, MonitoringReport
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.documents import document_request
from registry.models import GeneratedDocument, Region, User
from registry.uploads import upload_rate_check

# §30: the signed scan is uploaded within 2 working days of the report's acceptance.
SCAN_WORKING_DAYS = 2


# The rules took effect on 30 December 2025: 2026 is the first reporting year.
FIRST_YEAR = 2026


def reporting_year(today: date) -> int:
    """The year whose reports are being prepared: the last one until the §31 deadlines in April pass."""
    return max(FIRST_YEAR, today.year - 1 if today.month <= 4 else today.year)


def s31_admin_due(year: int) -> date:
    """§31: administrators submit the annual monitoring by 1 April of the next year."""
    return date(year + 1, 4, 1)


def s31_planning_due(year: int) -> date:
    """§31: the planning body reports to the akimat by 10 April of the next year."""
    return date(year + 1, 4, 10)


def s32_due(year: int) -> date:
    """§32: coordinators report to the central planning body by 10 February."""
    return date(year + 1, 2, 10)


def _url(year: int) -> str:
    return reverse("monitoring:reports", args=[year])


def reports_open(*, region: Region, year: int, at: datetime) -> tuple[MonitoringReport, AnnualMonitoring, CoordinatorReport]:
    """The region's three reports for ``year``; creating them starts the fixed-date clocks."""
    s30, _c = MonitoringReport.objects.get_or_create(region=region, year=year)
    s31, created31 = AnnualMonitoring.objects.get_or_create(region=region, year=year)
    s32, created32 = CoordinatorReport.objects.get_or_create(region=region, year=year)
    if created31:
        clock.clock_open(obj=s31, kind=clock.S31_ADMIN, due_on=s31_admin_due(year), region=region,
                         responsible="budget_admin", url=_url(year), at=at)
        clock.clock_open(obj=s31, kind=clock.S31_PLANNING, due_on=s31_planning_due(year), region=region,
                         responsible="planning", url=_url(year), at=at)
    if created32:
        clock.clock_open(obj=s32, kind=clock.S32_REPORT, due_on=s32_due(year), region=region,
                         responsible="coordinator", url=_url(year), at=at)
    return s30, s31, s32


def report_generate(*, report, kind: str, language: str, by: User, fresh: bool = True) -> GeneratedDocument:
    """Queue the PDF of a report (Celery + WeasyPrint through the registry's documents)."""
    return document_request(kind=kind, obj=report, language=language, requested_by=by,
                            params={"year": report.year}, fresh=fresh)


def monitoring_report_accept(*, report: MonitoringReport, by: User, at: datetime) -> MonitoringReport:
    """§30: the administrator accepts the report; the coordinator's 2-working-day scan clock starts."""
    with transaction.atomic():
        locked = MonitoringReport.objects.select_for_update().get(pk=report.pk)
        if locked.accepted_at is not None:
            raise ValidationError(_("The report is already accepted."), code="accepted")
        locked.accepted_at, locked.accepted_by = at, by
        locked.scan_due = add_working_days(at.date(), SCAN_WORKING_DAYS)
        locked.save(update_fields=["accepted_at", "accepted_by", "scan_due"])
        audit_record(actor=by, obj=locked, action="s30_accept", rule="§30", at=at)
    clock.clock_open(obj=locked, kind=clock.S30_SCAN, due_on=locked.scan_due, region=locked.region,
                     responsible="coordinator", url=_url(locked.year), at=at)
    return locked


def monitoring_report_scan_upload(*, report: MonitoringReport, scan: UploadedFile, by: User, at: datetime) -> MonitoringReport:
    """§30: the coordinator uploads the signed scanned PDF of the accepted report."""
    if report.accepted_at is None:
        raise ValidationError(_("The administrator has not accepted the report yet."), code="not_accepted")
    upload_rate_check(user=by, at=at)
    clean = clean_pdf(scan)  # Appendix 7's guard for every upload: stored rebuilt, without active content
    report.scan.save(f"s30-{report.region.code}-{report.year}.pdf", clean.file, save=False)
    report.scan_uploaded_at = at
    report.save(update_fields=["scan", "scan_uploaded_at"])
    audit_record(actor=by, obj=report, action="s30_scan_upload", rule="§30", at=at)
    clock.clock_meet(obj=report, kind=clock.S30_SCAN, at=at)
    return report


def annual_submit(*, report: AnnualMonitoring, by: User, at: datetime) -> AnnualMonitoring:
    """§31: the administrator submits to the planning body (due 1 April)."""
    report.submitted_at = at
    report.save(update_fields=["submitted_at"])
    audit_record(actor=by, obj=report, action="s31_submit", rule="§31", at=at)
    clock.clock_meet(obj=report, kind=clock.S31_ADMIN, at=at)
    return report


def annual_send_to_akimat(*, report: AnnualMonitoring, by: User, at: datetime) -> AnnualMonitoring:
    """§31: the planning body sends the kk and ru report to the akimat (due 10 April)."""
    if report.submitted_at is None:
        raise ValidationError(_("The administrator has not submitted the annual monitoring yet."), code="not_submitted")
    report.sent_to_akimat_at = at
    report.save(update_fields=["sent_to_akimat_at"])
    audit_record(actor=by, obj=report, action="s31_send", rule="§31", at=at)
    clock.clock_meet(obj=report, kind=clock.S31_PLANNING, at=at)
    return report


def coordinator_report_send(*, report: CoordinatorReport, by: User, at: datetime) -> CoordinatorReport:
    """§32: the coordinator sends the report to the central planning body (due 10 February)."""
    report.sent_at = at
    report.save(update_fields=["sent_at"])
    audit_record(actor=by, obj=report, action="s32_send", rule="§32", at=at)
    clock.clock_meet(obj=report, kind=clock.S32_REPORT, at=at)
    return report
