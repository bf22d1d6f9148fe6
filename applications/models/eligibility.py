"""Eligibility (§5 §7 §9 §13, БАБӨ): the pre-check's results and past performance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .application import Application


class Outcome(models.TextChoices):
    PASS = "pass", _("Passes")
    FAIL = "fail", _("Fails")
    COORDINATOR = "coordinator", _("Needs the coordinator")
    # §2(3) rev. 2: a БАБӨ criterion unmet drops the priority, not the application.
    INFO = "info", _("For information")


class EligibilityResult(models.Model):
    """One line of the eligibility check, stored when the application is submitted."""

    class Decision(models.TextChoices):
        OPEN = "open", _("Open")
        CONFIRMED = "confirmed", _("Confirmed by the coordinator")
        REJECTED = "rejected", _("Not confirmed by the coordinator")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="eligibility"
    )
    rule = models.CharField(_("rule"), max_length=16)
    code = models.SlugField(_("check"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    # The words as rendered at submission; pages render them again from code + data in the reader's language.
    message = models.TextField(_("message"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # "Needs the coordinator" lines stay open until the review (§19) decides them.
    decision = models.CharField(_("coordinator's decision"), max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("coordinator's note"), blank=True)

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        constraints = [models.UniqueConstraint(fields=["application", "code"], name="eligibility_check_once")]

    def __str__(self) -> str:
        return f"{self.rule} {self.code}: {self.outcome}"

    @property
    def text(self) -> str:
        """The line's words in the active language (kind + data, rendered when read)."""
        from applications.findings import render

        if not self.data:  # a row stored before the words were rendered when read
            return self.message
        return render(self.code, self.data.get("variant") or self.outcome, self.data, fallback=self.message)

    @property
    def help(self):
        from applications.findings import HELP

        return HELP.get(self.code) if self.outcome in (Outcome.FAIL, Outcome.INFO) else None

    @property
    def needs_decision(self) -> bool:
        """A finding or an open check: the coordinator settles it during the review (§19, §20)."""
        return self.outcome in (Outcome.FAIL, Outcome.COORDINATOR)

    @property
    def is_open(self) -> bool:
        return self.needs_decision and self.decision == self.Decision.OPEN

    @property
    def is_ground(self) -> bool:
        """§20: a finding not set aside, or a check the coordinator did not confirm, may ground a refusal.

        A priority claim not confirmed only drops the priority (§5), it grounds nothing.
        """
        if self.code == "priority_claim":
            return False
        if self.outcome == Outcome.FAIL:
            return self.decision != self.Decision.REJECTED
        return self.outcome == Outcome.COORDINATOR and self.decision == self.Decision.REJECTED


class PastPerformanceMark(models.Model):
    """§13: the settled mark of a business's direct results and counter-obligations for a year.

    The coordinator settles it explicitly (``past_performance_settle``), from the
    counter-obligation report or from its absence (rev. 2: a year with no report is a
    finding to settle, not a pass). The eligibility check reads only settled marks
    with ``met=False``; a project not settled yet blocks nothing.
    """

    identifier = models.CharField(_("BIN / IIN"), max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField(_("financial year"))
    met = models.BooleanField(_("results and counter-obligations met"), default=False)
    reason = models.TextField(_("reason"))
    # The funded project the mark is about, and its evidence (the report or "no report").
    project = models.ForeignKey(
        Application,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.TextField(_("evidence"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    REACH = Reach(roles=frozenset({"central"}))

    class Meta:
        ordering = ["-year", "identifier"]
        verbose_name = _("failed results record (§13)")
        verbose_name_plural = _("failed results records (§13)")
        constraints = [models.UniqueConstraint(fields=["identifier", "year"], name="past_performance_once")]

    def __str__(self) -> str:
        return f"{self.identifier} {self.year}"


class StateDataCheck(models.Model):
    """§9(1)–(2): what the state-data adapter answered at submission, its source and time."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="state_data_check"
    )
    tax_debt = models.BooleanField(_("tax or social-payment debt"), null=True, blank=True)
    bankruptcy = models.BooleanField(_("bankruptcy, liquidation or enforced collection"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=40)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("checked"))

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        verbose_name = _("state-data check (§9)")
        verbose_name_plural = _("state-data checks (§9)")

    def __str__(self) -> str:
        return f"{self.application} {self.source}"
