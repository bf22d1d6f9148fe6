"""Infrastructure objects built or reconstructed, their users and load (§6, §7, §29.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from registry.models import InfrastructureObjectType, Region
from registry.reach import Reach

from .budget import STAFF_ROLES

# §7: a common-use object is built only if at least three businesses use it.
COMMON_USE_MIN_USERS = 3


class InfrastructureObject(models.Model):
    class Works(models.TextChoices):
        DESIGNED = "designed", _("Designed")
        UNDER_CONSTRUCTION = "construction", _("Under construction")
        COMMISSIONED = "commissioned", _("Commissioned")
        OPERATING = "operating", _("Operating")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    object_type = models.ForeignKey(
        InfrastructureObjectType, verbose_name=_("object type (§6)"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("location"), max_length=300)
    capacity = models.CharField(_("capacity"), max_length=200, blank=True)
    projects = models.ManyToManyField(
        Application, verbose_name=_("financing projects"), related_name="infrastructure_objects", blank=True
    )
    operator = models.CharField(_("operator"), max_length=300, blank=True)
    works_status = models.CharField(_("works status"), max_length=12, choices=Works.choices, default=Works.DESIGNED)
    commissioned_on = models.DateField(_("commissioning date"), null=True, blank=True)

    REACH = Reach(region="region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("infrastructure object")
        verbose_name_plural = _("infrastructure objects")

    def __str__(self) -> str:
        return self.name


class ObjectUser(models.Model):
    """An entrepreneur using an object, by БСН/ЖСН, over a period."""

    infrastructure_object = models.ForeignKey(
        InfrastructureObject, verbose_name=_("object"), on_delete=models.CASCADE, related_name="users"
    )
    identifier = models.CharField(_("BIN / IIN"), max_length=12)
    name = models.CharField(_("name"), max_length=300)
    used_from = models.DateField(_("uses from"))
    used_until = models.DateField(_("uses until"), null=True, blank=True)

    REACH = Reach(region="infrastructure_object__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["used_from", "id"]
        verbose_name = _("object user")
        verbose_name_plural = _("object users")
        constraints = [
            models.CheckConstraint(
                name="object_user_period_valid",
                condition=models.Q(used_until__isnull=True) | models.Q(used_until__gte=models.F("used_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"


class LoadIndicator(models.Model):
    """§29.1: the object's load in one month."""

    infrastructure_object = models.ForeignKey(
        InfrastructureObject, verbose_name=_("object"), on_delete=models.CASCADE, related_name="load"
    )
    month = models.DateField(_("month"))
    occupancy = models.DecimalField(_("occupancy, %"), max_digits=5, decimal_places=1)
    served = models.PositiveIntegerField(_("entrepreneurs served"))
    volume = models.DecimalField(_("volume processed"), max_digits=14, decimal_places=2, default=0)

    REACH = Reach(region="infrastructure_object__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["month"]
        verbose_name = _("load indicator")
        verbose_name_plural = _("load indicators")
        constraints = [
            models.UniqueConstraint(fields=["infrastructure_object", "month"], name="load_indicator_once_a_month"),
            models.CheckConstraint(
                name="load_occupancy_percent", condition=models.Q(occupancy__gte=0, occupancy__lte=100)
            ),
            models.CheckConstraint(name="load_month_first_day", condition=models.Q(month__day=1)),
        ]

    def __str__(self) -> str:
        return f"{self.infrastructure_object} · {self.month:%m.%Y}"
