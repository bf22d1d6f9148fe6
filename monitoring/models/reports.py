"""The reports of §30, §31 and §32: one row per region and year carries their clocks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import BudgetAdministrator, Region
from registry.reach import Reach

from .budget import STAFF_ROLES


class RegionYearReport(models.Model):
    """Base: the region and the reporting year."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("reporting year"))

    REACH = Reach(region="region", roles=STAFF_ROLES)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.region} · {self.year}"


class MonitoringReport(RegionYearReport):
    """§30: planned vs actual indicators and funds use for a region's financial year."""

    accepted_at = models.DateTimeField(_("accepted by the administrator"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # §30: the coordinator uploads the signed scan within 2 working days of acceptance.
    scan_due = models.DateField(_("signed scan due (§30)"), null=True, blank=True)
    scan = models.FileField(_("signed scanned PDF"), upload_to="monitoring/s30/", blank=True)
    scan_uploaded_at = models.DateTimeField(_("scan uploaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitoring report (§30)")
        verbose_name_plural = _("monitoring reports (§30)")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="monitoring_report_once")]


class AnnualMonitoring(RegionYearReport):
    """§31: administrators submit before 1 April, the planning body reports to the akimat by 10 April."""

    sent_to_akimat_at = models.DateTimeField(_("sent to the akimat"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual monitoring (§31)")
        verbose_name_plural = _("annual monitoring (§31)")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="annual_monitoring_once")]


class CoordinatorReport(RegionYearReport):
    """§32: the coordinator's report to the central planning body, due 10 February."""

    sent_at = models.DateTimeField(_("sent to the central planning body"), null=True, blank=True)

    class Meta:
        verbose_name = _("coordinator's report (§32)")
        verbose_name_plural = _("coordinator's reports (§32)")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="coordinator_report_once")]


class AdministratorSubmission(models.Model):
    """§31: one administrator's part of the region's annual monitoring, due before 1 April (31 March)."""

    annual = models.ForeignKey(
        AnnualMonitoring,
        verbose_name=_("annual monitoring (§31)"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    administrator = models.ForeignKey(
        BudgetAdministrator,
        verbose_name=_("budget programme administrator"),
        on_delete=models.PROTECT,
        related_name="annual_submissions",
    )
    submitted_at = models.DateTimeField(_("submitted by the administrator"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    REACH = Reach(region="annual__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["annual_id", "administrator__level", "administrator_id"]
        verbose_name = _("administrator's annual monitoring (§31)")
        verbose_name_plural = _("administrators' annual monitoring (§31)")
        constraints = [
            models.UniqueConstraint(fields=["annual", "administrator"], name="administrator_submission_once")
        ]

    def __str__(self) -> str:
        return f"{self.administrator} · {self.annual.year}"
