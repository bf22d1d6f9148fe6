"""Reports: §30 (scan in 2 working days), §31 annual monitoring in kk and ru, §32 with CSV and XLSX."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Status
from monitoring.models import (
    CoordinatorReport,
    InfrastructureObject,
    MonitoringReport,
)
from monitoring.services.objects import load_record
from monitoring.services.reports import monitoring_report_accept, reports_open
from monitoring.services.results import funds_record, year_result_plan
from registry.models import GeneratedDocument
from registry.pdf import pdf_text
from tests.applications.factories import pdf_bytes

from .factories import AT, object_type, plan_month, project

pytestmark = pytest.mark.django_db


def seed_reports(region, budget_admin):
    done = project(region, status=Status.COMPLETED, project_name="Жылыжай кешені")
    ongoing = project(region, status=Status.IN_MONITORING, project_name="Сүт өңдеу цехы")
    funds_record(
        application=done,
        year=2026,
        source="district",
        allocated=Decimal(1500),
        disbursed=Decimal(1500),
        unspent_reason="",
        by=budget_admin,
        at=AT,
    )
    funds_record(
        application=ongoing,
        year=2026,
        source="transfer",
        allocated=Decimal(2000),
        disbursed=Decimal("1250.50"),
        unspent_reason="Мердігер мерзімді бұзды",
        by=budget_admin,
        at=AT,
    )
    # §31(3): the financing-plan sums (payments planned for 2026).
    for app, payments in ((done, 1500), (ongoing, 2000)):
        plan_month(app, budget_admin, year=2026, month=2, obligations=Decimal(payments), payments=Decimal(payments))
    obj = InfrastructureObject.objects.create(
        region=region,
        name="Логистикалық орталық",
        location="Түркістан",
        object_type=object_type(common_use=True),
        works_status="operating",
    )
    obj.projects.add(done)
    for month in (1, 2):
        load_record(
            obj=obj,
            month=date(2026, month, 1),
            occupancy=Decimal(30 * month),
            served=month,
            volume=Decimal(1),
            by=budget_admin,
            at=AT,
        )
    for app in (done, ongoing):
        year_result_plan(
            application=app,
            year=2026,
            by=budget_admin,
            at=AT,
            jobs_permanent=8,
            jobs_temporary=3,
            tax=Decimal(100),
            output=Decimal(500),
            payroll_growth=Decimal(2),
            other=Decimal(0),
        )
    return done, ongoing


def _has_amount(text, amount):
    return amount in text or amount.replace(".", ",") in text or amount.replace(".", " ") in text


@pytest.mark.rule("§31")
def test_s31_annual_monitoring_pdfs_in_kk_and_ru(
    client, region, planning, budget_admin, django_capture_on_commit_callbacks
):
    seed_reports(region, budget_admin)
    client.force_login(planning)
    _s30, report, _s32 = reports_open(region=region, year=2026, at=AT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:report_generate", args=["s31", report.pk]))
    assert response.status_code == 302
    documents = {d.language: d for d in GeneratedDocument.objects.filter(kind="monitoring_s31")}
    assert set(documents) == {"kk", "ru"}
    texts = {}
    for language, document in documents.items():
        assert document.state == GeneratedDocument.State.DONE, document.error
        text = texts[language] = pdf_text(document.file.read())
        assert "Жылыжай кешені" in text and "Сүт өңдеу цехы" in text  # (2) the project list
        assert ("Өндірістік" if language == "kk" else "Производственная") in text  # (1) infrastructure by category
        assert "01.2026" in text  # the load chart's axis
        assert _has_amount(text, "749.50"), text  # unspent of the transfer-financed project
        assert "Мердігер" in text  # the reason for the unspent sum
    assert region.name_kk in texts["kk"] and region.name_ru in texts["ru"]
    page = client.get(reverse("monitoring:reports", args=[2026])).content.decode()
    assert 'data-testid="document-monitoring_s31-kk"' in page and 'data-testid="document-monitoring_s31-ru"' in page


@pytest.mark.rule("§31")
def test_s31_due_dates_are_31_march_and_10_april(client, region, budget_admin):
    reports_open(region=region, year=2026, at=AT)
    client.force_login(budget_admin)
    page = client.get(reverse("monitoring:reports", args=[2026])).content.decode()
    assert "31.03.2027" in page and "10.04.2027" in page and "10.02.2027" in page
    assert "01.04.2027" not in page


@pytest.mark.rule("§32")
def test_s32_csv_and_xlsx_columns(client, region, coordinator, budget_admin):
    seed_reports(region, budget_admin)
    client.force_login(coordinator)
    _s30, _s31, s32 = reports_open(region=region, year=2026, at=AT)
    response = client.get(reverse("monitoring:s32_export", args=[s32.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows[0]) == 5 + 12 and len(rows) == 3
    assert rows[1][3] in ("Жылыжай кешені", "Сүт өңдеу цехы")
    response = client.get(reverse("monitoring:s32_export", args=[s32.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert header == rows[0]
    assert sheet.max_row == 3 and sheet.cell(row=2, column=6).value == 8


@pytest.mark.rule("§30")
def test_s30_scan_due_two_working_days_after_acceptance_and_pdf_only(client, region, budget_admin, coordinator):
    s30, _s31, _s32 = reports_open(region=region, year=2026, at=AT)
    # Accepted on Friday 27 March 2026: due Tuesday 31 March.
    monitoring_report_accept(report=s30, by=budget_admin, at=datetime(2026, 3, 27, 12, tzinfo=ZoneInfo("Asia/Almaty")))
    s30.refresh_from_db()
    assert s30.scan_due == date(2026, 3, 31)
    client.force_login(coordinator)
    url = reverse("monitoring:s30_scan", args=[s30.pk])
    assert client.get(url).status_code == 405
    fake = SimpleUploadedFile("scan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {"scan": fake})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    broken = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    assert client.post(url, {"scan": broken}).status_code == 400  # a header alone is not a PDF
    real = SimpleUploadedFile("scan.pdf", pdf_bytes("§30"), content_type="application/pdf")
    assert client.post(url, {"scan": real}).status_code == 302
    s30.refresh_from_db()
    assert s30.scan and s30.scan_uploaded_at
    assert client.get(reverse("monitoring:s30_scan_download", args=[s30.pk])).status_code == 200


def test_reports_of_another_region_are_404(client, region, budget_admin, budget_admin_elsewhere):
    s30, s31, s32 = reports_open(region=region, year=2026, at=AT)
    client.force_login(budget_admin_elsewhere)
    assert client.post(reverse("monitoring:report_generate", args=["s31", s31.pk])).status_code == 404
    assert client.post(reverse("monitoring:s30_accept", args=[s30.pk])).status_code == 404
    assert client.get(reverse("monitoring:s32_export", args=[s32.pk, "csv"])).status_code == 404


def test_generate_refuses_get(client, region, planning):
    _s30, s31, _s32 = reports_open(region=region, year=2026, at=AT)
    client.force_login(planning)
    assert client.get(reverse("monitoring:report_generate", args=["s31", s31.pk])).status_code == 405
    assert not MonitoringReport.objects.filter(accepted_at__isnull=False).exists()


@pytest.mark.rule("§30")
@pytest.mark.parametrize(("kind", "persona"), [("s30", "budget_admin"), ("s32", "coordinator")])
def test_s30_s32_pdfs_carry_plan_and_fact(
    client, request, region, budget_admin, kind, persona, django_capture_on_commit_callbacks
):
    seed_reports(region, budget_admin)
    s30, _s31, s32 = reports_open(region=region, year=2026, at=AT)
    report = {"s30": s30, "s32": s32}[kind]
    client.force_login(request.getfixturevalue(persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:report_generate", args=[kind, report.pk]), {"language": "ru"})
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind=f"monitoring_{kind}")
    assert document.state == GeneratedDocument.State.DONE, document.error
    text = pdf_text(document.file.read())
    assert "Жылыжай" in text and "Сүт өңдеу" in text  # names may wrap inside a cell
    if kind == "s30":
        assert "Логистикалық" in text and "02.2026" in text  # the object's load chart


def test_coordinator_cannot_generate_the_annual_report(client, region, coordinator):
    _s30, s31, _s32 = reports_open(region=region, year=2026, at=AT)
    client.force_login(coordinator)
    assert client.post(reverse("monitoring:report_generate", args=["s31", s31.pk])).status_code == 403


@pytest.mark.rule("§31")
def test_s31_planning_body_cannot_send_before_the_administrator_submits(client, region, planning):
    _s30, s31, _s32 = reports_open(region=region, year=2026, at=AT)
    client.force_login(planning)
    response = client.post(reverse("monitoring:report_submit", args=["s31", s31.pk]), follow=True)
    assert "alert-danger" in response.content.decode()
    s31.refresh_from_db()
    assert s31.sent_to_akimat_at is None


@pytest.mark.rule("§32")
@pytest.mark.parametrize("regions", [1, 2])
def test_s32_central_body_reads_every_regions_report(
    client, region, other_region, central, budget_admin, django_assert_max_num_queries, regions
):
    seed_reports(region, budget_admin)
    for r in (region, other_region)[:regions]:
        reports_open(region=r, year=2026, at=AT)
    client.force_login(central)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("monitoring:central_reports", args=[2026])).content.decode()
    assert region.name_kk in page
    s32 = CoordinatorReport.objects.get(region=region, year=2026)
    assert client.get(reverse("monitoring:s32_export", args=[s32.pk, "csv"])).status_code == 200


def test_central_reports_page_is_for_the_central_body_only(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("monitoring:central_reports", args=[2026])).status_code == 404


@pytest.mark.rule("§32")
def test_s32_export_keeps_a_formula_named_project_as_text(client, region, coordinator, budget_admin):
    """Issue 16's finding: a project named =HYPERLINK(…) must not become a live formula in Excel."""
    done, _ongoing = seed_reports(region, budget_admin)
    evil = '=HYPERLINK("http://evil.example","x")'
    done.project_name = evil
    done.save(update_fields=["project_name"])
    _s30, _s31, s32 = reports_open(region=region, year=2026, at=AT)  # the clock opens the year (issue 15)
    client.force_login(coordinator)
    response = client.get(reverse("monitoring:s32_export", args=[s32.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells if c.value == evil] == [evil]
    assert all(c.data_type == "s" for c in cells)
    response = client.get(reverse("monitoring:s32_export", args=[s32.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert "'" + evil in [r[3] for r in rows[1:]]
    assert client.get(reverse("monitoring:s32_export", args=[s32.pk, "pdf"])).status_code == 404
