"""Scheduling (§19.4), opening on a valid roster, presence and quorum (§21)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications.models import Status
from councils import services
from councils.models import AgendaItem, CouncilMember
from registry.audit import audit_for
from registry.models import Notification
from tests.councils.factories import SESSION_AT, first_item, make_application, make_council, open_with, schedule, seat

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§19")
def test_s19_scheduling_puts_priority_first_moves_to_agenda_and_notifies_every_member_once(
    region, coordinator, entrepreneur, council
):
    plain = make_application(region, entrepreneur)
    priority = make_application(region, entrepreneur, priority=True)
    session = schedule(council, coordinator, [plain, priority])
    assert [i.application_id for i in session.items.order_by("order")] == [priority.pk, plain.pk]
    for application in (plain, priority):
        application.refresh_from_db()
        assert application.status == Status.ON_AGENDA
        assert audit_for(application).last().rule == "§19"
    notes = Notification.objects.filter(kind="council_session_scheduled")
    assert notes.count() == 10
    assert sorted(notes.values_list("recipient__username", flat=True)) == sorted(f"council{i}" for i in range(1, 11))
    assert plain.number in notes.first().body and priority.number in notes.first().body


@pytest.mark.rule("§19")
def test_s19_only_recommended_applications_of_the_region_go_on_the_agenda(region, coordinator, entrepreneur, council):
    submitted = make_application(region, entrepreneur, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        schedule(council, coordinator, [submitted])
    assert not AgendaItem.objects.exists()
    assert not Notification.objects.exists()


def test_s19_only_the_regions_coordinator_schedules(region, coordinator_elsewhere, entrepreneur, council):
    with pytest.raises(PermissionDenied):
        schedule(council, coordinator_elsewhere, [make_application(region, entrepreneur)])


@pytest.mark.rule("§21")
def test_s21_session_cannot_open_on_an_invalid_roster(region, coordinator, entrepreneur, council):
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    # A member's term ends before the session (set directly: the roster page itself would refuse it).
    CouncilMember.objects.filter(pk=seat(council, "member").pk).update(term_until=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="21-т."):
        services.session_open(session=session, by=seat(council, "chair").user, at=SESSION_AT)
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_s21_only_the_chair_or_secretary_opens(region, coordinator, entrepreneur, council, council_member):
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    with pytest.raises(PermissionDenied):
        services.session_open(session=session, by=council_member, at=SESSION_AT)
    services.session_open(session=session, by=seat(council, "secretary").user, at=SESSION_AT)


@pytest.mark.rule("§21")
@pytest.mark.parametrize(
    ("members", "present", "votable"),
    [(10, 6, False), (10, 7, True), (11, 7, False), (11, 8, True), (12, 7, False), (12, 8, True)],
)
def test_s21_item_can_be_voted_only_with_quorum(region, coordinator, entrepreneur, members, present, votable):
    council = make_council(region, members=members)
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), present)
    item = first_item(session)
    chair = seat(council, "chair").user
    if votable:
        assert services.item_voting_open(item=item, by=chair, at=SESSION_AT).status == "voting"
    else:
        with pytest.raises(ValidationError, match="21-т.") as refused:
            services.item_voting_open(item=item, by=chair, at=SESSION_AT)
        assert refused.value.code == "no_quorum"


@pytest.mark.rule("§21")
def test_s21_secretary_records_presence_and_a_member_checks_in_themself(region, coordinator, entrepreneur, council):
    session = open_with(schedule(council, coordinator, [make_application(region, entrepreneur)]), 0)
    secretary = seat(council, "secretary").user
    member = seat(council, "member")
    row = services.attendance_mark(session=session, member=member, present=True, by=secretary, at=SESSION_AT)
    assert row.present and not row.self_checked and row.recorded_by == secretary
    row = services.attendance_mark(session=session, member=member, present=True, by=member.user, at=SESSION_AT)
    assert row.self_checked
    other = council.members.exclude(pk=member.pk).filter(position="member").first()
    with pytest.raises(PermissionDenied):
        services.attendance_mark(session=session, member=other, present=True, by=member.user, at=SESSION_AT)


@pytest.mark.rule("§21")
def test_s21_closing_carries_items_not_considered_and_drafts_the_protocol_due_in_3_working_days(
    region, coordinator, entrepreneur, council
):
    application = make_application(region, entrepreneur)
    session = open_with(schedule(council, coordinator, [application]), 7)
    protocol = services.session_close(
        session=session, by=seat(council, "chair").user, at=SESSION_AT + timedelta(hours=2)
    )
    application.refresh_from_db()
    assert application.status == Status.RECOMMENDED
    assert first_item(session).status == "carried"
    # §23: Wednesday 4 March 2026 + 3 working days = 10 March (8 March, a Sunday holiday, moves the day off to Monday 9 March).
    assert protocol.due_on == date(2026, 3, 10)
