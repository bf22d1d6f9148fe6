"""The whole path in a real Chromium, once in Kazakh and once in Russian (issue 7).

Application → signed acceptance and checks → recommendation → session → 8 of 10 present, one
recused, 5 for / 1 against / 1 abstain → approved; on the same agenda one project refused (6 of 8
against, reasons written by the coordinator) and one with no decision (4 for, 3 against, 1 abstain:
§21 rev. 2), which returns to the coordinator's queue → protocol signed → applicants see it →
hand-over → a budget request of two projects returned unreviewed, filed again, concluded and decided
by the budget commission → the maslikhat's approval and the akimat's resolution → the administrator's
financing plan of the year approved and published → load and results →
§31 annual monitoring PDF. A short second scenario ends in a refusal with reasons.
"""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.applications.factories import reference_data
from tests.e2e.conftest import axe, login, screenshot
from tests.e2e.steps import (
    coordinator_accepts,
    coordinator_recommends,
    coordinator_refuses,
    coordinator_schedules,
    post_form,
    role_page,
    secretary_marks_present,
    secretary_records_votes,
    submit_application,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.rule("§19"),
    pytest.mark.rule("§20"),
    pytest.mark.rule("§21"),
    pytest.mark.rule("§23"),
    pytest.mark.rule("§25"),
    pytest.mark.rule("§17"),
    pytest.mark.rule("§26"),
    pytest.mark.rule("§27"),
    pytest.mark.rule("§31"),
]

LANGUAGES = ["kk", "ru"]


@pytest.fixture
def path_data(e2e_data, settings):
    """seed_demo's people, the form's reference rows and a test key for everyone with an IIN."""
    from registry.models import Region

    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    region = Region.objects.get(code="61")
    ref = reference_data(region)
    call_command("make_test_pki", stdout=StringIO())
    return region, ref


def _label(choice, lang: str) -> str:
    with translation.override(lang):
        return str(choice.label)


def _names() -> dict[str, str]:
    from councils.models import CouncilMember

    return {m.user.username: m.user.full_name for m in CouncilMember.objects.select_related("user")}


def council_decides(ctx, application, lang: str) -> None:
    """Chair opens; 8 of 10 present; council8 recused; 5 for, 1 against, 1 abstain; protocol signed."""
    from councils.models import AgendaItem, CouncilSession

    browser, args, live_server = ctx
    session = CouncilSession.objects.get(items__application=application)
    item = AgendaItem.objects.get(session=session, application=application)
    session_url = f"{live_server.url}/{lang}/councils/sessions/{session.pk}/"
    item_url = f"{live_server.url}/{lang}/councils/items/{item.pk}/"
    names = _names()
    chair, secretary = (role_page(browser, args, live_server, u, lang) for u in ("council1", "council2"))
    chair.goto(session_url)
    chair.get_by_test_id("open-session").click()
    expect(chair.get_by_test_id("open-session")).to_have_count(0)
    members = {u: role_page(browser, args, live_server, u, lang) for u in ("council5", "council8")}
    for member in members.values():  # two members check in from their own browsers
        member.goto(session_url)
        member.get_by_test_id("check-in").click()
        expect(member.get_by_test_id("checked-in")).to_be_visible()
    secretary.goto(session_url)  # the others are in the room: the secretary records them
    secretary_marks_present(secretary, [names[f"council{n}"] for n in (1, 2, 3, 4, 6, 7)])
    with translation.override(lang):
        present = translation.gettext("Present: %(present)s of %(members)s.") % {"present": 8, "members": 10}
    expect(secretary.get_by_test_id("quorum")).to_contain_text(present)  # §21: two thirds of 10
    axe(secretary, f"council session, secretary ({lang})")
    screenshot(secretary, f"07-council-present-{lang}")

    members["council8"].goto(item_url)  # §21: a conflict of interest, declared before the vote
    members["council8"].locator("input[name=reason]").fill("Өтініш берушінің туысы / родственник заявителя")
    members["council8"].get_by_test_id("recuse").click()
    expect(members["council8"].get_by_test_id("recusals")).to_contain_text(names["council8"])
    chair.goto(item_url)
    chair.get_by_test_id("open-voting").click()
    members["council5"].goto(item_url)
    members["council5"].locator("input[name=choice][value=for]").check()
    members["council5"].get_by_test_id("cast-vote").click()
    axe(members["council5"], f"agenda item, member voting ({lang})")
    secretary.goto(item_url)
    secretary_records_votes(
        secretary,
        {
            names["council1"]: "for",
            names["council2"]: "for",
            names["council3"]: "for",
            names["council4"]: "for",
            names["council6"]: "against",
            names["council7"]: "abstain",
        },
    )
    chair.reload()
    chair.get_by_test_id("close-voting").click()
    item.refresh_from_db()
    # §21: 10 members, 8 present, 1 recused → 7 vote; 3 × 5 ≥ 2 × 7 → approved.
    counts = (item.members_count, item.present_count, item.recused_count, item.participants)
    assert counts == (10, 8, 1, 7)
    assert (item.votes_for, item.votes_against, item.votes_abstain, item.decision) == (5, 1, 1, "approved")
    expect(chair.get_by_test_id("decision")).to_be_visible()
    screenshot(chair, f"08-council-decided-{lang}")

    others = _other_items_decided(ctx, session, chair, names, lang)

    secretary.goto(session_url)  # the secretary closes the session: the protocol is drafted
    secretary.get_by_test_id("close-session").click()
    secretary.get_by_test_id("protocol-link").click()
    secretary.wait_for_url(re.compile(r"/councils/protocols/\d+/$"))
    chair.goto(secretary.url)
    chair.get_by_test_id("demo-sign").click()  # §23: the chair signs with ЭЦҚ
    expect(chair.get_by_test_id("protocol-content")).to_contain_text(names["council8"])
    expect(chair.get_by_test_id("protocol-content")).to_contain_text(_label(AgendaItem.Decision.NOT_DECIDED, lang))
    axe(chair, f"signed protocol ({lang})")
    screenshot(chair, f"09-protocol-signed-{lang}")
    _no_decision_goes_back(ctx, others, lang)
    return chair.url


def _other_items_decided(ctx, session, chair, names, lang: str) -> dict:
    """The coordinator, as the working body (§14), records the show of hands on the other two items:
    1 for / 6 against / 1 abstain → refused (3 × 6 ≥ 2 × 8); 4 for / 3 against / 1 abstain → no decision."""
    from councils.models import AgendaItem

    browser, args, live_server = ctx
    coordinator = role_page(browser, args, live_server, "coordinator", lang)
    present = [names[f"council{n}"] for n in (1, 2, 3, 4, 5, 6, 7, 8)]
    outcomes = {}
    items = AgendaItem.objects.filter(session=session, status=AgendaItem.Status.PENDING).order_by("order")
    for item, (n_for, n_against, expected) in zip(items, ((1, 6, "rejected"), (4, 3, "not_decided")), strict=True):
        item_url = f"{live_server.url}/{lang}/councils/items/{item.pk}/"
        chair.goto(item_url)
        chair.get_by_test_id("open-voting").click()
        expect(chair.get_by_test_id("close-voting")).to_be_visible()  # the vote is open
        coordinator.goto(item_url)
        choices = ["for"] * n_for + ["against"] * n_against + ["abstain"]
        secretary_records_votes(coordinator, dict(zip(present, choices, strict=True)))
        chair.reload()
        chair.get_by_test_id("close-voting").click()
        expect(chair.get_by_test_id("decision-explained")).to_be_visible()
        item.refresh_from_db()
        assert (item.participants, item.votes_for, item.votes_against, item.decision) == (8, n_for, n_against, expected)
        outcomes[expected] = item
    # §24: the reasons of the refusal, written by the working body before the protocol is signed.
    coordinator.goto(f"{live_server.url}/{lang}/councils/items/{outcomes['rejected'].pk}/")
    coordinator.locator("textarea[name=reasons]").fill(
        "Жұмыс орындарының болжамы негізделмеген / Прогноз рабочих мест не обоснован"
    )
    coordinator.get_by_test_id("save-reasons").click()
    expect(coordinator.get_by_test_id("reasons")).to_be_visible()
    expect(coordinator.get_by_test_id("named-votes")).to_contain_text(_recorded_by_coordinator(lang))
    axe(coordinator, f"agenda item, coordinator recording ({lang})")
    screenshot(coordinator, f"08b-council-refused-{lang}")
    return outcomes


def _recorded_by_coordinator(lang: str) -> str:
    with translation.override(lang):
        return translation.gettext("recorded by the coordinator")


def _no_decision_goes_back(ctx, items, lang: str) -> None:
    """After signing: the refused application is rejected; the undecided one is back in the queue,
    its applicant reads "no decision yet", and the coordinator can put it on a new agenda."""
    from applications.models import Status

    browser, args, live_server = ctx
    refused, undecided = items["rejected"].application, items["not_decided"].application
    refused.refresh_from_db()
    undecided.refresh_from_db()
    assert (refused.status, undecided.status) == (Status.REJECTED, Status.RECOMMENDED)
    applicant = role_page(browser, args, live_server, undecided.applicant.username, lang)
    applicant.goto(f"{live_server.url}/{lang}/applications/{undecided.pk}/")
    expect(applicant.get_by_test_id("council-no-decision")).to_be_visible()
    expect(applicant.get_by_test_id("status")).to_have_text(_label(Status.RECOMMENDED, lang))
    axe(applicant, f"applicant, no decision yet ({lang})")
    screenshot(applicant, f"09b-applicant-no-decision-{lang}")
    coordinator = role_page(browser, args, live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/{lang}/councils/sessions/new/")
    expect(coordinator.locator("main")).to_contain_text(undecided.number)  # carried to a later agenda


def _coordinator_sends_notice(ctx, application, lang: str) -> None:
    """§24: the coordinator saves the prefilled notice and signs it with the demo ЭЦҚ key."""
    from councils.models import AgendaItem

    browser, args, live_server = ctx
    item = AgendaItem.objects.get(application=application, decision=AgendaItem.Decision.APPROVED)
    coordinator = role_page(browser, args, live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/{lang}/councils/items/{item.pk}/")
    expect(coordinator.locator("textarea[name=notice-text]")).to_contain_text(application.number)  # prefilled
    coordinator.get_by_test_id("notice-save-notice").click()
    coordinator.get_by_test_id("notice-demo-sign-notice").click()
    expect(coordinator.get_by_test_id("notice-sent")).to_be_visible()
    axe(coordinator, f"agenda item, §24 notice sent ({lang})")
    screenshot(coordinator, f"09c-notice-sent-{lang}")


def _agenda_companions(region, lang: str) -> list:
    """Two more recommended projects from other applicants, in the same language."""
    from applications.models import Application, ApplicationDetails, Status
    from tests.factories import UserFactory

    companions = []
    for n, name in enumerate(("applicant_refused", "applicant_undecided"), start=1):
        user = UserFactory(username=f"{name}_{lang}", role="entrepreneur", language=lang)
        application = Application.objects.create(
            number=f"{region.code}-2026-9{n:04d}",
            region=region,
            applicant=user,
            status=Status.RECOMMENDED,
            applicant_name=f"ЖШС Серік {n}",
            applicant_identifier=f"99010130{n:04d}",
            project_name=f"Қойма {n}",
            submitted_at=timezone.now() - timedelta(days=3),
        )
        ApplicationDetails.objects.create(application=application)
        companions.append(application)
    return companions


def monitoring_steps(ctx, application, ref, lang: str) -> None:
    """Hand-over done: budget request (§26), commission decision, plan published (§17), load and results."""
    from monitoring.services.reports import reporting_year

    browser, args, live_server = ctx
    today = timezone.localdate()
    year, next_year = reporting_year(today), today.year + 1
    project_url = f"{live_server.url}/{lang}/monitoring/projects/{application.pk}/"
    budget, planning = (role_page(browser, args, live_server, u, lang) for u in ("budget", "planning"))
    budget.goto(f"{live_server.url}/{lang}/monitoring/projects/")
    expect(budget.get_by_test_id("projects")).to_contain_text(application.project_name)
    budget.get_by_role("link", name=application.number).click()
    axe(budget, f"monitoring project ({lang})")
    budget_chain(ctx, budget, planning, application, lang, today, next_year)
    budget.goto(project_url)
    expect(budget.get_by_test_id("budget-request")).to_contain_text("БК-7")
    expect(budget.get_by_test_id("plan-status")).to_contain_text(_label(_plan_published(), lang))

    budget.goto(f"{live_server.url}/{lang}/monitoring/objects/new/")
    post_form(
        budget,
        "/objects/new/",
        {
            "name": "Кентау су құбыры",
            "object_type": str(ref["water"].pk),
            "location": "Кентау қ.",
            "works_status": "operating",
            "commissioned_on": f"{year}-02-01",
            "projects": str(application.pk),
        },
    )
    post_form(budget, "/load/", {"month": f"{year}-03-01", "occupancy": "75", "served": "4", "volume": "1200"})
    expect(budget.get_by_test_id("load-chart")).to_be_visible()
    screenshot(budget, f"13-object-load-{lang}")
    budget.goto(project_url)
    post_form(
        budget,
        "/indicators/",
        {"year": str(year), "kind": "direct", "name": "Су құбыры", "unit": "км", "plan": "5", "fact": "4"},
    )
    post_form(
        budget,
        "/funds/",
        {
            "year": str(year),
            "source": "district",
            "allocated": "800",
            "disbursed": "650",
            "unspent_reason": "Жабдық кешікті",
        },
    )
    expect(budget.get_by_test_id("funds")).to_contain_text("Жабдық кешікті")
    screenshot(budget, f"14-results-{lang}")
    annual_report(budget, live_server, application, year, lang)


def _companion(application, lang: str):
    """A second project handed over to the same administrator (§25), for a request of two projects."""
    from applications.models import Application, Status
    from tests.factories import UserFactory

    return Application.objects.create(
        number=f"{application.region.code}-2026-8{LANGUAGES.index(lang):04d}",
        region=application.region,
        applicant=UserFactory(username=f"applicant_second_{lang}", role="entrepreneur", language=lang),
        status=Status.SENT_TO_BUDGET,
        applicant_name="ЖШС Екінші",
        applicant_identifier=f"99020140{LANGUAGES.index(lang):04d}",
        project_name=f"Екінші жоба {lang}",
        submitted_at=timezone.now() - timedelta(days=5),
    )


def budget_chain(ctx, budget, planning, application, lang: str, today, next_year: int) -> None:
    """§26: a request of two projects, returned unreviewed, corrected and filed again, concluded and
    decided by the commission; §27: the budget's approval and the akimat's resolution; §17: the plan
    of the year with both projects, approved and published on the public page."""
    from monitoring.models import BudgetRequest, BudgetResolution, FinancingPlan
    from registry.models import BudgetProgramme

    browser, args, live_server = ctx
    second = _companion(application, lang)
    programme = BudgetProgramme.objects.get(administrator__users__username="budget", code="028")
    budget.goto(f"{live_server.url}/{lang}/monitoring/budget/?year={next_year}")
    axe(budget, f"budget requests ({lang})")
    post_form(
        budget,
        "/budget/requests/",
        {
            "programme": str(programme.pk),
            "year": str(next_year),
            f"amount_{application.pk}": "12500.50",
            f"sub_{application.pk}": "015",
            f"amount_{second.pk}": "3000",
        },
    )
    lines = budget.get_by_test_id("request-lines")
    expect(lines).to_contain_text(application.number)
    expect(lines).to_contain_text(second.number)
    request = BudgetRequest.objects.get(programme=programme, year=next_year)
    request_url = f"{live_server.url}/{lang}/monitoring/budget/requests/{request.pk}/"
    planning.goto(request_url)
    post_form(planning, "/return/", {"reason": "Екінші жобаның сметасы толық емес"})
    expect(planning.get_by_test_id("request-status")).to_have_text(_label(BudgetRequest.Status.RETURNED, lang))
    budget.goto(request_url)
    expect(budget.get_by_test_id("return-reason")).to_contain_text("сметасы толық емес")
    axe(budget, f"budget request returned ({lang})")
    screenshot(budget, f"10b-budget-request-returned-{lang}")
    post_form(budget, "/budget/requests/", {f"amount_{second.pk}": "2800"})
    expect(budget.get_by_test_id("request-status")).to_have_text(_label(BudgetRequest.Status.SUBMITTED, lang))
    planning.goto(request_url)
    post_form(planning, "/conclude/", {"conclusion": "Бюджет заңнамасына сәйкес келеді"})
    post_form(planning, "/decide/", {"commission_date": today.isoformat(), "commission_number": "БК-7"})
    expect(planning.get_by_test_id("commission")).to_contain_text("БК-7")
    # The amounts are grouped (issue 14): «2 800,00».
    expect(planning.get_by_test_id("request-lines")).to_contain_text(re.compile(r"2\s800"))
    axe(planning, f"budget commission decision ({lang})")
    screenshot(planning, f"11-budget-commission-{lang}")

    budget_page = f"{live_server.url}/{lang}/monitoring/budget/?year={next_year}"
    budget.goto(budget_page)
    post_form(budget, "/budget/approval/", {"year": str(next_year), "approved_on": today.isoformat()})
    act = BudgetResolution.objects.get(year=next_year, administrator=None)
    post_form(budget, f"/budget/resolutions/{act.pk}/", {"adopted_on": today.isoformat(), "number": "А-12"})
    expect(budget.get_by_test_id("resolutions")).to_contain_text("А-12")
    screenshot(budget, f"11b-akimat-resolution-{lang}")

    for project, payments in ((application, "5000"), (second, "2800")):
        post_form(
            budget,
            "/budget/plans/line/",
            {
                "year": str(next_year),
                "programme": str(programme.pk),
                "subprogramme_code": "015",
                "specifics_code": "431",
                "application": str(project.pk),
                "month": "3",
                "obligations": payments,
                "payments": payments,
            },
        )
    expect(budget.get_by_test_id("plan-projects")).to_contain_text(second.number)
    post_form(budget, "/approve/", {"approved_on": today.isoformat()})
    budget.locator("form[action$='/publish/'] button").click()
    expect(budget.get_by_test_id("plan-status")).to_contain_text(_label(_plan_published(), lang))
    axe(budget, f"financing plan ({lang})")
    assert FinancingPlan.objects.get(year=next_year).projects.count() == 2
    public = browser.new_context(**args).new_page()  # §17: anyone, without logging in
    public.goto(f"{live_server.url}/{lang}/monitoring/public/plans/")
    main = public.locator("main")
    expect(main).to_contain_text(application.project_name)
    expect(main).to_contain_text(second.project_name)
    axe(public, f"public financing plans ({lang})")
    screenshot(public, f"12-plan-public-{lang}")


def _plan_published():
    from monitoring.models import FinancingPlan

    return FinancingPlan.Status.PUBLISHED


def annual_report(page, live_server, application, year: int, lang: str) -> None:
    """§31: generated in the background (progress shown), downloaded, its text read back."""
    from monitoring.services.reports import reports_open
    from registry.pdf import pdf_text

    # The beat task opens the year's reports on 1 January (§31); a page visit never does.
    reports_open(region=application.region, year=year, at=timezone.now())
    page.goto(f"{live_server.url}/{lang}/monitoring/reports/{year}/")
    axe(page, f"monitoring reports ({lang})")
    page.get_by_test_id("generate-s31").click()
    document = page.get_by_test_id(f"document-monitoring_s31-{lang}")
    expect(document).to_be_visible()
    expect(document.get_by_test_id("download")).to_be_visible(timeout=30_000)
    screenshot(page, f"15-annual-report-{lang}")
    with page.expect_download() as info:
        document.get_by_test_id("download").click()
    with open(info.value.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert application.project_name in text and "Жабдық кешікті" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whole_path_from_application_to_annual_report(
    page, browser, browser_context_args, live_server, path_data, lang
):
    from applications.models import Application, Status
    from registry.models import User

    region, ref = path_data
    User.objects.filter(username="entrepreneur").update(language=lang)
    ctx = (browser, browser_context_args, live_server)
    project_name = {"kk": "Сүт цехына су құбыры", "ru": "Водопровод к молочному цеху"}[lang]
    # The Kazakh run completes the whole form with the keyboard alone.
    submit_application(
        page, live_server, lang=lang, region=region, ref=ref, project_name=project_name, keyboard=lang == "kk"
    )
    application = Application.objects.get(project_name=project_name)
    coordinator = role_page(browser, browser_context_args, live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/{lang}/review/")
    coordinator_accepts(coordinator, live_server, lang=lang, application=application)
    coordinator_recommends(coordinator, text="Жобаны қолдау ұсынылады / Рекомендуется поддержать", lang=lang)
    starts_at = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    coordinator_schedules(
        coordinator,
        live_server,
        lang=lang,
        application=application,
        starts_at=starts_at,
        also=_agenda_companions(region, lang),
    )

    protocol_url = council_decides(ctx, application, lang)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    page.goto(f"{live_server.url}/{lang}/applications/{application.pk}/")  # the applicant sees the decision
    expect(page.get_by_test_id("status")).to_have_text(_label(Status.APPROVED, lang))
    expect(page.get_by_test_id("council-notice-pending")).to_be_visible()  # §24: until the coordinator sends it
    _coordinator_sends_notice(ctx, application, lang)
    page.reload()
    expect(page.get_by_test_id("council-decision")).to_be_visible()
    expect(page.get_by_test_id("notice-notice")).to_be_visible()
    axe(page, f"applicant's application page ({lang})")
    screenshot(page, f"10-applicant-sees-approval-{lang}")
    coordinator.goto(protocol_url)
    coordinator.get_by_test_id("hand-over").click()  # §25
    expect(coordinator.get_by_test_id("handover-done")).to_be_visible()
    screenshot(coordinator, f"10b-handed-over-{lang}")
    monitoring_steps(ctx, application, ref, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusal_with_reasons_reaches_the_applicant_in_their_language(
    page, browser, browser_context_args, live_server, path_data, lang
):
    from applications.models import RefusalCategory, Status
    from registry.models import User
    from tests.applications.factories import complete_draft

    region, ref = path_data
    entrepreneur = User.objects.get(username="entrepreneur")
    User.objects.filter(pk=entrepreneur.pk).update(language=lang)
    # The form itself is proven by the first scenario: here the draft is complete and the applicant signs it.
    application = complete_draft(entrepreneur, region, ref, project_name="Шұбат цехы")
    login(page, live_server, "entrepreneur", language=lang)
    page.goto(f"{live_server.url}/{lang}/applications/{application.pk}/check/")
    page.get_by_test_id("demo-sign").click()
    expect(page.get_by_test_id("registry-number")).to_be_visible()
    application.refresh_from_db()
    coordinator = role_page(browser, browser_context_args, live_server, "coordinator", lang)
    coordinator.goto(f"{live_server.url}/{lang}/review/{application.pk}/")
    reason = {"kk": "Жобалау-сметалық құжаттамаға қол қойылмаған", "ru": "Проектно-сметная документация не подписана"}[
        lang
    ]
    coordinator_refuses(coordinator, category=RefusalCategory.UNRELIABLE, reason=reason, lang=lang, shot="refusal-")

    page.goto(f"{live_server.url}/{lang}/applications/{application.pk}/")
    expect(page.get_by_test_id("status")).to_have_text(_label(Status.REFUSED, lang))
    page.goto(f"{live_server.url}/{lang}/notifications/")
    expect(page.locator("main")).to_contain_text(reason)
    expect(page.locator("main")).to_contain_text(_label(RefusalCategory.UNRELIABLE, lang))
    axe(page, f"applicant's notifications ({lang})")
    screenshot(page, f"refusal-applicant-notifications-{lang}")
