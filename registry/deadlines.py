"""The clock: legal deadlines, their reminders and escalations (DESIGN.md, "Time").

Every step of the rules that has a term opens a :class:`Deadline` on its object
when the triggering event happens, with the due date computed at that moment by
the working-day calendar (helpers below), and meets it when the duty is done.
The beat task calls :func:`deadline_tick` every hour:

- a **reminder** goes to the responsible people on the last working day before
  the due date; yearly fixed-date deadlines (§31, §32) also get one a month
  ahead (the same day of the previous month: 1 March for 1 April). A reminder
  missed because the beat was down is sent on the next tick up to the due
  date; only the latest reminder day that has come is sent.
- an **escalation** goes on the first day after the due date, if the deadline
  is still open, to the responsible people and to the region's local
  state-planning body, which oversees the deadlines.

Each message is sent **exactly once**: its :class:`DeadlineMessage` row is
inserted first, under a lock on the deadline, and only the transaction that
created the row sends the notifications (their e-mail is queued on commit).
A rerun, a second beat, a concurrent worker or a restart finds the row and
sends nothing.

Due dates are literal: the rules do not move a date that falls on a day off.
"""

from __future__ import annotations

import bisect
import calendar as month_calendar
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from registry.calendar import add_working_days, is_working_day
from registry.models import Deadline, DeadlineMessage, Region, User
from registry.models.deadlines import FIXED_DATE_KINDS, RULE_OF_KIND
from registry.notifications import notification_send
from registry.reach import scope

logger = logging.getLogger(__name__)

# Reminders start at most a month ahead, so the tick looks no further.
_HORIZON = timedelta(days=40)
# How many rows each section of the deadlines page shows.
BOARD_LIMIT = 200


# --- Due dates (computed by the caller, at the event) ------------------------------


def due_in_working_days(start: date, n: int) -> date:
    """§17 §19 §23 §25 §30: the n-th working day after ``start`` (counting begins the next day)."""
    return add_working_days(start, n)


def due_in_calendar_days(start: date, n: int) -> date:
    """§27: n calendar days after ``start``."""
    return start + timedelta(days=n)


def due_on_fixed(year: int, month: int, day: int) -> date:
    """§31 (1 and 10 April), §32 (10 February) of the given year."""
    return date(year, month, day)


# --- Services -------------------------------------------------------------------------


def _of_object(obj: Model) -> QuerySet:
    content_type = ContentType.objects.get_for_model(obj)
    return Deadline.objects.filter(content_type=content_type, object_id=str(obj.pk))


def deadline_open(
    *,
    obj: Model,
    kind: str,
    due_on: date,
    region: Region | int,
    responsible: Iterable[User],
    url: str = "",
    at: datetime | None = None,
) -> Deadline:
    """Start the clock of ``kind`` on ``obj``; a second call returns the same row unchanged."""
    region_id = region.pk if isinstance(region, Region) else region
    with transaction.atomic():
        deadline, created = Deadline.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            kind=kind,
            defaults={
                "object_repr": str(obj)[:300],
                "url": url,
                "rule": RULE_OF_KIND[Deadline.Kind(kind)],
                "region_id": region_id,
                "due_on": due_on,
                "opened_at": at or timezone.now(),
            },
        )
        if created:  # a new row has nobody yet: added without reading who is there
            deadline.responsible.add(*responsible)
    return deadline


def deadline_meet(*, obj: Model, kind: str, at: datetime) -> Deadline | None:
    """Record that the duty was done at ``at``: on time when its local date is on or before the due date.

    Idempotent: the first meeting counts. ``None`` when no such deadline was opened.
    """
    with transaction.atomic():
        deadline = _of_object(obj).select_for_update().filter(kind=kind).first()
        if deadline is None or deadline.met_at is not None:
            return deadline
        deadline.met_at = at
        deadline.met_on_time = timezone.localdate(at) <= deadline.due_on
        deadline.save(update_fields=["met_at", "met_on_time"])
    return deadline


def deadline_cancel(*, obj: Model, at: datetime, kind: str | None = None) -> int:
    """Stop the open clocks of ``obj`` that no longer apply (e.g. the application was withdrawn)."""
    deadlines = _of_object(obj).filter(met_at__isnull=True, cancelled_at__isnull=True)
    if kind is not None:
        deadlines = deadlines.filter(kind=kind)
    return deadlines.update(cancelled_at=at)


def deadlines_for(obj: Model) -> QuerySet:
    """The deadlines of one object, earliest first, with their responsible people."""
    return _of_object(obj).select_related("region").prefetch_related("responsible").order_by("due_on", "id")


# --- The beat: reminders and escalations ---------------------------------------------------


def last_working_day_before(day: date) -> date:
    previous = day - timedelta(days=1)
    for _ in range(60):
        if is_working_day(previous):
            return previous
        previous -= timedelta(days=1)
    return day - timedelta(days=1)


def _month_before(day: date) -> date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def reminder_days(deadline: Deadline) -> list[date]:
    """The days a reminder is due: the working day before; a month ahead too for §31/§32."""
    days = {last_working_day_before(deadline.due_on)}
    if deadline.kind in FIXED_DATE_KINDS:
        days.add(_month_before(deadline.due_on))
    return sorted(days)


def message_due(deadline: Deadline, today: date, sent: set[tuple[str, date]]) -> tuple[str, date] | None:
    """The one message ``deadline`` still owes on ``today``, as (kind, slot), or None."""
    if today > deadline.due_on:
        slot = deadline.due_on + timedelta(days=1)
        if any(kind == DeadlineMessage.Kind.ESCALATION for kind, _ in sent):
            return None
        return DeadlineMessage.Kind.ESCALATION, slot
    come = [day for day in reminder_days(deadline) if day <= today]
    if come and (DeadlineMessage.Kind.REMINDER, come[-1]) not in sent:
        return DeadlineMessage.Kind.REMINDER, come[-1]
    return None


def deadline_tick(*, today: date) -> tuple[int, int]:
    """Send what the open deadlines owe on ``today``: returns (reminders sent, escalations sent)."""
    escalated = DeadlineMessage.objects.filter(deadline=OuterRef("pk"), kind=DeadlineMessage.Kind.ESCALATION)
    candidates = (
        Deadline.objects.filter(met_at__isnull=True, cancelled_at__isnull=True, due_on__lte=today + _HORIZON)
        .exclude(Exists(escalated))
        .prefetch_related("messages")
        .order_by("due_on", "id")
    )
    sent: dict[str, int] = {DeadlineMessage.Kind.REMINDER: 0, DeadlineMessage.Kind.ESCALATION: 0}
    for deadline in candidates:
        owed = message_due(deadline, today, {(m.kind, m.slot) for m in deadline.messages.all()})
        if owed is None:
            continue
        try:
            if _message_send(deadline_id=deadline.pk, kind=owed[0], slot=owed[1], today=today):
                sent[owed[0]] += 1
        except DatabaseError:
            raise  # the task retries the whole tick; what was sent stays sent
        except Exception:  # one broken deadline must not silence the others; its row rolled back, so it is retried
            logger.exception("deadline %s: %s not sent", deadline.pk, owed[0])
    return sent[DeadlineMessage.Kind.REMINDER], sent[DeadlineMessage.Kind.ESCALATION]


def _message_send(*, deadline_id: int, kind: str, slot: date, today: date) -> bool:
    """Insert the message row, and only if this transaction created it, notify."""
    with transaction.atomic():
        # The lock serialises concurrent ticks (and deadline_meet) on this deadline.
        deadline = (
            Deadline.objects.select_for_update()
            .filter(pk=deadline_id, met_at__isnull=True, cancelled_at__isnull=True)
            .first()
        )
        if deadline is None:
            return False
        message, created = DeadlineMessage.objects.get_or_create(deadline=deadline, kind=kind, slot=slot)
        if not created:
            return False
        recipients = deadline_recipients(deadline, kind)
        responsible = set(deadline.responsible.values_list("pk", flat=True))
        for user in recipients:
            _notify(deadline=deadline, kind=kind, recipient=user, responsible=user.pk in responsible, today=today)
        message.recipients = len(recipients)
        message.save(update_fields=["recipients"])
    return True


def deadline_recipients(deadline: Deadline, kind: str) -> list[User]:
    people = Q(deadlines=deadline)
    if kind == DeadlineMessage.Kind.ESCALATION:
        # The local state-planning body oversees the region's deadlines.
        people |= Q(role="planning", region_id=deadline.region_id)
    return list(User.objects.filter(people, is_active=True).distinct().order_by("pk"))


def _notify(*, deadline: Deadline, kind: str, recipient: User, responsible: bool, today: date) -> None:
    """One recipient's notification; the object's link for the responsible, the deadline's page for overseers."""
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        page = reverse("registry:deadline_detail", args=[deadline.pk])
    overdue = working_days_late(deadline.due_on, today) if kind == DeadlineMessage.Kind.ESCALATION else 0
    notification_send(
        recipient=recipient,
        kind=f"deadline_{kind}",
        context={"deadline": deadline, "days_overdue": overdue, "responsible": responsible},
        url=_in_language(deadline.url, language) if responsible and deadline.url else page,
    )


def _in_language(url: str, language: str) -> str:
    """The object's link under the recipient's language prefix (it was stored in the opener's)."""
    prefix = url.split("/")[1] if url.startswith("/") and url.count("/") > 1 else ""
    if prefix not in dict(settings.LANGUAGES):
        return url
    with translation.override(prefix):
        return translate_url(url, language)


def working_days_late(due_on: date, today: date) -> int:
    """Working days after the due date up to and including ``today``."""
    return sum(1 for i in range(1, (today - due_on).days + 1) if is_working_day(due_on + timedelta(days=i)))


# --- Selectors for the deadlines page and the cabinet --------------------------------------


@dataclass
class DeadlineBoard:
    due_soon: list[Deadline] = field(default_factory=list)
    overdue: list[Deadline] = field(default_factory=list)
    met: list[Deadline] = field(default_factory=list)


def _visible(user: User, region: Region | None) -> QuerySet:
    deadlines = scope(user, Deadline.objects.filter(cancelled_at__isnull=True))
    return deadlines.filter(region=region) if region is not None else deadlines


def deadlines_board(*, user: User, today: date, region: Region | None = None) -> DeadlineBoard:
    """What is due within seven days, what is overdue (in working days), what was met."""
    rows = _visible(user, region).select_related("region").prefetch_related("responsible")
    open_rows = rows.filter(met_at__isnull=True)
    board = DeadlineBoard(
        due_soon=list(open_rows.filter(due_on__gte=today, due_on__lte=today + timedelta(days=6))[:BOARD_LIMIT]),
        overdue=list(open_rows.filter(due_on__lt=today)[:BOARD_LIMIT]),
        met=list(rows.filter(met_at__isnull=False).order_by("-met_at", "-id")[:BOARD_LIMIT]),
    )
    _mark_days_overdue(board.overdue, today)
    return board


def _mark_days_overdue(deadlines: list[Deadline], today: date) -> None:
    """Set ``days_overdue`` (working days) on each row, walking the calendar once."""
    if not deadlines:
        return
    start = min(d.due_on for d in deadlines)
    working = [start + timedelta(days=i) for i in range(1, (today - start).days + 1)]
    working = [day for day in working if is_working_day(day)]
    for deadline in deadlines:
        deadline.days_overdue = len(working) - bisect.bisect_right(working, deadline.due_on)


def deadlines_counts(*, user: User, today: date) -> dict[str, int]:
    """The cabinet panel's two numbers: open deadlines due within seven days, and overdue."""
    open_rows = _visible(user, None).filter(met_at__isnull=True)
    return open_rows.aggregate(
        due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + timedelta(days=6))),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
    )


def deadlines_export_rows(*, user: User, today: date, region: Region | None = None):
    """Every deadline the reader reaches (not cancelled), by due date: the deadlines page's rows, all of them."""
    from django.utils.translation import gettext as _

    rows = _visible(user, region).select_related("region").prefetch_related("responsible").order_by("due_on", "id")
    for deadline in rows.iterator(chunk_size=2000):
        late = (
            working_days_late(deadline.due_on, today) if deadline.met_at is None and deadline.due_on < today else None
        )
        met = "" if deadline.met_on_time is None else (_("on time") if deadline.met_on_time else _("late"))
        yield [
            deadline.due_on,
            deadline.rule.lstrip("§"),
            deadline.get_kind_display(),
            deadline.object_repr,
            str(deadline.region),
            ", ".join(p.full_name for p in deadline.responsible.all()),
            deadline.opened_at,
            deadline.met_at,
            met,
            late,
        ]
