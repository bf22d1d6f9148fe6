"""Local budget programme administrators (§2(9)) and their budget programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .localized import LocalizedName
from .users import Region


class BudgetAdministrator(LocalizedName, models.Model):  # noqa: DJ008 -- __str__ comes from LocalizedName
    """§2(9): a structural unit of the local executive body responsible for its budget programmes.

    Regional (облыстық) or district (ауданның, a city of regional significance too): §31(3) lists the
    projects financed from district budgets, so the level is recorded.
    """

    class Level(models.TextChoices):
        REGIONAL = "regional", _("Regional")
        DISTRICT = "district", _("District (city of regional significance)")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="administrators"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.REGIONAL)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    bin = models.CharField(_("BIN (БСН)"), max_length=12, blank=True)

    REACH = Reach(
        region="region", roles=frozenset({"coordinator", "budget_admin", "planning", "regional_body", "central"})
    )

    class Meta:
        ordering = ["region__code", "level", "name_kk", "id"]
        verbose_name = _("budget programme administrator")
        verbose_name_plural = _("budget programme administrators")


class BudgetProgramme(LocalizedName, models.Model):
    """One of the administrator's budget programmes (its code in the functional classification)."""

    administrator = models.ForeignKey(
        BudgetAdministrator, verbose_name=_("administrator"), on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField(_("budget programme code"), max_length=10)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)

    REACH = Reach(region="administrator__region", roles=BudgetAdministrator.REACH.roles)

    class Meta:
        ordering = ["administrator_id", "code"]
        verbose_name = _("budget programme")
        verbose_name_plural = _("budget programmes")
        constraints = [models.UniqueConstraint(fields=["administrator", "code"], name="budget_programme_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
