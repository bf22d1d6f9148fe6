"""Councils, recommended applications and sessions in a known state."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from django.utils import timezone

from applications.models import Application, Status
from councils import services
from councils.models import AgendaItem, Council, CouncilMember, CouncilSession
from tests.factories import UserFactory

NOW = timezone.make_aware(datetime(2026, 3, 2, 9, 0))  # a Monday
SESSION_AT = NOW + timedelta(days=2)  # Wednesday 4 March 2026
SIGN_AT = SESSION_AT + timedelta(days=1)  # Thursday 5 March 2026
_numbers = itertools.count(1)


def make_council(region, *, members: int = 10, business: int | None = None, prefix: str = "m") -> Council:
    """A council of ``members`` seats: 1 chair, 2 secretary, the last ``business`` from business."""
    business = members - members // 2 if business is None else business
    council, _ = Council.objects.get_or_create(region=region, defaults={"name_kk": "ӨҮК", "name_ru": "РКС"})
    for i in range(1, members + 1):
        user = UserFactory(username=f"{prefix}{region.code}_{i}", role="council_member", region=region)
        CouncilMember.objects.create(
            council=council,
            user=user,
            position={1: "chair", 2: "secretary"}.get(i, "member"),
            business_community=i > members - business,
            term_from=date(2026, 1, 1),
        )
    return council


def make_application(region, applicant, *, priority: bool = False, status: str = Status.RECOMMENDED) -> Application:
    n = next(_numbers)
    return Application.objects.create(
        number=f"{region.code}-2026-{n:05d}",
        region=region,
        applicant=applicant,
        status=status,
        priority=priority,
        applicant_name=f"ЖШС Тест {n}",
        applicant_identifier=f"{n:012d}",
        project_name=f"Жоба {n}",
        submitted_at=NOW - timedelta(days=10 - n % 5),
    )


def seat(council: Council, position: str) -> CouncilMember:
    return council.members.filter(position=position).select_related("user").first()


def seats(council: Council) -> list[CouncilMember]:
    return list(council.members.select_related("user").order_by("id"))


def schedule(council: Council, coordinator, applications) -> CouncilSession:
    return services.session_schedule(
        council=council,
        starts_at=SESSION_AT,
        place="Түркістан, әкімдік, 1-зал",
        applications=applications,
        by=coordinator,
        at=NOW,
    )


def open_with(session: CouncilSession, present: int) -> CouncilSession:
    """Open the session and check in the first ``present`` seats (by id)."""
    council = session.council
    chair = seat(council, "chair")
    services.session_open(session=session, by=chair.user, at=SESSION_AT)
    for member in seats(council)[:present]:
        services.attendance_mark(session=session, member=member, present=True, by=member.user, at=SESSION_AT)
    session.refresh_from_db()
    return session


def first_item(session: CouncilSession) -> AgendaItem:
    return session.items.select_related("application", "session").order_by("order").first()


def decided_session(council: Council, coordinator, entrepreneur, region, *, reasons: str = "") -> CouncilSession:
    """A closed session: item 1 approved (6 of 8 for), item 2 rejected (2 of 8 for, 6 against: §21 rev. 2)."""
    from tests.factories import UserFactory

    other = UserFactory(username="applicant2", role="entrepreneur", language="ru")
    apps = [make_application(region, entrepreneur), make_application(region, other)]
    session = open_with(schedule(council, coordinator, apps), 8)
    chair, secretary, members = seat(council, "chair").user, seat(council, "secretary").user, seats(council)[:8]
    for item, n_for in zip(session.items.order_by("order"), (6, 2), strict=True):
        services.item_voting_open(item=item, by=chair, at=SESSION_AT)
        for i, member in enumerate(members):
            choice = "for" if i < n_for else "against"
            services.vote_cast(item=item, member=member, choice=choice, by=member.user, at=SESSION_AT)
        item = services.item_close(item=item, by=chair, at=SESSION_AT)
        if item.order == 2 and reasons:
            services.item_reasons_set(item=item, reasons=reasons, by=secretary, at=SESSION_AT)
    services.session_close(session=session, by=chair, at=SESSION_AT + timedelta(hours=2))
    session.refresh_from_db()
    return session


def sign_protocol(protocol, user, at=SIGN_AT):
    """The chair signs the protocol with the demo key (see the ``chair_key`` fixture)."""
    from applications.signing import demo_sign

    cms = demo_sign(user, services.protocol_document(protocol))
    return services.protocol_finalise(protocol=protocol, cms=cms, by=user, at=at)
