"""The clock: legal deadlines on any object, and the reminders sent for them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .users import Region


class Deadline(models.Model):
    """One legal deadline of one object (an application, a session, a report…).

    The due date is computed by whoever opens the deadline, with the working-day
    calendar, at the moment of the event (DESIGN.md, "Time"); the beat task only
    reads it.
    """

    class Kind(models.TextChoices):
        REVIEW = "review", _("Review of the application (§19, 5 working days)")
        PROTOCOL = "protocol", _("Protocol of the council meeting (§23, 3 working days)")
        HANDOVER = "handover", _("Hand-over to the budget programme administrator (§25, 3 working days)")
        # Not a legal term: §24 sets none; 3 working days is the portal's own service standard.
        DECISION_NOTICE = (
            "decision_notice",
            _("Notice of the ӨҮК decision (§24; the portal's service standard, 3 working days)"),
        )
        FINANCING_PLAN = "financing_plan", _("Publication of the financing plan (§17, 3 working days)")
        SCAN_UPLOAD = "scan_upload", _("Upload of the scanned monitoring report (§30, 2 working days)")
        # §31 (rev. 2): "before 1 April", due 31 March.
        MONITORING_ADMIN = "monitoring_admin", _("Administrator's annual monitoring (§31, by 31 March)")
        MONITORING_PLANNING = "monitoring_planning", _("Planning body's annual monitoring (§31, by 10 April)")
        COORDINATOR_REPORT = "coordinator_report", _("Coordinator's report to the central body (§32, by 10 February)")
        AKIMAT_RESOLUTION = "akimat_resolution", _("Akimat's resolution (§27, 14 calendar days)")
        # No date in the rules: the coordinator needs them for the §32 report due 10 February.
        COUNTER_OBLIGATIONS = (
            "counter_obligations",
            _("Report on counter-obligations for the year (for §32, by 10 February)"),
        )
        S13_CONFIRMATION = "s13_confirmation", _("Confirmation of the year's results (§13, by 10 February)")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    obj = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    rule = models.CharField(_("rule"), max_length=8)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="deadlines")
    due_on = models.DateField(_("due"))
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    met_on_time = models.BooleanField(_("met on time"), null=True, blank=True)
    # The object stopped needing the deadline (e.g. an application withdrawn during review).
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible"), related_name="deadlines", blank=True
    )

    REACH = Reach(
        region="region", roles=frozenset({"coordinator", "planning", "budget_admin", "regional_body", "central"})
    )
    # Working days past due, set on the overdue rows of a board (registry.deadlines); not a column.
    days_overdue: int

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "kind"], name="deadline_once_per_object"),
            models.CheckConstraint(
                name="deadline_met_has_verdict",
                condition=models.Q(met_at__isnull=True, met_on_time__isnull=True)
                | models.Q(met_at__isnull=False, met_on_time__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["region", "due_on"], name="deadline_region_due_idx"),
            models.Index(fields=["due_on"], name="deadline_open_due_idx", condition=models.Q(met_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.object_repr} · {self.due_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None


# Which paragraph each kind implements (shown beside the deadline, written to the journal).
RULE_OF_KIND = {
    Deadline.Kind.REVIEW: "§19",
    Deadline.Kind.PROTOCOL: "§23",
    Deadline.Kind.HANDOVER: "§25",
    Deadline.Kind.DECISION_NOTICE: "§24",
    Deadline.Kind.FINANCING_PLAN: "§17",
    Deadline.Kind.SCAN_UPLOAD: "§30",
    Deadline.Kind.MONITORING_ADMIN: "§31",
    Deadline.Kind.MONITORING_PLANNING: "§31",
    Deadline.Kind.COORDINATOR_REPORT: "§32",
    Deadline.Kind.AKIMAT_RESOLUTION: "§27",
    Deadline.Kind.COUNTER_OBLIGATIONS: "§32",
    Deadline.Kind.S13_CONFIRMATION: "§13",
}

# Yearly deadlines on a fixed date (§31, §32): they also get a reminder a month ahead.
FIXED_DATE_KINDS = frozenset(
    {
        Deadline.Kind.MONITORING_ADMIN,
        Deadline.Kind.MONITORING_PLANNING,
        Deadline.Kind.COORDINATOR_REPORT,
        Deadline.Kind.COUNTER_OBLIGATIONS,
        Deadline.Kind.S13_CONFIRMATION,
    }
)


class DeadlineMessage(models.Model):
    """The proof that one reminder or escalation went out: inserted before sending.

    The unique constraint makes the beat task send each message exactly once,
    whatever reruns, second beats, concurrent workers or restarts happen.
    ``slot`` is the day the message belongs to (the reminder's day, or the first
    day after the due date for the escalation), so a yearly deadline can carry
    two reminders.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Escalation")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    slot = models.DateField(_("for the day"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    REACH = Reach(region="deadline__region", roles=Deadline.REACH.roles)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("deadline message")
        verbose_name_plural = _("deadline messages")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind", "slot"], name="deadline_message_once"),
            # One escalation per deadline, whatever the slot.
            models.UniqueConstraint(
                fields=["deadline"], condition=models.Q(kind="escalation"), name="deadline_escalation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slot:%d.%m.%Y}"
