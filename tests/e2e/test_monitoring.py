"""The budget administrator generates the §31 annual monitoring, watches it finish and downloads the PDF."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import axe, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.rule("§31")]


def _seed_year(year: int):
    from applications.models import Application, Status
    from monitoring.models import FundsUse
    from registry.models import Region, User

    region = Region.objects.get(code="61")
    owner = User.objects.get(username="entrepreneur")
    app = Application.objects.create(
        number=f"61-{year}-E2E01",
        region=region,
        applicant=owner,
        status=Status.COMPLETED,
        applicant_name="ЖШС «Шұбат»",
        applicant_identifier="123456789012",
        project_name="Түйе сүтін өңдеу цехы",
        submitted_at=timezone.now(),
    )
    FundsUse.objects.create(
        application=app,
        year=year,
        source=FundsUse.Source.DISTRICT,
        allocated=Decimal(800),
        disbursed=Decimal(650),
        unspent_reason="Жабдық кешікті",
    )
    return app


def test_s31_budget_admin_generates_and_downloads_annual_report(page, live_server, e2e_data):
    from monitoring.services.reports import reporting_year, reports_open
    from registry.pdf import pdf_text

    year = reporting_year(timezone.localdate())
    app = _seed_year(year)
    reports_open(region=app.region, year=year, at=timezone.now())  # as the beat task does on 1 January
    login(page, live_server, "budget")
    page.get_by_test_id("reports-link").click()
    expect(page.locator("h1")).to_contain_text(str(year))
    axe(page, "monitoring reports (kk)")
    page.get_by_test_id("generate-s31").click()
    kk = page.get_by_test_id("document-monitoring_s31-kk")
    expect(kk.get_by_test_id("download")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("document-monitoring_s31-ru").get_by_test_id("download")).to_be_visible(timeout=30_000)
    screenshot(page, "monitoring-s31-ready")
    with page.expect_download() as info:
        kk.get_by_test_id("download").click()
    text = pdf_text(info.value.path().read_bytes())
    assert "Түйе сүтін өңдеу цехы" in text and "Жабдық кешікті" in text

    page.goto(f"{live_server.url}/kk/monitoring/projects/")
    axe(page, "projects handed over (kk)")
    page.get_by_role("link", name=app.number).click()
    expect(page.get_by_test_id("status")).to_have_text("Аяқталды")
    axe(page, "project monitoring page (kk)")
    screenshot(page, "monitoring-project")
