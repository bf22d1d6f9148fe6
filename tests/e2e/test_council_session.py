"""A whole ӨҮК session in Chromium: scheduling, check-in, votes from two members' browsers,
the live tally, closing, the protocol signed by the chair (§19.4, §21, §23)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import axe, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.rule("§21")]


def _recommended_application():
    from applications.models import Application, Status
    from registry.models import Region, User

    return Application.objects.create(
        number="61-2026-00901",
        region=Region.objects.get(code="61"),
        applicant=User.objects.get(username="entrepreneur"),
        status=Status.RECOMMENDED,
        applicant_name="ЖК Сейітов",
        applicant_identifier="900101300017",
        project_name="Ауылдағы сүт өңдеу цехы",
        submitted_at=timezone.now() - timedelta(days=3),
    )


@pytest.fixture
def member_page(browser, browser_context_args, live_server):
    """A separate browser (context) per council member, closed after the test."""
    contexts = []

    def open_for(username):
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        login(page, live_server, username)
        return page

    yield open_for
    for context in contexts:
        context.close()


def test_s21_whole_session_from_check_in_to_the_signed_protocol(page, member_page, live_server, e2e_data, settings):
    from councils import services
    from councils.models import AgendaItem, CouncilMember, CouncilSession

    settings.SIGNATURE_DEMO_SIGNER = True
    application = _recommended_application()
    # Coordinator forms the agenda and schedules the session (§19.4).
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/kk/councils/sessions/new/")
    axe(page, "schedule a session (kk)")
    page.locator("#id_starts_at").fill((timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_place").fill("Түркістан, әкімдік, 1-зал")
    page.get_by_label(re.compile("61-2026-00901")).check()
    page.get_by_test_id("schedule-submit").click()
    expect(page.get_by_test_id("session-list")).to_contain_text("Түркістан, әкімдік")
    session = CouncilSession.objects.get()
    seats = {m.user.username: m for m in CouncilMember.objects.select_related("user")}
    chair_user = seats["council1"].user
    chair_user.iin = "860904350504"
    chair_user.save(update_fields=["iin"])
    call_command("make_test_pki", stdout=StringIO())

    # The chair opens the session in their browser.
    chair = member_page("council1")
    chair.goto(f"{live_server.url}/kk/councils/sessions/{session.pk}/")
    chair.get_by_test_id("open-session").click()
    expect(chair.get_by_test_id("session-status")).to_have_text("Отырыс жүріп жатыр")

    # Two members check in from their own browsers; the others are in the room (recorded by the secretary).
    members = {}
    for username in ("council5", "council6"):
        members[username] = member_page(username)
        members[username].goto(f"{live_server.url}/kk/councils/sessions/{session.pk}/")
        members[username].get_by_test_id("check-in").click()
        expect(members[username].get_by_test_id("checked-in")).to_be_visible()
    secretary = seats["council2"].user
    for username in ("council1", "council2", "council3", "council7", "council8"):
        services.attendance_mark(session=session, member=seats[username], present=True, by=secretary, at=timezone.now())
    chair.reload()
    expect(chair.get_by_test_id("quorum")).to_contain_text("10")
    expect(chair.get_by_test_id("quorum")).to_contain_text("Кворум бар")
    axe(chair, "council session (kk)")
    screenshot(chair, "council-01-session-open")

    # The chair opens the vote on the item; members vote from their browsers.
    item = AgendaItem.objects.get(session=session)
    item_url = f"{live_server.url}/kk/councils/items/{item.pk}/"
    chair.goto(item_url)
    expect(chair.get_by_test_id("application-summary")).to_contain_text("Ауылдағы сүт өңдеу цехы")
    chair.get_by_test_id("open-voting").click()
    for username, label in (("council5", "Жақтап"), ("council6", "Қарсы")):
        voter = members[username]
        voter.goto(item_url)
        voter.get_by_label(label, exact=True).check()
        voter.get_by_test_id("cast-vote").click()
        expect(voter.get_by_test_id("named-votes")).to_contain_text(label)
    axe(members["council6"], "agenda item, member voting (kk)")
    # council6 changes their mind while the vote is open.
    members["council6"].get_by_label("Жақтап", exact=True).check()
    members["council6"].get_by_test_id("cast-vote").click()
    for username in ("council1", "council2", "council3", "council7", "council8"):
        services.vote_cast(item=item, member=seats[username], choice="for", by=seats[username].user, at=timezone.now())
    # The chair's page updates the tally by itself (htmx, every 2 s).
    expect(chair.get_by_test_id("tally")).to_contain_text("Жақтап: 7", timeout=8000)
    screenshot(chair, "council-02-live-tally")
    chair.get_by_test_id("close-voting").click()
    expect(chair.get_by_test_id("decision")).to_contain_text("Инфрақұрылым беру мүмкін")
    # The member's open page notices the closed vote by itself (councils.js reloads it) and offers no vote.
    expect(members["council5"].get_by_test_id("decision")).to_be_visible(timeout=8000)
    expect(members["council5"].get_by_test_id("vote-form")).to_have_count(0, timeout=8000)

    # The chair closes the session and signs the protocol with the demo ЭЦҚ.
    chair.goto(f"{live_server.url}/kk/councils/sessions/{session.pk}/")
    chair.get_by_test_id("close-session").click()
    chair.get_by_test_id("protocol-link").click()
    expect(chair.get_by_test_id("protocol-content")).to_contain_text("Ахметов")
    chair.get_by_test_id("demo-sign").click()
    expect(chair.get_by_test_id("protocol-status")).to_contain_text("Қол қойылған")
    expect(chair.get_by_test_id("protocol-content")).to_contain_text("Жақтап")
    axe(chair, "signed protocol (kk)")
    screenshot(chair, "council-03-protocol-signed")
    application.refresh_from_db()
    assert application.status == "approved"
    # The coordinator sees the roster and hands the approved project over (§25).
    page.goto(f"{live_server.url}/kk/councils/roster/")
    expect(page.get_by_test_id("roster-valid")).to_be_visible()
    axe(page, "council roster (kk)")
    page.goto(chair.url)
    page.get_by_test_id("hand-over").click()
    expect(page.get_by_test_id("handover-done")).to_be_visible()
    application.refresh_from_db()
    assert application.status == "sent_to_budget"
