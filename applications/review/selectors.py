"""Reads the coordinator's review pages share: the inbox queue, one application, its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import CharField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy

from applications.models import Application, Recommendation, Refusal, ReviewAcceptance, Status
from registry import listing
from registry.audit import audit_for
from registry.calendar import working_days_between
from registry.models import AuditEvent, User
from registry.models.localized import pick
from registry.reach import get_for_user_or_404, scope

PAGE_SIZE = 25
# §19 is met when the application is refused or placed on a session's agenda.
S19_MEETING_STATES = (Status.REFUSED, Status.ON_AGENDA)


def _s19_met_at() -> Subquery:
    """When the application first reached a state that meets §19 (from the audit journal)."""
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Application),
            object_id=Cast(OuterRef("pk"), CharField()),
            to_state__in=S19_MEETING_STATES,
        )
        .values("object_id")
        .annotate(first=Min("at"))
        .values("first")
    )
    return Subquery(events[:1])


def inbox_base(user: User) -> QuerySet[Application]:
    """The region's submitted and later applications, as the coordinator's reach allows."""
    qs = Application.objects.exclude(status=Status.DRAFT).filter(submitted_at__isnull=False)
    return (
        scope(user, qs)
        .select_related("oked", "infrastructure_type", "infrastructure_type__category")
        .annotate(s19_met_at=_s19_met_at())
    )


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    priority: str = ""  # "yes" / "no" / ""
    category: int | None = None
    overdue: bool = False
    q: str = ""


def inbox_filter(qs: QuerySet[Application], filters: InboxFilters, *, today: date) -> QuerySet[Application]:
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.priority:
        qs = qs.filter(priority=filters.priority == "yes")
    if filters.category:
        qs = qs.filter(infrastructure_type__category_id=filters.category)
    if filters.overdue:
        # §19: still waiting for the coordinator after the fifth working day.
        qs = qs.filter(status=Status.SUBMITTED, review_due__lt=today)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(
            Q(number__icontains=term)
            | Q(applicant_name__icontains=term)
            | Q(project_name__icontains=term)
            | Q(applicant_identifier__startswith=term)
        )
    return qs


# The due badge's look and words, by DueState.badge (the inbox's rows and _due_badge.html).
DUE_BADGES = {
    "overdue": ("badge-overdue", gettext_lazy("overdue")),
    "today": ("badge-due-soon", gettext_lazy("due today")),
    "tomorrow": ("bg-secondary", gettext_lazy("due tomorrow")),
}


@dataclass(frozen=True)
class DueState:
    days_left: int | None
    badge: str  # "overdue" / "today" / "tomorrow" / ""
    s19_met: bool | None  # None while the clock still runs

    @property
    def badge_class(self) -> str:
        return DUE_BADGES[self.badge][0] if self.badge else ""

    @property
    def badge_label(self) -> str:
        return str(DUE_BADGES[self.badge][1]) if self.badge else ""


def due_state(application: Application, *, today: date) -> DueState:
    """Working days left until §19's due date, its badge, and whether §19 was met."""
    return due_state_of(
        due=application.review_due,
        met_at=getattr(application, "s19_met_at", None),
        status=application.status,
        today=today,
    )


def due_state_of(*, due: date | None, met_at: datetime | None, status: str, today: date) -> DueState:
    """``due_state`` of an application read as values: its §19 due date, when §19 was met, its status."""
    if met_at is not None and due is not None:
        return DueState(None, "", timezone.localdate(met_at) <= due)
    # The clock runs while the application waits for the coordinator, or, recommended, for an agenda.
    if due is None or status not in (Status.SUBMITTED, Status.RECOMMENDED):
        return DueState(None, "", None)
    left = working_days_between(today, due)
    badge = "overdue" if due < today else {0: "today", 1: "tomorrow"}.get(left, "")
    met = False if due < today else None
    return DueState(left, badge, met)


# What the inbox's table shows of each application (read as values: issue 19).
INBOX_FIELDS = (
    "number",
    "priority_confirmed",
    "applicant_name",
    "applicant_identifier",
    "oked__code",
    "infrastructure_type__name_kk",
    "infrastructure_type__name_ru",
    "construction_cost",
    "project_cost",
    "received_on",
    "review_due",
    "status",
    "s19_met_at",
)


def inbox_rows(applications: list[dict[str, Any]], *, today: date) -> list[dict[str, Any]]:
    """The inbox's rows as its table shows them, from ``INBOX_FIELDS`` read as values: text in the
    reader's language (labels, dates dd.mm.yyyy, grouped costs, the detail page's URL), the §19 clock."""
    statuses = listing.labels_of(Application, "status")
    grouped, url = listing.grouper(), listing.int_url("review:detail")
    badges = {code: (css, str(label)) for code, (css, label) in DUE_BADGES.items()}
    rows = []
    for a in applications:
        due = due_state_of(due=a["review_due"], met_at=a["s19_met_at"], status=a["status"], today=today)
        badge_class, badge_label = badges.get(due.badge, ("", ""))
        rows.append(
            listing.html_values(
                {
                    "number": a["number"],
                    "url": url(a["id"]),
                    "priority_confirmed": a["priority_confirmed"],
                    "priority": a["priority"],
                    "applicant_name": a["applicant_name"],
                    "applicant_identifier": a["applicant_identifier"],
                    "oked": a["oked__code"] or "—",
                    "infrastructure_type": pick(a["infrastructure_type__name_kk"], a["infrastructure_type__name_ru"])
                    or "—",
                    "construction_cost": grouped(a["construction_cost"]),
                    "project_cost": grouped(a["project_cost"]),
                    "received_on": listing.dmy(a["received_on"]) or "—",
                    "review_due": listing.dmy(a["review_due"]) or "—",
                    "days_left": due.days_left,
                    "badge": due.badge,
                    "badge_class": badge_class,
                    "badge_label": badge_label,
                    "status": statuses.get(a["status"], a["status"]),
                    "s19_met": due.s19_met,
                }
            )
        )
    return rows


def review_application(user: User, pk: int) -> Application:
    """One application for the review page, within the reader's reach (404 outside)."""
    qs = (
        Application.objects.select_related(
            "region",
            "applicant",
            "account",
            "oked",
            "infrastructure_type",
            "infrastructure_type__category",
            "refusal__by",
            "recommendation__by",
            "review_acceptance__by",
            "signature",
            "details",
        )
        .prefetch_related("attachments", "planned_users", "eligibility__decided_by")
        .annotate(s19_met_at=_s19_met_at())
    )
    # A draft is the applicant's own until it is signed and sent (§18).
    return get_for_user_or_404(user, qs.exclude(status=Status.DRAFT), pk=pk)


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    from_label: str
    to_label: str


def application_history(application: Application) -> list[HistoryRow]:
    """Every event of the application, oldest first, with its states named in the reader's language."""
    labels = dict(Status.choices)
    return [
        HistoryRow(
            event, str(labels.get(event.from_state, event.from_state)), str(labels.get(event.to_state, event.to_state))
        )
        for event in audit_for(application).order_by("at", "id")
    ]


@dataclass(frozen=True)
class ReviewRecords:
    refusal: Refusal | None
    recommendation: Recommendation | None
    acceptance: ReviewAcceptance | None

    @property
    def refusal_grounds(self) -> list[tuple[str, str]]:
        """§20: the findings the refusal took as grounds, in the reader's language."""
        from applications.findings import render_ground

        return [render_ground(g) for g in self.refusal.grounds] if self.refusal else []


def review_records(application: Application) -> ReviewRecords:
    """The refusal, recommendation and acceptance notice of one application, where they exist."""

    def one(name: str):
        try:
            return getattr(application, name)
        except ObjectDoesNotExist:
            return None

    return ReviewRecords(one("refusal"), one("recommendation"), one("review_acceptance"))


@dataclass(frozen=True)
class Appendix:
    """The application as submitted (the rules' Appendix), as far as the details were filled."""

    summary: list
    effect: list[tuple[str, list]]
    signature: object | None


def appendix(application: Application) -> Appendix:
    """Items 1–6 and 9 of the Appendix (item 2, the request, with the consents); without details, the core fields only."""
    from applications.forms.effect import ROWS, YEARS
    from applications.selectors import answer_summary

    try:
        details = application.details
    except ObjectDoesNotExist:
        details = None
    summary = answer_summary(application) if details is not None else []
    effect = [(row, [getattr(details, f"{row}_{y}", None) for y in YEARS]) for row in ROWS] if details else []
    try:
        signature = application.signature
    except ObjectDoesNotExist:
        signature = None
    return Appendix(summary, effect, signature)


def refusal_findings(application: Application) -> list:
    """§20: the findings the review page offers as ready grounds (open ones or confirmed ones)."""
    return [line for line in application.eligibility.all() if line.is_ground or line.is_open]
