"""Browser: the coordinator opens the inbox, refuses one application with a reason, recommends another."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe, login, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def review_data(e2e_data, settings):
    """The demo coordinator and two submitted applications, committed so live_server's thread sees them.

    The coordinator signs the acceptance notice and the §20 refusal with the demo key.
    """
    from io import StringIO

    from django.core.management import call_command

    from registry.models import Region, User

    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    call_command("make_test_pki", stdout=StringIO())
    from tests.applications.review.factories import SubmittedApplicationFactory

    coordinator = User.objects.get(username="coordinator")
    region = Region.objects.get(code="61")
    refused = SubmittedApplicationFactory(region=region, number="61-2026-E0001", applicant_name="ЖШС Бірінші")
    recommended = SubmittedApplicationFactory(
        region=region, number="61-2026-E0002", applicant_name="ЖК Екінші", priority=True
    )
    return coordinator, refused, recommended


@pytest.mark.rule("§20")
def test_coordinator_refuses_one_and_recommends_another(page, live_server, review_data):
    coordinator, refused, recommended = review_data
    page.on("dialog", lambda dialog: dialog.accept())  # review.js asks before a refusal
    login(page, live_server, coordinator.username)

    page.goto(f"{live_server.url}/kk/review/")
    rows = page.get_by_test_id("inbox-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-number", recommended.number)  # §5: priority first
    axe(page, "review inbox (kk)")
    screenshot(page, "review-01-inbox-kk")

    page.get_by_role("link", name=refused.number).click()
    axe(page, "review page (kk)")
    page.get_by_label("Себеп санаты").select_option("unreliable")
    page.get_by_label("Себебі").fill("Жобалау-сметалық құжаттамаға қол қойылмаған")
    page.get_by_test_id("refuse-form").get_by_role("button").click()
    # §20: the reasoned notice is signed with the coordinator's ЭЦҚ (the demo key here).
    expect(page.get_by_test_id("refusal-preview")).to_contain_text("Жобалау-сметалық құжаттамаға қол қойылмаған")
    axe(page, "refusal to sign (kk)")
    page.get_by_test_id("refuse-demo").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("Жобалау-сметалық құжаттамаға қол қойылмаған")
    expect(page.get_by_test_id("status").first).to_have_text("Үйлестіруші бас тартты")

    page.goto(f"{live_server.url}/kk/review/")
    page.get_by_role("link", name=recommended.number).click()
    # Appendix item 9: no recommendation before the signed acceptance notice; the page says so.
    expect(page.get_by_test_id("recommend-blockers")).to_be_visible()
    page.get_by_test_id("accept-demo").click()
    expect(page.get_by_test_id("acceptance")).to_be_visible()
    page.get_by_test_id("recommend-form").get_by_role("button").click()  # empty: the browser or the server refuses
    page.get_by_label("Кеңеске (ӨҮК) арналған ұсыным").fill("Жобаны қолдау ұсынылады")
    page.get_by_test_id("recommend-form").get_by_role("button").click()
    expect(page.get_by_test_id("recommendation")).to_contain_text("Жобаны қолдау ұсынылады")
    screenshot(page, "review-02-recommended-kk")

    page.goto(f"{live_server.url}/kk/review/{refused.pk}/history/")
    expect(page.get_by_test_id("history")).to_contain_text("20-т.")
    axe(page, "review history (kk)")

    # The audit dossier: the PDFs are rendered by Celery, then the zip is offered.
    page.goto(f"{live_server.url}/kk/review/{refused.pk}/dossier/")
    with page.expect_navigation():  # the POST's redirect must land before the page is reloaded
        page.get_by_test_id("dossier-prepare").click()
    page.reload()
    expect(page.get_by_test_id("dossier-zip")).to_be_visible()
    axe(page, "dossier (kk)")
    with page.expect_download() as download:
        page.get_by_test_id("dossier-zip").click()
    assert download.value.suggested_filename == f"dossier-{refused.number}.zip"

    # §19.4: the recommended application goes on a session's agenda (the council's scheduling page).
    page.goto(f"{live_server.url}/kk/review/")
    page.get_by_test_id("schedule-session").click()
    page.locator("input[name=starts_at]").fill("2030-06-01T10:00")
    page.locator("input[name=place]").fill("Түркістан, әкімдік, 3-зал")
    page.get_by_label(re.compile(recommended.number)).check()
    page.get_by_test_id("schedule-submit").click()
    page.goto(f"{live_server.url}/kk/review/{recommended.pk}/history/")
    expect(page.get_by_test_id("history")).to_contain_text("ӨҮК күн тәртібінде")
    expect(page.get_by_test_id("s19-met")).to_be_visible()
