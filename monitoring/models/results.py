"""Counter-obligations and results per project and year, and the use of funds (§13, §29.2–3, §32)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from registry.reach import Reach

from .budget import MONEY, PROJECT_ROLES, STAFF_ROLES

# The counter-obligation indicators compared plan against fact (§5, §22, §32).
OBLIGATIONS = ("jobs_permanent", "jobs_temporary", "tax", "output", "payroll_growth", "other")


class YearResult(models.Model):
    """What a project promised and achieved in one financial year."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REPORTED = "reported", _("Reported by the entrepreneur")
        CONFIRMED = "confirmed", _("Confirmed by the coordinator")

    application = models.ForeignKey(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="year_results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    plan_jobs_permanent = models.PositiveIntegerField(_("permanent jobs, plan"), default=0)
    plan_jobs_temporary = models.PositiveIntegerField(_("temporary jobs, plan"), default=0)
    plan_tax = models.DecimalField(_("tax paid, plan, thousand tenge"), default=0, **MONEY)
    plan_output = models.DecimalField(_("output, plan, thousand tenge"), default=0, **MONEY)
    plan_payroll_growth = models.DecimalField(_("payroll growth, plan, %"), max_digits=7, decimal_places=2, default=0)
    plan_other = models.DecimalField(_("other indicators, plan"), default=0, **MONEY)
    fact_jobs_permanent = models.PositiveIntegerField(_("permanent jobs, fact"), null=True, blank=True)
    fact_jobs_temporary = models.PositiveIntegerField(_("temporary jobs, fact"), null=True, blank=True)
    fact_tax = models.DecimalField(_("tax paid, fact, thousand tenge"), null=True, blank=True, **MONEY)
    fact_output = models.DecimalField(_("output, fact, thousand tenge"), null=True, blank=True, **MONEY)
    fact_payroll_growth = models.DecimalField(
        _("payroll growth, fact, %"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    fact_other = models.DecimalField(_("other indicators, fact"), null=True, blank=True, **MONEY)
    other_note = models.CharField(_("other indicators: what"), max_length=300, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # §13: set on confirmation when the year missed direct results AND counter-obligations.
    s13_marked = models.BooleanField(_("§13 mark: not funded again"), default=False)

    REACH = Reach(region="application__region", owner="application__applicant", roles=PROJECT_ROLES)

    class Meta:
        ordering = ["application_id", "year"]
        verbose_name = _("year's results")
        verbose_name_plural = _("years' results")
        constraints = [models.UniqueConstraint(fields=["application", "year"], name="year_result_once")]

    def __str__(self) -> str:
        return f"{self.application} · {self.year}"


class ResultIndicator(models.Model):
    """A direct or final result indicator of the budget programme (§2, §29.2), plan and fact."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct result")
        FINAL = "final", _("Final result")

    application = models.ForeignKey(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="result_indicators"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    plan = models.DecimalField(_("plan"), max_digits=16, decimal_places=2)
    fact = models.DecimalField(_("fact"), max_digits=16, decimal_places=2, null=True, blank=True)

    REACH = Reach(region="application__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["year", "kind", "id"]
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")

    def __str__(self) -> str:
        return f"{self.application} · {self.year} · {self.name}"


class FundsUse(models.Model):
    """§29.3: allocated, disbursed and unspent funds of a project in a year, with reasons."""

    class Source(models.TextChoices):
        REGIONAL = "regional", _("Regional budget")
        DISTRICT = "district", _("District budget")
        TRANSFER = "transfer", _("Regional targeted transfer")
        CREDIT = "credit", _("Regional budget credit")

    application = models.ForeignKey(
        Application, verbose_name=_("project"), on_delete=models.PROTECT, related_name="funds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.REGIONAL)
    allocated = models.DecimalField(_("allocated, thousand tenge"), **MONEY)
    disbursed = models.DecimalField(_("disbursed, thousand tenge"), **MONEY)
    unspent_reason = models.TextField(_("reason for the unspent sum"), blank=True)

    REACH = Reach(region="application__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("use of funds")
        verbose_name_plural = _("use of funds")
        constraints = [
            models.UniqueConstraint(fields=["application", "year", "source"], name="funds_use_once"),
            models.CheckConstraint(
                name="funds_disbursed_within_allocated",
                condition=models.Q(disbursed__gte=0, disbursed__lte=models.F("allocated")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.year} · {self.get_source_display()}"

    @property
    def unspent(self):
        return self.allocated - self.disbursed
