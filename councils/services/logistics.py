"""Meeting logistics: the members' "I will attend / I will not" answers, the quorum forecast the
coordinator sees before the session (§21), and the calendar file (.ics) of the session notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from councils.models import AttendanceIntent, ConflictFlag, CouncilMember, CouncilSession
from councils.rules import QuorumForecast, quorum_holds
from registry.audit import audit_record
from registry.calendar import add_working_days, is_working_day
from registry.i18n import url_in_language
from registry.models import Notification, User
from registry.notifications import EmailAttachment, notification_send

# The calendar entry's length (the rules fix none; a working guess for members' calendars).
SESSION_LENGTH = timedelta(hours=2)


def attendance_intent_set(
    *, session: CouncilSession, member: CouncilMember, will_attend: bool, by: User, at: datetime
) -> AttendanceIntent:
    """The member answers the session notice; they may change the answer until the session opens."""
    if by.pk != member.user_id:
        raise PermissionDenied(_("Only the member can answer for themself."))
    if session.status != CouncilSession.Status.SCHEDULED:
        raise ValidationError(_("The session has already opened."), code="wrong_state")
    with transaction.atomic():
        intent, _created = AttendanceIntent.objects.update_or_create(
            session=session, member=member, defaults={"will_attend": will_attend, "answered_at": at}
        )
        audit_record(
            actor=by,
            obj=session,
            action="council_attendance_intent",
            to_state="yes" if will_attend else "no",
            reason=str(member),
            rule="§21",
            at=at,
        )
    return intent


def quorum_forecast(session: CouncilSession) -> dict:
    """§21 forecast from the answers, and per item the expected participants after possible conflicts."""
    members = list(
        CouncilMember.objects.active_on(timezone.localdate(session.starts_at)).filter(council=session.council)
    )
    answers = dict(session.intents.values_list("member_id", "will_attend"))
    coming = {m.pk for m in members if answers.get(m.pk) is True}
    forecast = QuorumForecast(
        members=len(members), will_attend=len(coming), will_not=sum(1 for m in members if answers.get(m.pk) is False)
    )
    flagged: dict[int, set[int]] = {}
    for item_id, member_id in ConflictFlag.objects.filter(item__session=session).values_list("item_id", "member_id"):
        flagged.setdefault(item_id, set()).add(member_id)
    items = []
    for item in session.items.select_related("application").order_by("order"):
        expected = len(coming - flagged.get(item.pk, set()))
        items.append(
            {"item": item, "expected": expected, "low": not quorum_holds(present=expected, members=len(members))}
        )
    return {"forecast": forecast, "forecast_items": items}


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def session_ics(session: CouncilSession, *, agenda_title: str, summary: str, url: str) -> str:
    """An iCalendar (RFC 5545) event: date, time, place and agenda, in the reader's language."""
    start = session.starts_at.astimezone(UTC)
    stamp = (session.scheduled_at or start).astimezone(UTC)
    agenda = "\n".join(
        f"{item.order}. {item.application.number} — {item.application.project_name}"
        for item in session.items.select_related("application").order_by("order")
    )
    place = " ".join(p for p in (session.place, session.online_link) if p)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//infra-support portal//councils//KK",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:council-session-{session.pk}@infra-support",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
        f"DTEND:{start + SESSION_LENGTH:%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{_ics_text(summary)}",
        f"LOCATION:{_ics_text(place)}",
        f"DESCRIPTION:{_ics_text(agenda_title + chr(10) + agenda)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def session_ics_for_reader(session: CouncilSession, *, url: str) -> str:
    """The session's .ics in the active language (the page's download and the notice's attachment)."""
    return session_ics(
        session, agenda_title=_("Agenda"), summary=_("ӨҮК session №%(number)s") % {"number": session.number}, url=url
    )


def session_ics_attachment(notification: Notification) -> EmailAttachment | None:
    """§19.4: the session notice (and reminder) e-mail carries the session as an .ics file, made at send
    time in the member's language from the session the notification names; nothing is stored."""
    snapshot = (notification.data or {}).get("session") or {}
    session_id = snapshot.get("fields", {}).get("id") if isinstance(snapshot, dict) else None
    session = CouncilSession.objects.filter(pk=session_id).first() if session_id else None
    if session is None:
        return None
    path = url_in_language(reverse("councils:session", args=[session.pk]), translation.get_language())
    body = session_ics_for_reader(session, url=f"{settings.PORTAL_BASE_URL}{path}")
    return EmailAttachment(f"council-session-{session.number}.ics", body, "text/calendar")


def sessions_remind(*, today: date, at: datetime) -> int:
    """The clock, on a working day: remind every member of a session on the next working day, once."""
    if not is_working_day(today):
        return 0
    tomorrow = add_working_days(today, 1)
    sent = 0
    candidates = CouncilSession.objects.filter(
        status=CouncilSession.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__date__gt=today,
        starts_at__date__lte=tomorrow,
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            session = CouncilSession.objects.select_for_update().select_related("council").get(pk=pk)
            if session.reminder_sent_at is not None:  # another worker sent it
                continue
            seats = CouncilMember.objects.active_on(timezone.localdate(session.starts_at)).filter(
                council=session.council
            )
            for user in User.objects.filter(pk__in=seats.values("user_id"), is_active=True).order_by("pk"):
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    url = reverse("councils:session", args=[session.pk])
                notification_send(
                    recipient=user,
                    kind="council_session_reminder",
                    context={"session": session, "council": session.council},
                    url=url,
                )
            session.reminder_sent_at = at
            session.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent
