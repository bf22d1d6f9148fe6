"""axe-core on the error states, in kk and ru: a failed new-application form, a failed section with
a radio group, a refused upload, the 404 page. 0 serious or critical violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe, login

pytestmark = pytest.mark.e2e

HEADING = {"kk": "Жіберілмеген өтінім (қаралама)", "ru": "Черновик заявки"}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_axe_on_failed_forms_and_error_pages(page, live_server, e2e_data, language):
    from registry.models import Region

    login(page, live_server, "entrepreneur", language=language)
    page.goto(f"{live_server.url}/{language}/applications/new/")
    page.get_by_test_id("start").click()  # nothing chosen: the form comes back with its errors
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    expect(page.locator("#id_project_name")).to_have_attribute("aria-invalid", "true")
    axe(page, f"new application, errors ({language})")

    region = Region.objects.get(code="61")
    page.select_option("#id_region", str(region.pk))
    page.fill("#id_project_name", "Су құбыры")
    page.get_by_test_id("start").click()
    expect(page.locator("h1")).to_have_text(HEADING[language])
    draft = re.search(r"/applications/(\d+)/", page.url).group(1)

    page.goto(f"{live_server.url}/{language}/applications/{draft}/section/applicant/")
    page.get_by_test_id("save-continue").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    axe(page, f"applicant section, errors ({language})")
    radio_link = summary.locator('a[href^="#id_kind"]')
    if radio_link.count():
        expect(radio_link.first).to_have_attribute("href", "#id_kind_0")

    page.goto(f"{live_server.url}/{language}/applications/{draft}/documents/")
    page.set_input_files(
        "#file-business_plan",
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"GIF89a not a pdf"}],
    )
    page.get_by_test_id("upload-business_plan").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("PDF")
    expect(page.locator("#file-business_plan")).to_have_attribute("aria-invalid", "true")
    axe(page, f"upload refused ({language})")

    page.goto(f"{live_server.url}/{language}/no-such-page/")
    expect(page.get_by_test_id("error-page")).to_be_visible()
    axe(page, f"404 ({language})")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_axe_on_the_declaration_page_and_its_group_error(page, live_server, e2e_data, language):
    """Issue 14: one declaration page, grouped, one tick per group; a missing group is one error naming it."""
    from registry.models import Region

    login(page, live_server, "entrepreneur", language=language)
    page.goto(f"{live_server.url}/{language}/applications/new/")
    page.select_option("#id_region", str(Region.objects.get(code="61").pk))
    page.fill("#id_project_name", "Су құбыры")
    page.get_by_test_id("start").click()
    expect(page.locator("h1")).to_have_text(HEADING[language])
    draft = re.search(r"/applications/(\d+)/", page.url).group(1)

    page.goto(f"{live_server.url}/{language}/applications/{draft}/section/consents/")
    expect(page.locator("form.application-section input[type=checkbox]")).to_have_count(4)
    axe(page, f"declaration page ({language})")
    page.check("#id_request_review")
    page.check("#id_confirm_declarations")
    page.check("#id_confirm_undertakings")
    page.get_by_test_id("save-continue").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a")).to_have_count(1)
    expect(summary.locator("a")).to_have_attribute("href", "#id_confirm_consents")
    expect(page.locator("#id_confirm_consents")).to_have_attribute("aria-invalid", "true")
    axe(page, f"declaration page, group missing ({language})")
