"""Reads the council's pages share, with their joins done once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from applications.models import Application, Status
from councils.models import AgendaItem, Attendance, Council, CouncilMember, CouncilSession, Protocol, Vote
from councils.rules import Participation, participation
from registry import listing
from registry.models import User
from registry.reach import scope


def sessions_for(user: User) -> QuerySet[CouncilSession]:
    return scope(user, CouncilSession.objects.select_related("council", "protocol")).annotate(item_count=Count("items"))


def session_page(user: User) -> QuerySet[CouncilSession]:
    return scope(user, CouncilSession.objects.select_related("council__region", "protocol", "handover"))


# What the discussion record (§22) and the agenda pack show of each application.
APPLICATION_SUMMARY = (
    "application__oked",
    "application__infrastructure_type",
    "application__details",
    "application__recommendation",
)


def session_items(session: CouncilSession) -> QuerySet[AgendaItem]:
    """The agenda as the session page lists it; each item's votes and recusals are on the item's page."""
    return session.items.select_related("application").order_by("order")


def agenda_rows(session: CouncilSession) -> list[dict[str, Any]]:
    """The agenda as the session page's table shows it: one dict of display values per item, in order.

    Issue 19: read as values and written as text here once (labels in the reader's language, the cost
    grouped), so the page's loop over a hundred items does dictionary look-ups only.
    """
    status, decision = listing.labels_of(AgendaItem, "status"), listing.labels_of(AgendaItem, "decision")
    grouped, url = listing.grouper(), listing.int_url("councils:item")
    items = session.items.order_by("order").values_list(
        "pk",
        "order",
        "status",
        "decision",
        "application__number",
        "application__priority",
        "application__applicant_name",
        "application__project_name",
        "application__construction_cost",
    )
    return [
        listing.html_values(
            {
                "order": order,
                "url": url(pk),
                "number": number,
                "priority": priority,
                "applicant_name": applicant_name,
                "project_name": project_name,
                "construction_cost": grouped(cost),
                "status": status.get(item_status, item_status),
                "decision": decision.get(item_decision, item_decision),
            }
        )
        for pk, order, item_status, item_decision, number, priority, applicant_name, project_name, cost in items
    ]


def _votes():
    return Vote.objects.select_related("member__user", "entered_by")


def _seat_rank(prefix: str = "") -> Case:
    """Chair first, then the secretary, then the members."""
    field = f"{prefix}position"
    return Case(
        When(**{field: CouncilMember.Position.CHAIR}, then=Value(0)),
        When(**{field: CouncilMember.Position.SECRETARY}, then=Value(1)),
        default=Value(2),
    )


def session_attendance(session: CouncilSession) -> QuerySet[Attendance]:
    return session.attendance.select_related("member__user", "recorded_by").order_by(
        _seat_rank("member__"), "member__user__last_name", "id"
    )


def items_for(user: User) -> QuerySet[AgendaItem]:
    return scope(
        user,
        AgendaItem.objects.select_related("session__council", *APPLICATION_SUMMARY).prefetch_related(
            "application__eligibility"
        ),
    )


def recommended_for(council: Council) -> QuerySet[Application]:
    # §5 then arrival: the order the agenda will take.
    return Application.objects.filter(region=council.region_id, status=Status.RECOMMENDED).order_by(
        "-priority", "submitted_at", "id"
    )


def council_of(user: User) -> Council | None:
    return Council.objects.filter(region=user.region_id).select_related("region").first() if user.region_id else None


def roster(council: Council) -> QuerySet[CouncilMember]:
    return council.members.select_related("user").order_by(_seat_rank(), "user__last_name", "id")


# Those who may preside: the chair (the akim, §2(18)) and, in the chair's absence, the deputy chair.
PRESIDING = (CouncilMember.Position.CHAIR, CouncilMember.Position.DEPUTY)


def presiding_member(session: CouncilSession) -> CouncilMember | None:
    """Who presides: the chair; once the session is open and the chair is absent, the present member
    the chair designated in the portal, else a present deputy chair (§2(18), §14 rev. 2).

    The chair's designation for this meeting comes before the standing deputy: it is the chair's
    own choice, made for this session. The seat is read at the moment of the act (the protocol
    names who acted and on whose designation).
    """
    day = timezone.localdate(session.starts_at)
    seats = {
        seat.position: seat
        for seat in CouncilMember.objects.active_on(day)
        .filter(council=session.council, position__in=PRESIDING)
        .select_related("user")
        .order_by("-term_from", "-id")
    }
    chair, deputy = seats.get(CouncilMember.Position.CHAIR), seats.get(CouncilMember.Position.DEPUTY)
    present = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    if chair is not None and (chair.pk in present or session.status == session.Status.SCHEDULED):
        return chair
    designated = designated_presider(session)
    if designated is not None and designated.pk in present:
        return designated
    if deputy is not None and deputy.pk in present:
        return deputy
    return chair


def designated_presider(session: CouncilSession) -> CouncilMember | None:
    """The member the chair designated for this session, if their seat is active on its day."""
    if session.designated_presider_id is None:
        return None
    seat = CouncilMember.objects.select_related("user").filter(pk=session.designated_presider_id).first()
    if seat is None or not seat.is_active_on(timezone.localdate(session.starts_at)):
        return None
    return seat


def seat_for(user: User, session: CouncilSession) -> CouncilMember | None:
    return (
        CouncilMember.objects.active_on(timezone.localdate(session.starts_at))
        .filter(council_id=session.council_id, user=user)
        .select_related("user")
        .first()
    )


def member_panel(user: User, now: datetime) -> dict:
    """The member's cabinet: upcoming sessions, their votes, finalised protocols."""
    upcoming = list(sessions_for(user).filter(~Q(status=CouncilSession.Status.CLOSED)).order_by("starts_at")[:10])
    _attach_agenda_packs(upcoming)
    return {
        "voting_now": list(items_for(user).filter(status=AgendaItem.Status.VOTING).order_by("session__starts_at")[:5]),
        "upcoming": upcoming,
        "votes": list(
            Vote.objects.filter(member__user=user, member__council__region=user.region_id)
            .select_related("item__application", "item__session")
            .order_by("-cast_at")[:20]
        ),
        "protocols": list(
            scope(user, Protocol.objects.select_related("session"))
            .filter(status=Protocol.Status.FINAL)
            .order_by("-signed_at")[:10]
        ),
    }


def items_for_tally(item: AgendaItem) -> AgendaItem:
    """The item with its votes and voters loaded once (the live tally)."""
    return (
        AgendaItem.objects.select_related("session__council", "application")
        .prefetch_related(Prefetch("votes", queryset=_votes()))
        .get(pk=item.pk)
    )


def protocols_for(user: User) -> QuerySet[Protocol]:
    return scope(user, Protocol.objects.select_related("session__council__region", "signed_by", "session__handover"))


def _attach_agenda_packs(sessions: list[CouncilSession]) -> None:
    """Each session's agenda pack (kk, ru) as ``session.pack``, in one query for all of them."""
    from django.contrib.contenttypes.models import ContentType

    from councils.documents import AGENDA_PACK
    from registry.models import GeneratedDocument

    documents = GeneratedDocument.objects.filter(
        kind=AGENDA_PACK,
        current=True,
        content_type=ContentType.objects.get_for_model(CouncilSession),
        object_id__in=[str(s.pk) for s in sessions],
    ).order_by("language")
    by_session: dict[str, list] = {}
    for document in documents:
        by_session.setdefault(document.object_id, []).append(document)
    session: Any  # each gets its pack
    for session in sessions:
        session.pack = by_session.get(str(session.pk), [])


def agenda_pack(session: CouncilSession) -> list:
    from councils.documents import AGENDA_PACK
    from registry.documents import documents_for

    return list(documents_for(session, AGENDA_PACK).order_by("language"))


def protocol_documents(protocol: Protocol, kind: str = "") -> list:
    """The signed protocol's PDFs, or (``kind=PROTOCOL_PUBLIC``) its public copies, kk then ru."""
    from councils.documents import PROTOCOL
    from registry.documents import documents_for

    return list(documents_for(protocol, kind or PROTOCOL).order_by("language"))


def coordinator_panel(user: User) -> dict:
    """The coordinator's council block: sessions to run, protocols to hand over (§25)."""
    sessions = sessions_for(user)
    council = council_of(user)
    return {
        "upcoming": list(sessions.exclude(status=CouncilSession.Status.CLOSED).order_by("starts_at")[:5]),
        "to_hand_over": list(
            scope(user, Protocol.objects.select_related("session"))
            .filter(status=Protocol.Status.FINAL, session__handover__isnull=True)
            .order_by("signed_at")[:10]
        ),
        "recommended": recommended_for(council).count() if council else 0,
    }


def item_participation(item: AgendaItem) -> Participation:
    """§21: who takes part in ``item``'s vote, read now (two queries)."""
    rows = list(Attendance.objects.filter(session_id=item.session_id).values_list("member_id", "present"))
    return participation(
        members=len(rows),
        present=[member_id for member_id, present in rows if present],
        recused=item.recusals.values_list("member_id", flat=True),
    )
