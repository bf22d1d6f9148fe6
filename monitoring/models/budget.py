"""Budget request (§26, §27), individual financing plan (§17) and support term (§7)."""

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from registry.reach import Reach

# §28: the regional authorized body monitors beside the administrator.
STAFF_ROLES = frozenset({"coordinator", "budget_admin", "planning", "regional_body", "central"})
# The entrepreneur sees their own project's plan and term too.
PROJECT_ROLES = STAFF_ROLES | {"entrepreneur"}
PROJECT_REACH = Reach(region="application__region", owner="application__applicant", roles=PROJECT_ROLES)


class Money(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: Money = {"max_digits": 16, "decimal_places": 2}


class BudgetRequest(models.Model):
    """The administrator's budget request for one handed-over project (§26)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Under review by the planning body")
        RETURNED = "returned", _("Returned unreviewed")
        ACCEPTED = "accepted", _("Accepted, budget commission decided")

    application = models.OneToOneField(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="budget_request"
    )
    amount = models.DecimalField(_("amount, thousand tenge"), **MONEY)
    programme_code = models.CharField(_("budget programme code"), max_length=10)
    subprogramme_code = models.CharField(_("budget sub-programme code"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("budget year"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"))
    return_reason = models.TextField(_("reason for return"), blank=True)
    commission_date = models.DateField(_("budget commission decision date"), null=True, blank=True)
    commission_number = models.CharField(_("budget commission decision number"), max_length=50, blank=True)
    approved_amount = models.DecimalField(_("approved amount, thousand tenge"), null=True, blank=True, **MONEY)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # §27: the akimat's resolution follows the maslikhat's budget decision within 14 calendar days.
    budget_approved_on = models.DateField(_("local budget approved by the maslikhat"), null=True, blank=True)
    resolution_due = models.DateField(_("akimat resolution due (§27)"), null=True, blank=True)
    resolution_date = models.DateField(_("akimat resolution date"), null=True, blank=True)
    resolution_number = models.CharField(_("akimat resolution number"), max_length=50, blank=True)

    REACH = Reach(region="application__region", roles=STAFF_ROLES)

    class Meta:
        verbose_name = _("budget request")
        verbose_name_plural = _("budget requests")
        constraints = [
            models.CheckConstraint(name="budget_request_amount_positive", condition=models.Q(amount__gt=0)),
            models.CheckConstraint(
                name="budget_request_approved_not_negative",
                condition=models.Q(approved_amount__isnull=True) | models.Q(approved_amount__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.programme_code}/{self.subprogramme_code} · {self.year}"

    @property
    def resolution_days_late(self) -> int:
        """§27: calendar days the act came after its 14-day term (0 when on time or not yet adopted)."""
        if self.resolution_date is None or self.resolution_due is None:
            return 0
        return max((self.resolution_date - self.resolution_due).days, 0)


class FinancingPlan(models.Model):
    """Individual financing plan: obligations and payments by year and month (§17)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved, awaiting publication")
        PUBLISHED = "published", _("Published")

    application = models.OneToOneField(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="financing_plan"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # §17: published on the portal within 3 working days of approval.
    publish_due = models.DateField(_("publication due (§17)"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    REACH = PROJECT_REACH

    class Meta:
        verbose_name = _("individual financing plan")
        verbose_name_plural = _("individual financing plans")

    def __str__(self) -> str:
        return str(self.application)


class FinancingPlanLine(models.Model):
    plan = models.ForeignKey(FinancingPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="lines")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    obligations = models.DecimalField(_("obligations, thousand tenge"), **MONEY)
    payments = models.DecimalField(_("payments, thousand tenge"), **MONEY)

    REACH = Reach(region="plan__application__region", owner="plan__application__applicant", roles=PROJECT_ROLES)

    class Meta:
        ordering = ["year", "month"]
        verbose_name = _("financing plan line")
        verbose_name_plural = _("financing plan lines")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "month"], name="financing_plan_line_once"),
            models.CheckConstraint(name="financing_plan_month_valid", condition=models.Q(month__gte=1, month__lte=12)),
            models.CheckConstraint(
                name="financing_plan_sums_not_negative", condition=models.Q(obligations__gte=0, payments__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.month:02d}.{self.year}"


class SupportTerm(models.Model):
    """§7: the support term, up to 36 months from its start, extendable by agreement."""

    application = models.OneToOneField(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="support_term"
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    # The end after all extensions; equal to ends_on until the first extension.
    current_end = models.DateField(_("current end"))
    ended_on = models.DateField(_("term closed on"), null=True, blank=True)

    REACH = PROJECT_REACH

    class Meta:
        verbose_name = _("support term")
        verbose_name_plural = _("support terms")
        constraints = [
            models.CheckConstraint(
                name="support_term_ends_after_start", condition=models.Q(ends_on__gt=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="support_term_current_end_not_earlier", condition=models.Q(current_end__gte=models.F("ends_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.starts_on} – {self.current_end}"


class TermExtension(models.Model):
    term = models.ForeignKey(SupportTerm, verbose_name=_("term"), on_delete=models.CASCADE, related_name="extensions")
    new_end = models.DateField(_("new end"))
    agreement = models.CharField(_("agreement with the local executive body"), max_length=200)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"))

    REACH = Reach(region="term__application__region", owner="term__application__applicant", roles=PROJECT_ROLES)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("term extension")
        verbose_name_plural = _("term extensions")

    def __str__(self) -> str:
        return f"{self.term} → {self.new_end:%d.%m.%Y}"
