"""The clock: opening, meeting and the reminders and escalations of legal deadlines."""

from datetime import date

import pytest
from django.core import mail

from registry.deadlines import (
    deadline_cancel,
    deadline_meet,
    deadline_open,
    deadline_tick,
    deadlines_for,
    due_in_calendar_days,
    due_in_working_days,
    due_on_fixed,
    reminder_days,
)
from registry.models import Deadline, DeadlineMessage, Notification
from registry.templatetags.portal import paragraph
from tests.factories import UserFactory
from tests.registry.deadline_factories import account, local, open_deadline

pytestmark = pytest.mark.django_db

REVIEW_OPENED = date(2026, 3, 20)  # Friday before Nauryz (21–25 March 2026 are days off)
REVIEW_DUE = date(2026, 4, 1)


def _sent(kind):
    return Notification.objects.filter(kind=f"deadline_{kind}")


# --- Due dates across holidays -------------------------------------------------------


@pytest.mark.rule("§19")
def test_s19_review_opened_friday_before_nauryz_is_due_after_the_holidays():
    # 26, 27, 30, 31 March and 1 April are the five working days.
    assert due_in_working_days(REVIEW_OPENED, 5) == REVIEW_DUE


@pytest.mark.rule("§23")
def test_s23_protocol_three_working_days_skip_the_8_march_holiday():
    # Meeting on Thu 5 March 2026; Mon 9 March is the observed Women's Day.
    assert due_in_working_days(date(2026, 3, 5), 3) == date(2026, 3, 11)


@pytest.mark.rule("§25")
def test_s25_hand_over_three_working_days_skip_1_may():
    assert due_in_working_days(date(2026, 4, 30), 3) == date(2026, 5, 6)


@pytest.mark.rule("§17")
def test_s17_financing_plan_published_within_three_working_days_skips_7_and_11_may():
    assert due_in_working_days(date(2026, 5, 6), 3) == date(2026, 5, 13)


@pytest.mark.rule("§30")
def test_s30_scan_upload_two_working_days_across_nauryz():
    assert due_in_working_days(REVIEW_OPENED, 2) == date(2026, 3, 27)


@pytest.mark.rule("§27")
def test_s27_akimat_resolution_counts_calendar_days():
    assert due_in_calendar_days(date(2026, 12, 11), 14) == date(2026, 12, 25)


@pytest.mark.rule("§31")
@pytest.mark.rule("§32")
def test_s31_s32_fixed_dates():
    assert due_on_fixed(2027, 4, 1) == date(2027, 4, 1)
    assert due_on_fixed(2027, 2, 10) == date(2027, 2, 10)


@pytest.mark.parametrize(
    ("kind", "rule"),
    [
        (Deadline.Kind.REVIEW, "§19"),
        (Deadline.Kind.PROTOCOL, "§23"),
        (Deadline.Kind.HANDOVER, "§25"),
        (Deadline.Kind.FINANCING_PLAN, "§17"),
        (Deadline.Kind.SCAN_UPLOAD, "§30"),
        (Deadline.Kind.MONITORING_ADMIN, "§31"),
        (Deadline.Kind.MONITORING_PLANNING, "§31"),
        (Deadline.Kind.COORDINATOR_REPORT, "§32"),
        (Deadline.Kind.AKIMAT_RESOLUTION, "§27"),
        (Deadline.Kind.COUNTER_OBLIGATIONS, "§32"),
        (Deadline.Kind.S13_CONFIRMATION, "§13"),
    ],
)
def test_each_kind_names_its_paragraph(region, coordinator, kind, rule):
    deadline = open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE, kind=kind)
    assert deadline.rule == rule
    # People read the paragraph as the law cites it: «19-т.» (the tests speak Kazakh).
    assert paragraph(rule) in deadline.get_kind_display() and "§" not in deadline.get_kind_display()


# --- Open, meet, cancel ---------------------------------------------------------------------


@pytest.mark.rule("§19")
def test_s19_open_is_idempotent_per_object_and_kind(region, coordinator):
    obj = account(region)
    first = deadline_open(
        obj=obj, kind="review", due_on=REVIEW_DUE, region=region, responsible=[coordinator], url="/kk/x/"
    )
    again = deadline_open(obj=obj, kind="review", due_on=date(2026, 5, 5), region=region, responsible=[])
    assert again.pk == first.pk
    assert again.due_on == REVIEW_DUE
    assert list(again.responsible.all()) == [coordinator]
    assert Deadline.objects.count() == 1
    assert [d.kind for d in deadlines_for(obj)] == ["review"]


@pytest.mark.rule("§19")
def test_s19_met_on_the_due_day_is_on_time(region, coordinator):
    obj = account(region)
    open_deadline(obj=obj, region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    deadline = deadline_meet(obj=obj, kind="review", at=local(REVIEW_DUE, hour=23))
    assert deadline.met_on_time is True
    assert deadline.met_at == local(REVIEW_DUE, hour=23)


@pytest.mark.rule("§19")
def test_s19_met_the_day_after_is_late_and_the_first_meeting_counts(region, coordinator):
    obj = account(region)
    open_deadline(obj=obj, region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    late = deadline_meet(obj=obj, kind="review", at=local(date(2026, 4, 2), hour=0))
    again = deadline_meet(obj=obj, kind="review", at=local(REVIEW_DUE))
    assert late.met_on_time is False
    again.refresh_from_db()
    assert again.met_on_time is False
    assert again.met_at == local(date(2026, 4, 2), hour=0)


def test_meet_without_an_open_deadline_returns_none(region):
    assert deadline_meet(obj=account(region), kind="protocol", at=local(REVIEW_DUE)) is None


@pytest.mark.rule("§19")
def test_s19_cancelled_review_is_neither_reminded_nor_escalated(region, coordinator):
    obj = account(region)
    open_deadline(obj=obj, region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    assert deadline_cancel(obj=obj, at=local(REVIEW_OPENED)) == 1
    assert deadline_tick(today=date(2026, 3, 31)) == (0, 0)
    assert deadline_tick(today=date(2026, 4, 2)) == (0, 0)


# --- Reminder days ----------------------------------------------------------------------------


@pytest.mark.rule("§19")
def test_s19_reminder_is_the_working_day_before(region, coordinator):
    deadline = open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    assert reminder_days(deadline) == [date(2026, 3, 31)]


@pytest.mark.rule("§23")
def test_s23_reminder_before_a_monday_due_date_is_the_friday(region, coordinator):
    deadline = open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 3, 30), kind="protocol")
    assert reminder_days(deadline) == [date(2026, 3, 27)]


@pytest.mark.rule("§31")
def test_s31_annual_monitoring_is_reminded_a_month_ahead_and_the_day_before(region, budget_admin):
    deadline = open_deadline(
        region=region, responsible=[budget_admin], due_on=due_on_fixed(2027, 4, 1), kind="monitoring_admin"
    )
    assert reminder_days(deadline) == [date(2027, 3, 1), date(2027, 3, 31)]


@pytest.mark.rule("§32")
def test_s32_coordinator_report_reminded_10_january_and_9_february(region, coordinator):
    deadline = open_deadline(
        region=region, responsible=[coordinator], due_on=due_on_fixed(2027, 2, 10), kind="coordinator_report"
    )
    assert reminder_days(deadline) == [date(2027, 1, 10), date(2027, 2, 9)]


# --- The tick ------------------------------------------------------------------------------------


@pytest.mark.rule("§19")
def test_s19_tick_reminds_once_on_the_working_day_before(
    region, coordinator, planning, django_capture_on_commit_callbacks
):
    open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    assert deadline_tick(today=date(2026, 3, 30)) == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_tick(today=date(2026, 3, 31)) == (1, 0)
        assert deadline_tick(today=date(2026, 3, 31)) == (0, 0)
    assert deadline_tick(today=REVIEW_DUE) == (0, 0)
    reminder = _sent("reminder").get()
    assert reminder.recipient == coordinator
    assert "19-т." in reminder.subject and "01.04.2026" in reminder.subject
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


@pytest.mark.rule("§19")
def test_s19_escalation_goes_once_to_the_responsible_and_the_planning_body(
    region, coordinator, planning, coordinator_elsewhere, django_capture_on_commit_callbacks
):
    UserFactory(username="planning_elsewhere", role="planning", region=coordinator_elsewhere.region)
    open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE, url="/kk/applications/1/")
    assert deadline_tick(today=REVIEW_DUE) == (1, 0)  # the missed reminder still goes on the due day
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_tick(today=date(2026, 4, 2)) == (0, 1)
        assert deadline_tick(today=date(2026, 4, 2)) == (0, 0)
        assert deadline_tick(today=date(2026, 4, 3)) == (0, 0)
    escalations = _sent("escalation").order_by("recipient__username")
    assert [n.recipient for n in escalations] == [coordinator, planning]
    assert escalations[0].url == "/kk/applications/1/"
    assert "/deadlines/" in escalations[1].url
    assert "19-т." in escalations[0].subject
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, planning.email])
    assert DeadlineMessage.objects.filter(kind="escalation").get().recipients == 2


@pytest.mark.rule("§23")
def test_s23_met_deadline_is_not_escalated(region, coordinator, planning):
    obj = account(region)
    open_deadline(obj=obj, region=region, responsible=[coordinator], due_on=date(2026, 3, 11), kind="protocol")
    deadline_meet(obj=obj, kind="protocol", at=local(date(2026, 3, 11)))
    assert deadline_tick(today=date(2026, 3, 10)) == (0, 0)
    assert deadline_tick(today=date(2026, 3, 12)) == (0, 0)
    assert not Notification.objects.exists()


@pytest.mark.rule("§31")
def test_s31_fixed_date_reminders_a_month_ahead_then_the_day_before_then_escalation(region, budget_admin, planning):
    open_deadline(region=region, responsible=[budget_admin], due_on=date(2027, 4, 1), kind="monitoring_admin")
    days = [
        date(2027, 2, 28),
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 31),
        date(2027, 4, 1),
        date(2027, 4, 2),
    ]
    assert [deadline_tick(today=d) for d in days] == [(0, 0), (1, 0), (0, 0), (1, 0), (0, 0), (0, 1)]
    assert _sent("reminder").filter(recipient=budget_admin).count() == 2
    assert set(_sent("escalation").values_list("recipient__username", flat=True)) == {"budget", "planning"}


@pytest.mark.rule("§25")
def test_s25_reminder_in_the_recipients_language(region, coordinator):
    coordinator.language = "ru"
    coordinator.save(update_fields=["language"])
    open_deadline(region=region, responsible=[coordinator], due_on=date(2026, 5, 6), kind="handover")
    deadline_tick(today=date(2026, 5, 5))
    note = _sent("reminder").get()
    assert "п. 25" in note.subject and "§" not in note.subject and "06.05.2026" in note.subject
    assert note.url.startswith("/ru/deadlines/")


@pytest.mark.rule("§30")
def test_s30_objects_link_follows_the_recipients_language(region, coordinator):
    coordinator.language = "ru"
    coordinator.save(update_fields=["language"])
    open_deadline(
        region=region, responsible=[coordinator], due_on=date(2026, 3, 27), kind="scan_upload", url="/kk/cabinet/"
    )
    assert deadline_tick(today=date(2026, 3, 26)) == (1, 0)
    assert _sent("reminder").get().url == "/ru/cabinet/"


@pytest.mark.rule("§19")
def test_s19_one_broken_deadline_does_not_silence_the_others(region, coordinator, monkeypatch):
    import registry.deadlines as clock

    broken = open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    real = clock.deadline_recipients

    def failing(deadline, kind):
        if deadline.pk == broken.pk:
            raise RuntimeError("template missing")
        return real(deadline, kind)

    monkeypatch.setattr(clock, "deadline_recipients", failing)
    assert deadline_tick(today=date(2026, 3, 31)) == (1, 0)
    monkeypatch.setattr(clock, "deadline_recipients", real)
    assert deadline_tick(today=date(2026, 3, 31)) == (1, 0)  # the broken one's row rolled back: sent now
    assert _sent("reminder").count() == 2


@pytest.mark.rule("§19")
def test_s19_reminder_in_kazakh(region, coordinator):
    open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    deadline_tick(today=date(2026, 3, 31))
    note = _sent("reminder").get()
    assert note.subject == "Еске салу: 19-т. бойынша мерзім 01.04.2026"
    assert "Өтінімді қарау (19-т., 5 жұмыс күні)" in note.body


def test_beat_runs_the_clock_hourly_by_default(settings):
    from datetime import timedelta

    entry = settings.CELERY_BEAT_SCHEDULE["deadlines-tick"]
    assert entry["task"] == "registry.tasks.deadlines_tick"
    assert entry["schedule"] == timedelta(minutes=60)


@pytest.mark.rule("§19")
def test_s19_task_reruns_a_given_day_and_is_harmless_twice(region, coordinator):
    from registry.tasks import deadlines_tick

    open_deadline(region=region, responsible=[coordinator], due_on=REVIEW_DUE)
    assert deadlines_tick.delay("2026-03-31").get() == [1, 0]
    assert deadlines_tick.delay("2026-03-31").get() == [0, 0]
    assert deadlines_tick.delay().get() == [0, 1]  # today (Nov 2026 or later) is past the due date
