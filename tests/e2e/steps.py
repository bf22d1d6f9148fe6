"""Shared browser steps: the Appendix form, the coordinator's review, the council, monitoring.

Each step drives the real pages as one role. A step that has no page yet calls
the service and says so in a comment.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.applications.factories import make_bin, pdf_bytes
from tests.e2e.conftest import axe, login, screenshot

APPLICANT_IIN = "900101300017"  # seed_demo's "entrepreneur"


# --- the Appendix form (applications/) -------------------------------------------------------------


class Filler:
    """Fills inputs by mouse-free Playwright calls, or by the keyboard alone (Tab, typing, Space, arrows)."""

    def __init__(self, page, keyboard: bool = False):
        self.page, self.keyboard = page, keyboard

    SAME = "s => document.activeElement === document.querySelector(s)"
    # A radio group is one Tab stop: reaching any radio of the group is enough.
    SAME_GROUP = "s => document.activeElement.name === document.querySelector(s).name"

    def _focus(self, selector: str, test: str = SAME) -> None:
        """Tab from where the focus is until the element has it (no clicks)."""
        page = self.page
        for _ in range(400):
            if page.evaluate(test, selector):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    def fill(self, selector: str, value: str) -> None:
        if not self.keyboard:
            self.page.fill(selector, value)
            return
        self._focus(selector)
        kind = self.page.eval_on_selector(selector, "e => e.type")
        self.page.keyboard.press("Control+A")
        if kind == "date":  # Debian's headless Chromium shows dates as mm/dd/yyyy whatever the page's locale
            year, month, day = value.split("-")
            self.page.keyboard.type(month + day + year)
        else:
            self.page.keyboard.type(value)
        expect(self.page.locator(selector)).to_have_value(value)

    def select(self, selector: str, value: str) -> None:
        if not self.keyboard:
            self.page.select_option(selector, value)
            return
        self._focus(selector)
        for _ in range(300):
            if self.page.eval_on_selector(selector, "e => e.value") == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{selector}: option {value} not reached with the arrow keys")

    def check(self, selector: str) -> None:
        if not self.keyboard:
            self.page.check(selector)
            return
        if self.page.eval_on_selector(selector, "e => e.type") == "radio":
            self._focus(selector, self.SAME_GROUP)
            for _ in range(10):  # the arrow keys move the choice within the group
                if self.page.is_checked(selector):
                    return
                self.page.keyboard.press("ArrowRight")
            raise AssertionError(f"{selector}: not reached with the arrow keys")
        self._focus(selector)
        if not self.page.is_checked(selector):
            self.page.keyboard.press("Space")
        expect(self.page.locator(selector)).to_be_checked()

    def press(self, selector: str) -> None:
        """Activate a button or link (each one here leads to a new page): Enter when using the keyboard."""
        if self.keyboard:
            self._focus(selector)
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            self.page.click(selector)
        self.page.wait_for_load_state("domcontentloaded")


def save_and_continue(page, filler: Filler | None = None) -> None:
    (filler or Filler(page)).press("[data-testid=save-continue]")


def fill_applicant(page, region, filler: Filler | None = None) -> None:
    f = filler or Filler(page)
    f.select("#id_region", str(region.pk))
    f.check("#id_kind_1")  # individual entrepreneur
    expect(page.locator("#id_bin")).to_be_hidden()  # the legal-entity branch is hidden
    for selector, value in (
        ("#id_name", "ЖК «Ақ сүт»"),
        ("#id_full_name", "Сәрсенбаев Ерлан"),
        ("#id_iin", APPLICANT_IIN),
        ("#id_id_number", "045678912"),
        ("#id_id_issuer", "ҚР ІІМ"),
        ("#id_id_issued_on", "2015-05-20"),
        ("#id_notice_place", "Түркістан қ."),
        ("#id_notice_on", "2018-03-01"),
        ("#id_address", "Түркістан қ., Тәуке хан даңғылы, 1"),
        ("#id_phone", "+7 701 000 00 00"),
    ):
        f.fill(selector, value)


def fill_bank(page, filler: Filler | None = None) -> None:
    f = filler or Filler(page)
    f.check("#id_has_bank_account_0")  # Appendix item 4: "бар-жоғы" — yes, there is an account
    for selector, value in (
        ("#id_bank_name", "Halyk Bank"),
        ("#id_bic", "HSBKKZKX"),
        ("#id_iban", "KZ86 125K ZT50 0410 0100"),
        ("#id_bank_bin", make_bin(3)),
        ("#id_kbe", "17"),
    ):
        f.fill(selector, value)


def fill_project(page, ref, filler: Filler | None = None) -> None:
    f = filler or Filler(page)
    f.fill("#id_description", "Сүт өңдеу цехы")
    f.fill("#id_place", "Кентау қ.")
    expect(page.locator("#profile-direction")).to_be_hidden()
    f.select("#id_category", str(ref["engineering"].pk))
    f.select("#id_infrastructure_type", str(ref["water"].pk))
    f.fill("#id_justification", "Цехқа су құбыры жетпейді")
    f.fill("#id_construction_cost", "12500.50")
    f.fill("#id_project_cost", "30000")
    f.select("#id_tax_regime", str(ref["tax"].pk))
    f.select("#id_sector", str(ref["sector"].pk))
    f.fill("#id_oked", "10.51")
    f.fill("#id_employees", "12")
    f.fill("#id_term_months", "24")
    f.check("#id_aul_amanaty")


def fill_effect(page, filler: Filler | None = None) -> None:
    f = filler or Filler(page)
    for row, values in {
        "jobs": ("2", "4", "6", "8"),
        "tax": ("100", "200.5", "300", "400"),
        "output": ("1000", "2000", "3000", "4000"),
    }.items():
        for year, value in zip("0123", values, strict=True):
            f.fill(f"#id_{row}_{year}", value)
    # Totals as you type (years 1-3), before anything reaches the server.
    expect(page.get_by_test_id("total-jobs")).to_have_text("18")
    expect(page.get_by_test_id("total-tax")).to_have_text("900,50")
    f.fill("#id_other_1", "Жергілікті фермерлерден сүт сатып алу")


def attach_documents(page, filler: Filler | None = None) -> None:
    f = filler or Filler(page)
    for kind in ("business_plan", "ten", "design"):
        # Choosing a file opens the system's file dialog, which no page can drive: set the file directly.
        page.set_input_files(
            f"#file-{kind}", files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(kind)}]
        )
        f.press(f"[data-testid=upload-{kind}]")
        expect(page.locator(f"tr[data-kind={kind}]")).to_contain_text(f"{kind}.pdf")
    f.press("[data-testid=documents-continue]")


def submit_application(
    page, live_server, *, lang: str, region, ref, project_name: str, keyboard: bool = False, shot: str = ""
) -> None:
    """The entrepreneur starts, fills every section of the Appendix, signs with the demo key, sees the receipt."""
    f = Filler(page, keyboard)
    login(page, live_server, "entrepreneur", language=lang)
    page.goto(f"{live_server.url}/{lang}/applications/new/")
    f.select("#id_region", str(region.pk))
    f.fill("#id_project_name", project_name)
    f.press("[data-testid=start]")
    expect(page.get_by_test_id("task-list")).to_be_visible()
    axe(page, f"task list ({lang})")
    f.press("[data-section=applicant] a")
    fill_applicant(page, region, f)
    save_and_continue(page, f)
    fill_bank(page, f)
    save_and_continue(page, f)
    fill_project(page, ref, f)
    save_and_continue(page, f)
    fill_effect(page, f)
    screenshot(page, f"{shot}01-application-effect-{lang}")
    save_and_continue(page, f)
    attach_documents(page, f)
    for selector in page.eval_on_selector_all(
        "form.application-section input[type=checkbox]", "boxes => boxes.map(b => '#' + CSS.escape(b.id))"
    ):
        f.check(selector)
    save_and_continue(page, f)
    expect(page.locator('[data-code="priority_list"]')).to_have_attribute("data-outcome", "pass")
    axe(page, f"check your answers ({lang})")
    screenshot(page, f"{shot}02-application-check-{lang}")
    f.press("[data-testid=demo-sign]")
    expect(page).to_have_url(re.compile(r"/receipt/$"))
    expect(page.get_by_test_id("registry-number")).to_have_text(re.compile(r"^61-\d{4}-\d{6}$"))
    screenshot(page, f"{shot}03-application-receipt-{lang}")


# --- the coordinator (applications/review/) --------------------------------------------------------


def coordinator_accepts(page, live_server, *, lang: str, application, shot: str = "") -> None:
    """Signed acceptance (Appendix item 9) and a decision on each check the registry left open."""
    page.goto(f"{live_server.url}/{lang}/review/")
    axe(page, f"review inbox ({lang})")
    page.get_by_role("link", name=application.number).click()
    axe(page, f"review page ({lang})")
    page.get_by_test_id("accept-demo").click()
    expect(page.get_by_test_id("acceptance")).to_be_visible()
    while (
        open_line := page.locator("[data-testid=eligibility] tr[data-outcome=coordinator][data-decision=open]")
    ).count():
        form = open_line.first.locator("form")
        form.locator("input[value=confirmed]").check()
        form.get_by_role("button").click()
        page.wait_for_load_state("domcontentloaded")
    # Rev. 2: a finding reaches the coordinator too; to recommend, each is set aside with a comment.
    while (finding := page.locator("[data-testid=eligibility] tr[data-outcome=fail][data-decision=open]")).count():
        form = finding.first.locator("form")
        form.locator("input[value=rejected]").check()
        form.locator("textarea").fill("Құжаттармен тексерілді")
        form.get_by_role("button").click()
        page.wait_for_load_state("domcontentloaded")
    screenshot(page, f"{shot}04-review-accepted-{lang}")


def coordinator_recommends(page, *, text: str, lang: str, shot: str = "") -> None:
    page.get_by_test_id("recommend-form").locator("textarea").first.fill(text)
    page.get_by_test_id("recommend-form").get_by_role("button").click()
    expect(page.get_by_test_id("recommendation")).to_contain_text(text)
    screenshot(page, f"{shot}05-review-recommended-{lang}")


def coordinator_refuses(page, *, category: str, reason: str, lang: str, shot: str = "") -> None:
    """§20: the reasons, then the reasoned notice signed with the coordinator's (demo) ЭЦҚ."""
    form = page.get_by_test_id("refuse-form")
    form.locator("select[name=category]").select_option(category)
    form.locator("textarea[name=reason]").fill(reason)
    form.get_by_role("button").click()
    expect(page.get_by_test_id("refusal-preview")).to_contain_text(reason)
    page.get_by_test_id("refuse-demo").click()
    expect(page.get_by_test_id("refusal")).to_contain_text(reason)
    screenshot(page, f"{shot}05-review-refused-{lang}")


def coordinator_schedules(
    page, live_server, *, lang: str, application, starts_at: str, shot: str = "", also=()
) -> None:
    """§19.4: the recommended application (and ``also`` others) go on a session's agenda."""
    page.goto(f"{live_server.url}/{lang}/review/")
    page.get_by_test_id("schedule-session").click()
    axe(page, f"schedule a session ({lang})")
    page.locator("input[name=starts_at]").fill(starts_at)
    page.locator("input[name=place]").fill("Түркістан, әкімдік, 3-зал")
    for each in (application, *also):
        page.get_by_label(re.compile(re.escape(each.number))).check()
    page.get_by_test_id("schedule-submit").click()
    expect(page.get_by_test_id("session-list")).to_contain_text("Түркістан, әкімдік")
    screenshot(page, f"{shot}06-session-scheduled-{lang}")


# --- monitoring forms (monitoring/_form.html) ------------------------------------------------------


def post_form(page, action_suffix: str, values: dict[str, str]) -> None:
    """Fill and submit the monitoring form whose action ends with ``action_suffix``."""
    form = page.locator(f"form[action$='{action_suffix}']")
    details = form.locator("xpath=ancestor::details")
    if details.count() and not details.first.evaluate("d => d.open"):
        details.first.locator("summary").click()
    for name, value in values.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("[data-testid=error-summary], .invalid-feedback")).to_have_count(0)


# --- the council (councils/) -----------------------------------------------------------------------


def role_page(browser, browser_context_args, live_server, username: str, lang: str):
    """A person's own browser (a new context), logged in."""
    page = browser.new_context(**browser_context_args).new_page()
    login(page, live_server, username, language=lang)
    return page


def secretary_marks_present(page, full_names: list[str]) -> None:
    """The secretary records the members in the room (§21)."""
    for name in full_names:
        page.get_by_test_id("attendance").locator("tr", has_text=name).get_by_role("button").click()
        page.wait_for_load_state("domcontentloaded")


def secretary_records_votes(page, votes: dict[str, str]) -> None:
    """The secretary records a show of hands, one member at a time: {full name: for/against/abstain}."""
    for name, choice in votes.items():
        row = page.locator("tr", has_text=name).locator("form[action$='/record-vote/']")
        row.locator("select[name=choice]").select_option(choice)
        row.get_by_role("button").click()
        page.wait_for_load_state("domcontentloaded")
