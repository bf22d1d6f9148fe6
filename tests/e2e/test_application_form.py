"""The whole Appendix form in Kazakh in a real Chromium: fill, attach, sign with the demo key, see the receipt."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.applications.factories import reference_data
from tests.e2e.conftest import DEMO_PASSWORD, axe, login, screenshot
from tests.e2e.steps import (
    attach_documents,
    fill_applicant,
    fill_bank,
    fill_effect,
    fill_project,
    save_and_continue,
)

pytestmark = pytest.mark.e2e

IIN = "900101300017"


@pytest.fixture
def applicant(transactional_db, settings):
    from registry.models import Region
    from tests.factories import UserFactory

    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    region = Region.objects.get(code="61")
    user = UserFactory(username="e2e_applicant", role="entrepreneur", iin=IIN, language="kk")
    user.set_password(DEMO_PASSWORD)
    user.save()
    UserFactory(username="e2e_coordinator", role="coordinator", region=region)
    call_command("make_test_pki", verbosity=0)
    return user, region, reference_data(region)


def test_entrepreneur_fills_signs_and_gets_the_receipt_in_kazakh(page, live_server, applicant):
    user, region, ref = applicant
    login(page, live_server, user.username)
    page.get_by_test_id("new-application").first.click()
    page.select_option("#id_region", str(region.pk))
    page.fill("#id_project_name", "Сүт цехына су құбыры")
    page.get_by_test_id("start").click()
    expect(page.get_by_test_id("task-list")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Жіберілмеген өтінім (қаралама)")
    axe(page, "task list (kk)")

    page.locator("[data-section=applicant] a").click()
    save_and_continue(page)  # empty: errors in Kazakh, nothing saved
    expect(page.get_by_test_id("error-summary")).to_contain_text("Бұл өрісті толтыру міндетті.")
    fill_applicant(page, region)
    save_and_continue(page)
    fill_bank(page)
    save_and_continue(page)
    fill_project(page, ref)
    save_and_continue(page)
    fill_effect(page)
    screenshot(page, "application-effect-kk")
    save_and_continue(page)
    attach_documents(page)
    for box in page.locator("form.application-section input[type=checkbox]").all():
        box.check()
    save_and_continue(page)

    expect(page.locator("h1")).to_have_text("Жауаптарыңызды тексеріңіз")
    expect(page.locator('[data-code="priority_list"]')).to_have_attribute("data-outcome", "pass")
    axe(page, "check your answers (kk)")
    screenshot(page, "application-check-kk")
    page.get_by_test_id("demo-sign").click()

    expect(page).to_have_url(re.compile(r"/receipt/$"))
    expect(page.get_by_test_id("receipt-title")).to_have_text(
        "Өтініміңіз жіберілді"
    )  # sent; acceptance is the coordinator's act
    expect(page.get_by_test_id("registry-number")).to_have_text(re.compile(r"^61-\d{4}-000001$"))
    expect(page.get_by_test_id("review-due")).not_to_be_empty()
    screenshot(page, "application-receipt-kk")

    from applications.models import Application

    application = Application.objects.get(applicant=user)
    assert application.status == "submitted" and application.priority
    assert application.signature.signer_iin == IIN
