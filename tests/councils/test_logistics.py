"""Meeting logistics: the .ics file of the session notice, "I will attend / I will not" answers and the
coordinator's quorum forecast (§21), which warns when the meeting is unlikely to be quorate."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from councils import services
from councils.models import AttendanceIntent
from councils.rules import QuorumForecast
from registry.models import Notification
from tests.councils.factories import NOW, SESSION_AT, make_application, schedule, seat, seats

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§21")]


@pytest.mark.parametrize(
    ("yes", "no", "likely", "impossible"),
    [(7, 0, True, False), (6, 0, False, False), (6, 3, False, False), (6, 4, False, True), (0, 4, False, True)],
)
def test_s21_quorum_forecast_of_ten_members(yes, no, likely, impossible):
    forecast = QuorumForecast(members=10, will_attend=yes, will_not=no)
    assert (forecast.likely, forecast.impossible, forecast.needed) == (likely, impossible, 7)


@pytest.fixture
def session(council, coordinator, entrepreneur, region):
    return schedule(council, coordinator, [make_application(region, entrepreneur)])


def _answer(session, members, will_attend):
    for member in members:
        services.attendance_intent_set(
            session=session, member=member, will_attend=will_attend, by=member.user, at=NOW + timedelta(hours=1)
        )


def test_s19_the_notice_links_an_ics_file_with_date_place_and_agenda(client, session, council):
    member = seats(council)[4]
    note = Notification.objects.get(recipient=member.user, kind="council_session_scheduled")
    assert f"/kk/councils/sessions/{session.pk}/calendar.ics" in note.body
    client.force_login(member.user)
    response = client.get(reverse("councils:session_calendar", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    ics = response.content.decode()
    start = SESSION_AT.astimezone(__import__("datetime").UTC)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in ics
    assert "LOCATION:Түркістан\\, әкімдік\\, 1-зал" in ics
    item = session.items.get()
    assert item.application.number in ics and "SUMMARY:ӨҮК-тің №1 отырысы" in ics


def test_s21_members_answer_and_the_coordinator_sees_the_forecast_and_a_warning(client, session, council, coordinator):
    members = seats(council)
    _answer(session, members[:6], True)
    client.force_login(coordinator)
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert 'data-testid="quorum-forecast"' in page and 'data-testid="forecast-warning"' in page
    _answer(session, members[6:7], True)  # the seventh: quorum likely
    page = client.get(reverse("councils:session", args=[session.pk])).content.decode()
    assert 'data-testid="quorum-forecast"' in page and 'data-testid="forecast-warning"' not in page
    # A member changes their mind: one row per member.
    _answer(session, members[6:7], False)
    assert AttendanceIntent.objects.filter(session=session).count() == 7
    assert services.quorum_forecast(session)["forecast"].will_attend == 6


def test_s21_a_member_answers_from_the_page_only_for_themself_and_only_before_opening(client, session, council):
    member, other = seats(council)[3], seats(council)[4]
    client.force_login(member.user)
    client.post(reverse("councils:attendance_intent", args=[session.pk]), {"will_attend": "1"})
    assert AttendanceIntent.objects.get(session=session, member=member).will_attend is True
    with pytest.raises(PermissionDenied):
        services.attendance_intent_set(session=session, member=other, will_attend=True, by=member.user, at=NOW)
    services.session_open(session=session, by=seat(council, "chair").user, at=SESSION_AT)
    session.refresh_from_db()
    with pytest.raises(ValidationError):
        services.attendance_intent_set(session=session, member=member, will_attend=False, by=member.user, at=SESSION_AT)


def test_s19_the_clock_reminds_the_members_on_the_working_day_before_once(session, council):
    from datetime import date

    from tests.councils.factories import NOW as at

    assert services.sessions_remind(today=date(2026, 3, 2), at=at) == 0  # Monday: two days before
    assert services.sessions_remind(today=date(2026, 3, 3), at=at) == 1  # Tuesday, the working day before
    assert services.sessions_remind(today=date(2026, 3, 3), at=at) == 0  # once
    reminders = Notification.objects.filter(kind="council_session_reminder")
    assert reminders.count() == 10 and reminders.filter(recipient=seats(council)[0].user).count() == 1
    assert reminders.first().subject.startswith("Еске салу")


@pytest.mark.rule("§19")
def test_s19_the_notice_email_carries_the_ics_file_in_the_members_language(session, council, mailoutbox):
    from datetime import UTC

    from registry.notifications import notification_email_deliver

    kk_member, ru_member = seats(council)[3], seats(council)[4]
    ru_member.user.language = "ru"
    ru_member.user.save(update_fields=["language"])
    start = SESSION_AT.astimezone(UTC)
    for member, summary, agenda in (
        (kk_member, "ӨҮК-тің №1 отырысы", "Күн тәртібі"),
        (ru_member, "Заседание РКС №1", "Повестка"),
    ):
        note = Notification.objects.get(recipient=member.user, kind="council_session_scheduled")
        assert notification_email_deliver(notification_id=note.pk) is True
        mail = mailoutbox[-1]
        assert mail.to == [member.user.email]
        parts = [p for p in mail.message().walk() if p.get_content_type() == "text/calendar"]
        assert len(parts) == 1 and parts[0].get_filename() == "council-session-1.ics"
        ics = parts[0].get_payload(decode=True).decode()
        assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in ics and "LOCATION:Түркістан\\, әкімдік\\, 1-зал" in ics
        assert f"SUMMARY:{summary}" in ics and f"DESCRIPTION:{agenda}" in ics
        assert session.items.get().application.number in ics
    # Other kinds carry no file.
    other = Notification.objects.create(
        recipient=kk_member.user, kind="council_something_else", subject="s", body="b", email=Notification.Email.PENDING
    )
    notification_email_deliver(notification_id=other.pk)
    assert not mailoutbox[-1].attachments
