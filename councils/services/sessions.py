"""Scheduling a session (§19.3–4), opening it, presence (§21) and closing it (§23)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import Application, Status
from applications.workflow import application_move
from councils.documents import AGENDA_PACK, LANGUAGES
from councils.models import AgendaItem, Attendance, Council, CouncilMember, CouncilSession, Protocol
from councils.permissions import may_designate_presider
from councils.rules import quorum_holds
from councils.selectors import seat_for
from councils.services.common import (
    OFFICERS,
    PRESIDING,
    region_coordinators,
    require_coordinator,
    require_officer,
    require_status,
    require_working_body,
)
from councils.services.conflicts import conflicts_detect
from councils.services.roster import roster_check
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.deadlines import deadline_meet, deadline_open
from registry.documents import document_request
from registry.models import Deadline, User
from registry.notifications import notification_send
from registry.permissions import require

# §23: the protocol within three working days of the meeting.
PROTOCOL_WORKING_DAYS = 3


def agenda_order(applications: Sequence[Application]) -> list[Application]:
    """§5: priority projects (Ауыл аманаты, БАБӨ, cooperatives) are considered first."""
    return sorted(applications, key=lambda a: not a.priority)


def _check_agenda(*, council: Council, applications: Sequence[Application], starts_at: datetime, at: datetime) -> None:
    if not applications:
        raise ValidationError(_("Choose at least one recommended application."), code="empty_agenda")
    if starts_at <= at:
        raise ValidationError(_("The session must be in the future."), code="past_session")
    for application in applications:
        # §19: only projects the coordinator has recommended go to the council.
        if application.status != Status.RECOMMENDED or application.region_id != council.region_id:
            raise ValidationError(
                _("Application %(number)s is not recommended for this council.") % {"number": application},
                code="not_recommended",
            )


def session_schedule(
    *,
    council: Council,
    starts_at: datetime,
    place: str,
    online_link: str = "",
    applications: Sequence[Application],
    by: User,
    at: datetime,
) -> CouncilSession:
    """§19.4: fix the date, time and place, form the agenda and notify all members."""
    require_coordinator(council=council, user=by)
    if not (place or online_link):
        raise ValidationError(_("Give the place or the online link."), code="no_place")
    _check_agenda(council=council, applications=applications, starts_at=starts_at, at=at)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        number = (council.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
        session = CouncilSession.objects.create(
            council=council,
            number=number,
            starts_at=starts_at,
            place=place,
            online_link=online_link,
            scheduled_by=by,
            scheduled_at=at,
        )
        for order, application in enumerate(agenda_order(applications), start=1):
            AgendaItem.objects.create(session=session, application=application, order=order)
            application_move(
                application=application,
                allowed_from=[Status.RECOMMENDED],
                to=Status.ON_AGENDA,
                by=by,
                action="council_agenda_place",
                rule="§19",
                reason=str(session),
                at=at,
            )
            # §19: the five working days are met when the project is placed on a scheduled agenda.
            deadline_meet(obj=application, kind=Deadline.Kind.REVIEW, at=at)
        audit_record(
            actor=by, obj=session, action="council_session_schedule", to_state=session.status, rule="§19", at=at
        )
        conflicts_detect(session=session, at=at)
        _notify_members(session=session)
        for language in LANGUAGES:
            document_request(kind=AGENDA_PACK, obj=session, language=language, requested_by=by)
    return session


def _notify_members(*, session: CouncilSession) -> None:
    """§19.4: every active member, once, with the agenda."""
    items = list(session.items.select_related("application").order_by("order"))
    seats = CouncilMember.objects.active_on(timezone.localdate(session.starts_at)).filter(council=session.council)
    # Once per person, even if a re-appointment left two overlapping seats.
    for user in User.objects.filter(pk__in=seats.values("user_id")).order_by("pk"):
        with translation.override(user.language or "kk"):
            url = reverse("councils:session", args=[session.pk])
            ics_url = reverse("councils:session_calendar", args=[session.pk])
        notification_send(
            recipient=user,
            kind="council_session_scheduled",
            context={
                "session": session,
                "council": session.council,
                "items": items,
                "ics_url": f"{settings.PORTAL_BASE_URL}{ics_url}",
            },
            url=url,
        )


def session_open(*, session: CouncilSession, by: User, at: datetime) -> CouncilSession:
    """The chair, the secretary or the coordinator opens the session; the roster must be valid (§21).

    The quorum is the meeting's (rev. 2): it is shown from here on and re-checked at every change of
    presence (see attendance_mark); no item is voted without it.
    """
    require_officer(session=session, user=by)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().select_related("council").get(pk=session.pk)
        require_status(session, CouncilSession.Status.SCHEDULED, message=_("The session is not waiting to open."))
        day = timezone.localdate(session.starts_at)
        errors = roster_check(council=session.council, on=day)
        if errors:
            raise ValidationError(errors, code="roster_invalid")
        # The roster is fixed for the session: these rows are "the members" of §21's quorum.
        for member in CouncilMember.objects.active_on(day).filter(council=session.council):
            Attendance.objects.create(session=session, member=member)
        conflicts_detect(session=session, at=at)  # again: the roster or the projects may have changed
        session.status = CouncilSession.Status.OPEN
        session.opened_at = at
        session.save(update_fields=["status", "opened_at"])
        audit_record(
            actor=by,
            obj=session,
            action="council_session_open",
            from_state="scheduled",
            to_state="open",
            rule="§21",
            at=at,
        )
    return session


def attendance_mark(
    *, session: CouncilSession, member: CouncilMember, present: bool, by: User, at: datetime
) -> Attendance:
    """A member checks in, or the working body (the coordinator, §14) records presence in the room (§21)."""
    if by.pk != member.user_id:
        require_working_body(session=session, user=by)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        require_status(
            session, CouncilSession.Status.OPEN, message=_("Presence is recorded only while the session is open.")
        )
        # Participants are counted from presence, so it stays fixed while a vote is open.
        if session.items.filter(status=AgendaItem.Status.VOTING).exists():
            raise ValidationError(_("Presence cannot change while a vote is open."), code="voting_open")
        row = Attendance.objects.select_for_update().filter(session=session, member=member).first()
        if row is None:
            raise ValidationError(_("This member is not on the session's roster."), code="not_on_roster")
        before = _quorum(session)
        row.present, row.self_checked = present, by.pk == member.user_id
        row.recorded_by, row.recorded_at = by, at
        row.save(update_fields=["present", "self_checked", "recorded_by", "recorded_at"])
        audit_record(
            actor=by,
            obj=session,
            action="council_presence",
            to_state="present" if present else "absent",
            reason=str(member),
            rule="§21",
            at=at,
        )
        after = _quorum(session)
        if after[0] != before[0]:
            # §21 (rev. 2): the meeting's quorum is re-checked whenever presence changes.
            audit_record(
                actor=by,
                obj=session,
                action="council_quorum",
                from_state=str(before[0]),
                to_state=str(after[0]),
                reason=f"{after[1]}/{after[2]}",
                rule="§21",
                at=at,
            )
    return row


def _quorum(session: CouncilSession) -> tuple[bool, int, int]:
    """(holds, present, members) of the meeting now (§21)."""
    rows = list(session.attendance.values_list("present", flat=True))
    present = sum(rows)
    return quorum_holds(present=present, members=len(rows)), present, len(rows)


def session_close(*, session: CouncilSession, by: User, at: datetime) -> Protocol:
    """Close the session; items not considered are carried (§21); the protocol is due in 3 wd (§23)."""
    from councils.services.voting import carry_locked_item

    require_officer(session=session, user=by)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        require_status(session, CouncilSession.Status.OPEN, message=_("The session is not open."))
        if session.items.filter(status=AgendaItem.Status.VOTING).exists():
            raise ValidationError(_("Close the open vote first."), code="voting_open")
        for item in session.items.filter(status=AgendaItem.Status.PENDING):
            carry_locked_item(item=item, reason=_("not considered at the session"), by=by, at=at)
        session.status = CouncilSession.Status.CLOSED
        session.closed_at = at
        session.save(update_fields=["status", "closed_at"])
        protocol = Protocol.objects.create(
            session=session,
            drafted_at=at,
            due_on=add_working_days(timezone.localdate(session.starts_at), PROTOCOL_WORKING_DAYS),
        )
        _protocol_clock(protocol=protocol, at=at)
        audit_record(
            actor=by,
            obj=session,
            action="council_session_close",
            from_state="open",
            to_state="closed",
            rule="§23",
            at=at,
        )
    return protocol


def _protocol_clock(*, protocol: Protocol, at: datetime) -> None:
    """§23: the chair (or deputy), the secretary and the coordinator (§14) answer for the three working days."""
    session = protocol.session
    officers = CouncilMember.objects.active_on(timezone.localdate(session.starts_at)).filter(
        council=session.council, position__in=[*OFFICERS, *PRESIDING]
    )
    coordinators = region_coordinators(session.council.region_id)
    deadline_open(
        obj=protocol,
        kind=Deadline.Kind.PROTOCOL,
        due_on=protocol.due_on,
        region=session.council.region_id,
        responsible=[*{m.user for m in officers.select_related("user")}, *coordinators],
        url=reverse("councils:protocol", args=[protocol.pk]),
        at=at,
    )


def presider_designate(
    *, session: CouncilSession, member: CouncilMember | None, by: User, at: datetime
) -> CouncilSession:
    """§2(18), §14 (rev. 2): the chair designates a voting member to preside in the chair's absence
    (open and close items, sign the protocol), before or during the session; ``None`` withdraws it."""
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().select_related("council").get(pk=session.pk)
        day = timezone.localdate(session.starts_at)
        require(may_designate_presider(by, session))
        chair = seat_for(by, session)
        require_status(
            session,
            CouncilSession.Status.SCHEDULED,
            CouncilSession.Status.OPEN,
            message=_("A presiding member can be designated only before or during the session."),
        )
        if member is not None:
            if (
                member.council_id != session.council_id
                or not member.is_active_on(day)
                or (chair is not None and member.pk == chair.pk)
            ):
                raise ValidationError(
                    _("Choose a voting member of this council other than the chair."), code="not_a_member"
                )
            # During the session only a member in the room can preside.
            if (
                session.status == CouncilSession.Status.OPEN
                and not session.attendance.filter(member=member, present=True).exists()
            ):
                raise ValidationError(_("The member is not present at the session."), code="not_present")
        if session.items.filter(status=AgendaItem.Status.VOTING).exists():
            raise ValidationError(_("Close the open vote first."), code="voting_open")
        before = f"seat {session.designated_presider_id}" if session.designated_presider_id else ""
        session.designated_presider = member
        session.designated_by = chair if member is not None else None
        session.designated_at = at if member is not None else None
        session.save(update_fields=["designated_presider", "designated_by", "designated_at"])
        audit_record(
            actor=by,
            obj=session,
            action="council_presider_designate",
            from_state=before,
            to_state=f"seat {member.pk}" if member is not None else "",
            reason=str(member) if member is not None else "",
            rule="§2(18)",
            at=at,
        )
    return session
