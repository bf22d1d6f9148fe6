"""Budget requests (§26), the akimat's resolution (§27), the individual financing plan (§2(8), §17), support term (§7)."""

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from registry.models import BudgetAdministrator, BudgetProgramme
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


class BudgetResolution(models.Model):
    """§27: the local executive body's resolution implementing the maslikhat's budget decision.

    One act a year per budget, not one per project: the region's budget (``administrator`` empty) or a
    district's (city of regional significance) budget, the district being its administrator's (there is
    no district model yet). By the Kazakh text the district's act is the district akimat's resolution
    (қаулы) too; an akim's decision (шешім) is the act of a city of district significance, village,
    settlement or rural district, which have no budgets here. Adopted within 14 calendar days of the
    maslikhat's approval of the budget.
    """

    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="budget_resolutions"
    )
    administrator = models.ForeignKey(
        BudgetAdministrator,
        verbose_name=_("district budget (its administrator)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_resolutions",
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    budget_approved_on = models.DateField(_("local budget approved by the maslikhat"))
    # §27: 14 calendar days after the maslikhat's approval.
    due_on = models.DateField(_("resolution due"))
    adopted_on = models.DateField(_("resolution date"), null=True, blank=True)
    number = models.CharField(_("resolution number"), max_length=50, blank=True)

    REACH = Reach(region="region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["region_id", "year", "administrator_id"]
        verbose_name = _("akimat's resolution on the local budget")
        verbose_name_plural = _("akimat's resolutions on the local budget")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=models.Q(administrator__isnull=True),
                name="budget_resolution_regional_once",
            ),
            models.UniqueConstraint(fields=["administrator", "year"], name="budget_resolution_district_once"),
        ]

    def __str__(self) -> str:
        return f"{self.act_name} · {self.year}"

    @property
    def act_name(self) -> str:
        """The act's name as the text gives it: the region's or the district's akimat's resolution."""
        if self.administrator_id is None:
            return str(_("resolution of the regional akimat"))
        return str(_("resolution of the district akimat"))

    @property
    def days_late(self) -> int:
        """§27: calendar days the act came after its 14-day term (0 when on time or not yet adopted)."""
        if self.adopted_on is None:
            return 0
        return max((self.adopted_on - self.due_on).days, 0)


class BudgetRequest(models.Model):
    """§26: an administrator's budget request for one budget programme and planning year, covering the
    approved projects it includes (an amount for each, its lines)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Under review by the planning body")
        RETURNED = "returned", _("Returned unreviewed")
        CONCLUDED = "concluded", _("Conclusion sent to the budget commission")
        DECIDED = "decided", _("Budget commission decided")

    administrator = models.ForeignKey(
        BudgetAdministrator,
        verbose_name=_("budget programme administrator"),
        on_delete=models.PROTECT,
        related_name="budget_requests",
    )
    programme = models.ForeignKey(
        BudgetProgramme, verbose_name=_("budget programme"), on_delete=models.PROTECT, related_name="budget_requests"
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"))
    return_reason = models.TextField(_("reason for return"), blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion to the budget commission"), blank=True)
    concluded_at = models.DateTimeField(_("conclusion sent"), null=True, blank=True)
    commission_date = models.DateField(_("budget commission decision date"), null=True, blank=True)
    commission_number = models.CharField(_("budget commission decision number"), max_length=50, blank=True)
    decided_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)
    # §27: the act implementing the budget these projects are financed from (set when it is recorded).
    resolution = models.ForeignKey(
        BudgetResolution,
        verbose_name=_("akimat's resolution on the local budget"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )

    REACH = Reach(region="administrator__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["year", "administrator_id", "programme__code", "id"]
        verbose_name = _("budget request")
        verbose_name_plural = _("budget requests")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="budget_request_once_a_year")]

    def __str__(self) -> str:
        return f"{self.programme.code} · {self.year}"

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal(0))

    @property
    def approved_amount(self) -> Decimal | None:
        approved = [line.approved_amount for line in self.lines.all() if line.approved_amount is not None]
        return sum(approved, Decimal(0)) if approved else None


class BudgetRequestLine(models.Model):
    """One project in a budget request, with the amount asked and the amount the commission approved."""

    request = models.ForeignKey(
        BudgetRequest, verbose_name=_("budget request"), on_delete=models.CASCADE, related_name="lines"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    subprogramme_code = models.CharField(_("budget sub-programme code"), max_length=10, blank=True)
    amount = models.DecimalField(_("amount, thousand tenge"), **MONEY)
    approved_amount = models.DecimalField(_("approved amount, thousand tenge"), null=True, blank=True, **MONEY)

    REACH = Reach(region="request__administrator__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["request_id", "application__number", "id"]
        verbose_name = _("budget request line")
        verbose_name_plural = _("budget request lines")
        constraints = [
            models.UniqueConstraint(fields=["request", "application"], name="budget_request_line_once"),
            models.CheckConstraint(name="budget_request_amount_positive", condition=models.Q(amount__gt=0)),
            models.CheckConstraint(
                name="budget_request_approved_not_negative",
                condition=models.Q(approved_amount__isnull=True) | models.Q(approved_amount__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.application}"


class FinancingPlan(models.Model):
    """§2(8), §17: the administrator's individual financing plan for a year: its plan of obligations and
    plan of payments by functional and economic classification, month by month, with the projects it funds."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved, awaiting publication")
        PUBLISHED = "published", _("Published")

    administrator = models.ForeignKey(
        BudgetAdministrator,
        verbose_name=_("budget programme administrator"),
        on_delete=models.PROTECT,
        related_name="financing_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    projects = models.ManyToManyField(
        Application, verbose_name=_("projects"), related_name="financing_plans", blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # §17: published on the portal within 3 working days of approval.
    publish_due = models.DateField(_("publication due"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    REACH = Reach(region="administrator__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["year", "administrator_id"]
        verbose_name = _("individual financing plan")
        verbose_name_plural = _("individual financing plans")
        constraints = [models.UniqueConstraint(fields=["administrator", "year"], name="financing_plan_once_a_year")]

    def __str__(self) -> str:
        return f"{self.administrator} · {self.year}"


class FinancingPlanLine(models.Model):
    """One month of the plan for a classification (programme, sub-programme, specifics) and a project."""

    plan = models.ForeignKey(FinancingPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="lines")
    programme = models.ForeignKey(
        BudgetProgramme, verbose_name=_("budget programme"), on_delete=models.PROTECT, related_name="plan_lines"
    )
    subprogramme_code = models.CharField(_("budget sub-programme code"), max_length=10, blank=True)
    # The economic classification of expenditure (specifics), e.g. 431.
    specifics_code = models.CharField(_("specifics (economic classification)"), max_length=10, blank=True)
    application = models.ForeignKey(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="plan_lines"
    )
    month = models.PositiveSmallIntegerField(_("month"))
    obligations = models.DecimalField(_("obligations, thousand tenge"), **MONEY)
    payments = models.DecimalField(_("payments, thousand tenge"), **MONEY)

    REACH = Reach(region="plan__administrator__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["programme__code", "subprogramme_code", "specifics_code", "application_id", "month"]
        verbose_name = _("financing plan line")
        verbose_name_plural = _("financing plan lines")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "programme", "subprogramme_code", "specifics_code", "application", "month"],
                name="financing_plan_line_once",
            ),
            models.CheckConstraint(name="financing_plan_month_valid", condition=models.Q(month__gte=1, month__lte=12)),
            models.CheckConstraint(
                name="financing_plan_sums_not_negative", condition=models.Q(obligations__gte=0, payments__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.subprogramme_code}/{self.specifics_code} · {self.month:02d}"


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
