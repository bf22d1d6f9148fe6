"""Dates of council events come from the local date (Asia/Almaty), never the UTC date (issue 15)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from councils import services
from councils.models import CouncilMember, CouncilSession
from councils.selectors import seat_for
from tests.councils.factories import NOW, make_application, seat, seats

pytestmark = pytest.mark.django_db

# 01:00 on Wednesday 4 March 2026 in Almaty is still Tuesday 3 March in UTC.
NIGHT = datetime(2026, 3, 4, 1, 0, tzinfo=ZoneInfo("Asia/Almaty"))


def _night_session(council, coordinator, application):
    session = services.session_schedule(
        council=council, starts_at=NIGHT, place="Түркістан, әкімдік", applications=[application], by=coordinator, at=NOW
    )
    return CouncilSession.objects.get(pk=session.pk)  # as a page loads it: starts_at in UTC


@pytest.mark.rule("§23")
def test_s23_protocol_of_a_session_at_1am_is_due_from_that_local_day(region, coordinator, entrepreneur, council):
    session = _night_session(council, coordinator, make_application(region, entrepreneur))
    chair = seat(council, "chair").user
    services.session_open(session=session, by=chair, at=NIGHT)
    for member in seats(council)[:7]:
        services.attendance_mark(session=session, member=member, present=True, by=member.user, at=NIGHT)
    protocol = services.session_close(session=session, by=chair, at=NIGHT + timedelta(minutes=30))
    # 4 March + 3 working days = 10 March (9 March is the day off for 8 March); from 3 March it would be 6 March.
    assert protocol.due_on == date(2026, 3, 10)
    assert "04.03.2026" in str(session)  # the session's number and local date


@pytest.mark.rule("§21")
def test_s21_a_seat_starting_on_the_local_day_counts_at_a_1am_session(region, coordinator, entrepreneur, council):
    session = _night_session(council, coordinator, make_application(region, entrepreneur))
    member = seats(council)[-1]
    CouncilMember.objects.filter(pk=member.pk).update(term_from=date(2026, 3, 4))
    assert seat_for(member.user, session) is not None
    CouncilMember.objects.filter(pk=member.pk).update(term_from=date(2026, 1, 1), term_until=date(2026, 3, 3))
    assert seat_for(member.user, session) is None  # the seat ended the day before, in Almaty
