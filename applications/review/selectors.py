"""Reads the coordinator's review pages share: the inbox queue, one application, its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import CharField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from applications.models import Application, Recommendation, Refusal, ReviewAcceptance, Status
from registry.audit import audit_for
from registry.calendar import working_days_between
from registry.models import AuditEvent, User
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


@dataclass(frozen=True)
class DueState:
    days_left: int | None
    badge: str  # "overdue" / "today" / "tomorrow" / ""
    s19_met: bool | None  # None while the clock still runs


def due_state(application: Application, *, today: date) -> DueState:
    """Working days left until §19's due date, its badge, and whether §19 was met."""
    due = application.review_due
    met_at = getattr(application, "s19_met_at", None)
    if met_at is not None and due is not None:
        return DueState(None, "", timezone.localdate(met_at) <= due)
    # The clock runs while the application waits for the coordinator, or, recommended, for an agenda.
    if due is None or application.status not in (Status.SUBMITTED, Status.RECOMMENDED):
        return DueState(None, "", None)
    left = working_days_between(today, due)
    badge = "overdue" if due < today else {0: "today", 1: "tomorrow"}.get(left, "")
    met = False if due < today else None
    return DueState(left, badge, met)


def inbox_rows(applications: list[Application], *, today: date) -> list[tuple[Application, DueState]]:
    return [(a, due_state(a, today=today)) for a in applications]


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
