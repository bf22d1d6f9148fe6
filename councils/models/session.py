from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from registry.reach import Reach

from .council import Council, CouncilMember

# Members of the region's council read its sessions; the coordinator runs them.
COUNCIL_ROLES = frozenset({"coordinator", "council_member", "central"})


class CouncilSession(models.Model):
    """A meeting of the ӨҮК (§19.4 date, time and place; §21 presence)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField(_("number"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), on_delete=models.PROTECT, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("scheduled"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The clock's reminder to the members, sent once on the working day before the session.
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # §2(18), §14 (rev. 2): the member the chair designates to preside in the chair's absence.
    designated_presider = models.ForeignKey(
        CouncilMember,
        verbose_name=_("member designated to preside"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    designated_by = models.ForeignKey(
        CouncilMember,
        verbose_name=_("designated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    designated_at = models.DateTimeField(_("designated"), null=True, blank=True)

    REACH = Reach(region="council__region", roles=COUNCIL_ROLES)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="council_session_number_once"),
            # §19.4: the members must know where to come (a room or a link).
            models.CheckConstraint(
                name="council_session_has_place", condition=~models.Q(place="") | ~models.Q(online_link="")
            ),
        ]

    def __str__(self) -> str:
        return f"№{self.number} {timezone.localtime(self.starts_at):%d.%m.%Y}"


class Attendance(models.Model):
    """A member's presence at a session; rows are the roster snapshot taken at opening (§21)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=False)
    self_checked = models.BooleanField(_("checked in by the member"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    REACH = Reach(region="session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        ordering = ["member__position", "member__user__last_name", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.session} · {self.member}"


class AgendaItem(models.Model):
    """One application on a session's agenda (§19.4) and the council's decision on it (§21, §22)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        VOTING = "voting", _("Voting")
        CLOSED = "closed", _("Decided")
        CARRIED = "carried", _("Carried to a later session")
        # §20 (rev. 2): the coordinator refused the application at the on-agenda stage; the council sees why.
        REMOVED = "removed", _("Taken off the agenda: refused by the coordinator")

    class Decision(models.TextChoices):
        NONE = "", _("No decision")
        APPROVED = "approved", _("Infrastructure can be provided")
        REJECTED = "rejected", _("Infrastructure cannot be provided")
        # §21 (rev. 2): neither side reached two thirds; the item goes back to the queue.
        NOT_DECIDED = "not_decided", _("No decision adopted")

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="items"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    notes = models.TextField(_("secretary's notes"), blank=True)
    # §21: the decision is stored with the numbers and the rule that produced it.
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True, default="")
    decision_rule = models.CharField(_("rule applied"), max_length=200, blank=True)
    members_count = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(_("present"), null=True, blank=True)
    recused_count = models.PositiveSmallIntegerField(_("recused"), null=True, blank=True)
    participants = models.PositiveSmallIntegerField(_("participants"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstained"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # §24: a negative decision goes to the applicant with its reasons.
    reasons = models.TextField(_("reasons (§24)"), blank=True)
    carried_reason = models.CharField(_("why carried"), max_length=300, blank=True)

    REACH = Reach(region="session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        ordering = ["session", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="agenda_item_order_once"),
            models.UniqueConstraint(fields=["session", "application"], name="agenda_item_application_once"),
            models.CheckConstraint(
                name="agenda_item_decided_when_closed",
                condition=models.Q(status="closed", decision__in=["approved", "rejected", "not_decided"])
                | (~models.Q(status="closed") & models.Q(decision="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.application}"


class Recusal(models.Model):
    """A declared conflict of interest: the member takes no part in this item (§21 reading)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("conflict of interest"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"))

    REACH = Reach(region="item__session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_once")]

    def __str__(self) -> str:
        return f"{self.item} · {self.member}"


class Vote(models.Model):
    """A member's named vote on one item (§21)."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    # The member, or the secretary recording a show of hands.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField(_("cast"))

    REACH = Reach(region="item__session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        ordering = ["item", "member__position", "member__user__last_name", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        # The last guard of "one member, one vote" (§21) when two requests race.
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="vote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.item} · {self.member}: {self.get_choice_display()}"

    @property
    def by_secretary(self) -> bool:
        """Recorded for the member by someone else (a show of hands, §14: the coordinator)."""
        return self.entered_by_id != self.member.user_id


class ConflictFlag(models.Model):
    """A possible conflict of interest the portal found before the vote: the member must recuse or
    declare, with a reason, that there is none; both are recorded in the protocol (§21 reading)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflict_flags")
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    matches = models.JSONField(_("what matched"), default=list)
    found_at = models.DateTimeField(_("found"))
    declared_reason = models.CharField(_("why there is no conflict"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    REACH = Reach(region="item__session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        verbose_name = _("possible conflict of interest")
        verbose_name_plural = _("possible conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="conflict_flag_once"),
            models.CheckConstraint(
                name="conflict_flag_declared_with_reason",
                condition=models.Q(declared_at__isnull=True) | ~models.Q(declared_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.member}"


class AttendanceIntent(models.Model):
    """A member's answer to the session notice: "I will attend" or "I will not" (the quorum forecast)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="intents")
    member = models.ForeignKey(CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    will_attend = models.BooleanField(_("will attend"))
    answered_at = models.DateTimeField(_("answered"))

    REACH = Reach(region="session__council__region", roles=COUNCIL_ROLES)

    class Meta:
        verbose_name = _("attendance answer")
        verbose_name_plural = _("attendance answers")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_intent_once")]

    def __str__(self) -> str:
        return f"{self.session} · {self.member}"
