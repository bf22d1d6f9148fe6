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
    message = models.TextField(_("message"))
    # "Needs the coordinator" lines stay open until the review (§19) decides them.
    decision = models.CharField(_("coordinator's decision"), max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
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
    def is_open(self) -> bool:
        return self.outcome == Outcome.COORDINATOR and self.decision == self.Decision.OPEN


class PastPerformanceMark(models.Model):
    """§13: a business that missed its direct results and counter-obligations in a year.

    Monitoring writes these rows; the eligibility check reads them.
    """

    identifier = models.CharField(_("BIN / IIN"), max_length=12, db_index=True)
    year = models.PositiveSmallIntegerField(_("financial year"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    REACH = Reach(roles=frozenset({"central"}))

    class Meta:
        ordering = ["-year", "identifier"]
        verbose_name = _("failed results record (§13)")
        verbose_name_plural = _("failed results records (§13)")
        constraints = [models.UniqueConstraint(fields=["identifier", "year"], name="past_performance_once")]

    def __str__(self) -> str:
        return f"{self.identifier} {self.year}"
