"""The reports' clocks and documents: §30 (scan in 2 working days), §31 (31 March and 10 April), §32 (10 February).

The clock (``yearly_open``, run by the beat task ``monitoring.tasks.yearly_clock``) opens every
region's reports of the past year on 1 January, whether or not anybody visits a page (§31 rev. 2):
pages only read what it opened.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, Status
from applications.pdfcheck import clean_pdf
from monitoring import clock
from monitoring.models import AdministratorSubmission, AnnualMonitoring, CoordinatorReport, MonitoringReport, YearResult
from monitoring.permissions import may_send_s31, may_submit_s31_part
from monitoring.services.common import S30_ACCEPTORS, require_official
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.documents import document_request
from registry.models import BudgetAdministrator, GeneratedDocument, Region, Role, User
from registry.permissions import require
from registry.uploads import upload_rate_check

# §30: the signed scan is uploaded within 2 working days of the report's acceptance.
SCAN_WORKING_DAYS = 2


# The rules took effect on 30 December 2025: 2026 is the first reporting year.
FIRST_YEAR = 2026


def reporting_year(today: date) -> int:
    """The year whose reports are being prepared: the last one until the §31 deadlines in April pass."""
    return max(FIRST_YEAR, today.year - 1 if today.month <= 4 else today.year)


def s31_admin_due(year: int) -> date:
    """§31 (rev. 2): administrators submit "before 1 April" (1 сәуіріне дейін): due 31 March."""
    return date(year + 1, 3, 31)


def s31_planning_due(year: int) -> date:
    """§31: the planning body reports to the akimat not later than 10 April of the next year."""
    return date(year + 1, 4, 10)


def s32_due(year: int) -> date:
    """§32: coordinators report to the central planning body not later than 10 February."""
    return date(year + 1, 2, 10)


def _url(year: int) -> str:
    return reverse("monitoring:reports", args=[year])


def reports_of(*, region: Region, year: int) -> tuple[MonitoringReport, AnnualMonitoring, CoordinatorReport] | None:
    """The region's three reports for ``year`` if the clock has opened them (a read: never creates)."""
    s30 = MonitoringReport.objects.filter(region=region, year=year).first()
    s31 = AnnualMonitoring.objects.filter(region=region, year=year).first()
    s32 = CoordinatorReport.objects.filter(region=region, year=year).first()
    if s30 is None or s31 is None or s32 is None:
        return None
    return s30, s31, s32


def supported_in(region: Region, year: int):
    """The region's projects whose support term ran during ``year`` (§32 covers each of them)."""
    return Application.objects.filter(
        region=region,
        status__in=(Status.IN_MONITORING, Status.COMPLETED),
        support_term__starts_on__lte=date(year, 12, 31),
    ).filter(Q(support_term__ended_on__isnull=True) | Q(support_term__ended_on__gte=date(year, 1, 1)))


def reports_open(
    *, region: Region, year: int, at: datetime
) -> tuple[MonitoringReport, AnnualMonitoring, CoordinatorReport]:
    """Open the region's yearly duties for ``year`` with their clocks; safe to call any number of times.

    Unique constraints make a second (or concurrent) opening find the same rows; deadline_open is
    idempotent too, so a run interrupted half-way is completed by the next one.
    """
    with transaction.atomic():
        s30, _c = MonitoringReport.objects.get_or_create(region=region, year=year)
        s31, _c = AnnualMonitoring.objects.get_or_create(region=region, year=year)
        s32, _c = CoordinatorReport.objects.get_or_create(region=region, year=year)
        # §31: the planning body's report to the akimat, due 10 April.
        clock.clock_open(
            obj=s31,
            kind=clock.S31_PLANNING,
            due_on=s31_planning_due(year),
            region=region,
            responsible="planning",
            url=_url(year),
            at=at,
        )
        # §31: each administrator's part, due before 1 April.
        for administrator in BudgetAdministrator.objects.filter(region=region).order_by("id"):
            part, _c = AdministratorSubmission.objects.get_or_create(annual=s31, administrator=administrator)
            clock.deadline_open_for(
                obj=part,
                kind=clock.S31_ADMIN,
                due_on=s31_admin_due(year),
                region=region,
                people=administrator.users.filter(role=Role.BUDGET_ADMIN, is_active=True),
                url=_url(year),
                at=at,
            )
        # §32: the coordinator's report, due 10 February.
        clock.clock_open(
            obj=s32,
            kind=clock.S32_REPORT,
            due_on=s32_due(year),
            region=region,
            responsible="coordinator",
            url=_url(year),
            at=at,
        )
        counter_obligations_open(region=region, year=year, at=at)
    return s30, s31, s32


def counter_obligations_open(*, region: Region, year: int, at: datetime) -> int:
    """§32, §13: each project supported in ``year`` owes its counter-obligation report; the coordinator
    confirms it (§13: a year without a report is a finding to settle, not a pass). Returns rows created."""
    created = 0
    projects = supported_in(region, year).select_related("applicant").order_by("id")
    for application in projects:
        result, was_created = YearResult.objects.get_or_create(application=application, year=year)
        created += was_created
        # A duty already done before the clock came (a report filed in December) opens nothing.
        if result.status == YearResult.Status.PLANNED:
            clock.deadline_open_for(
                obj=result,
                kind=clock.COUNTER_OBLIGATIONS,
                due_on=s32_due(year),
                region=region,
                people=[application.applicant],
                at=at,
                url=reverse("monitoring:result_report", args=[result.pk]),
            )
        if result.status != YearResult.Status.CONFIRMED:
            clock.clock_open(
                obj=result,
                kind=clock.S13_CONFIRMATION,
                due_on=s32_due(year),
                region=region,
                responsible="coordinator",
                url=reverse("monitoring:settlement", args=[year]),
                at=at,
            )
    return created


def yearly_open(*, today: date, at: datetime) -> int:
    """The clock's yearly step: every region's duties for the year before ``today`` (a local date).

    Returns the number of regions opened; nothing before the first reporting year has ended.
    """
    year = today.year - 1
    if year < FIRST_YEAR:
        return 0
    regions = list(Region.objects.order_by("code"))
    for region in regions:
        reports_open(region=region, year=year, at=at)
    return len(regions)


def report_generate(*, report, kind: str, language: str, by: User, fresh: bool = True) -> GeneratedDocument:
    """Queue the PDF of a report (Celery + WeasyPrint through the registry's documents)."""
    return document_request(
        kind=kind, obj=report, language=language, requested_by=by, params={"year": report.year}, fresh=fresh
    )


def monitoring_report_accept(*, report: MonitoringReport, by: User, at: datetime) -> MonitoringReport:
    """§30: the authorized body / the administrator accepts the report; the coordinator's scan is then
    due within 2 working days of the acceptance's local date (Asia/Almaty, not UTC)."""
    require_official(by, region_id=report.region_id, roles=S30_ACCEPTORS)
    with transaction.atomic():
        locked = MonitoringReport.objects.select_for_update().get(pk=report.pk)
        if locked.accepted_at is not None:
            raise ValidationError(_("The report is already accepted."), code="accepted")
        locked.accepted_at, locked.accepted_by = at, by
        locked.scan_due = add_working_days(timezone.localdate(at), SCAN_WORKING_DAYS)
        locked.save(update_fields=["accepted_at", "accepted_by", "scan_due"])
        audit_record(actor=by, obj=locked, action="s30_accept", rule="§30", at=at)
    clock.clock_open(
        obj=locked,
        kind=clock.S30_SCAN,
        due_on=locked.scan_due,
        region=locked.region,
        responsible="coordinator",
        url=_url(locked.year),
        at=at,
    )
    return locked


def monitoring_report_scan_upload(
    *, report: MonitoringReport, scan: UploadedFile, by: User, at: datetime
) -> MonitoringReport:
    """§30: the coordinator uploads the signed scanned PDF of the accepted report, once."""
    require_official(by, region_id=report.region_id, roles=(Role.COORDINATOR,))
    upload_rate_check(user=by, at=at)
    clean = clean_pdf(scan)  # Appendix 7's guard for every upload: stored rebuilt, without active content
    with transaction.atomic():
        locked = MonitoringReport.objects.select_for_update().select_related("region").get(pk=report.pk)
        if locked.accepted_at is None:
            raise ValidationError(_("The report has not been accepted yet."), code="not_accepted")
        if locked.scan:
            raise ValidationError(_("The signed scan is already uploaded."), code="uploaded")
        locked.scan.save(f"s30-{locked.region.code}-{locked.year}.pdf", clean.file, save=False)
        locked.scan_uploaded_at = at
        locked.save(update_fields=["scan", "scan_uploaded_at"])
        audit_record(actor=by, obj=locked, action="s30_scan_upload", rule="§30", at=at)
    clock.clock_meet(obj=locked, kind=clock.S30_SCAN, at=at)
    return locked


def annual_submit(*, submission: AdministratorSubmission, by: User, at: datetime) -> AdministratorSubmission:
    """§31: an administrator submits its part to the planning body (due 31 March), once."""
    require(may_submit_s31_part(by, submission))
    with transaction.atomic():
        locked = AdministratorSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.submitted_at is not None:
            raise ValidationError(_("The annual monitoring is already submitted."), code="submitted")
        locked.submitted_at, locked.submitted_by = at, by
        locked.save(update_fields=["submitted_at", "submitted_by"])
        audit_record(actor=by, obj=locked, action="s31_submit", rule="§31", at=at)
    clock.clock_meet(obj=locked, kind=clock.S31_ADMIN, at=at)
    return locked


def annual_send_to_akimat(*, report: AnnualMonitoring, by: User, at: datetime) -> AnnualMonitoring:
    """§31: the planning body sends the kk and ru report to the akimat (due 10 April), once, after
    every administrator of the region has submitted its part."""
    require(may_send_s31(by, report))
    with transaction.atomic():
        locked = AnnualMonitoring.objects.select_for_update().get(pk=report.pk)
        if locked.sent_to_akimat_at is not None:
            raise ValidationError(_("The annual monitoring is already sent to the akimat."), code="sent")
        parts = AdministratorSubmission.objects.filter(annual=locked)
        if not parts.exists() or parts.filter(submitted_at__isnull=True).exists():
            raise ValidationError(
                _("Not every administrator has submitted the annual monitoring yet."), code="not_submitted"
            )
        locked.sent_to_akimat_at = at
        locked.save(update_fields=["sent_to_akimat_at"])
        audit_record(actor=by, obj=locked, action="s31_send", rule="§31", at=at)
    clock.clock_meet(obj=locked, kind=clock.S31_PLANNING, at=at)
    return locked


def coordinator_report_send(*, report: CoordinatorReport, by: User, at: datetime) -> CoordinatorReport:
    """§32: the coordinator sends the report to the central planning body (due 10 February), once."""
    require_official(by, region_id=report.region_id, roles=(Role.COORDINATOR,))
    with transaction.atomic():
        locked = CoordinatorReport.objects.select_for_update().get(pk=report.pk)
        if locked.sent_at is not None:
            raise ValidationError(_("The report is already sent."), code="sent")
        locked.sent_at = at
        locked.save(update_fields=["sent_at"])
        audit_record(actor=by, obj=locked, action="s32_send", rule="§32", at=at)
    clock.clock_meet(obj=locked, kind=clock.S32_REPORT, at=at)
    return locked
