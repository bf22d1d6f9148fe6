"""Shelf space for local producers in modern-format retail (§10, §11)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import OkedCode, Region
from registry.reach import Reach

from ..rules import required_local_zone
from .budget import MONEY, STAFF_ROLES


class RetailObject(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    address = models.CharField(_("address"), max_length=300, blank=True)
    trade_area = models.DecimalField(_("total trade area, m²"), max_digits=10, decimal_places=2)
    networks_by_state = models.BooleanField(
        _("engineering networks brought to the boundary by the state"), default=False
    )
    local_zone_area = models.DecimalField(
        _("local producers' zone provided, m²"), max_digits=10, decimal_places=2, default=0
    )

    REACH = Reach(region="region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("retail object")
        verbose_name_plural = _("retail objects")
        constraints = [
            models.CheckConstraint(name="retail_area_positive", condition=models.Q(trade_area__gt=0)),
            models.CheckConstraint(name="retail_zone_not_negative", condition=models.Q(local_zone_area__gte=0)),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def required_zone(self) -> Decimal | None:
        return required_local_zone(trade_area=self.trade_area, networks_by_state=self.networks_by_state)

    @property
    def shortfall(self) -> Decimal:
        required = self.required_zone
        if required is None:
            return Decimal(0)
        return max(Decimal(0), required - self.local_zone_area)


class ShelfPlacement(models.Model):
    class Compliance(models.TextChoices):
        PENDING = "pending", _("Not yet checked")
        COMPLIANT = "compliant", _("Meets quality and safety requirements")
        BREACH = "breach", _("Does not meet quality and safety requirements")

    retail_object = models.ForeignKey(
        RetailObject, verbose_name=_("retail object"), on_delete=models.PROTECT, related_name="placements"
    )
    producer_identifier = models.CharField(_("producer's BIN / IIN"), max_length=12)
    producer_name = models.CharField(_("producer"), max_length=300)
    # §10: a local producer (of the retail object's region) in the region's priority activities.
    # Null on placements recorded before the check; every new placement gives both.
    producer_region = models.ForeignKey(
        Region, verbose_name=_("producer's region"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    producer_oked = models.ForeignKey(
        OkedCode, verbose_name=_("producer's ЭҚЖЖ code"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    area = models.DecimalField(_("area, m²"), max_digits=8, decimal_places=2, null=True, blank=True)
    shelf_metres = models.DecimalField(_("shelf metres"), max_digits=8, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    cost = models.DecimalField(_("cost paid, thousand tenge"), default=0, **MONEY)
    compliance = models.CharField(
        _("quality and safety"), max_length=10, choices=Compliance.choices, default=Compliance.PENDING
    )

    REACH = Reach(region="retail_object__region", roles=STAFF_ROLES)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("shelf placement")
        verbose_name_plural = _("shelf placements")
        constraints = [
            models.CheckConstraint(
                name="placement_ends_after_start", condition=models.Q(ends_on__gt=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="placement_has_space",
                condition=models.Q(area__gt=0) | models.Q(shelf_metres__gt=0),
            ),
            models.CheckConstraint(name="placement_cost_not_negative", condition=models.Q(cost__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.retail_object} · {self.producer_name} · {self.starts_on:%d.%m.%Y} – {self.ends_on:%d.%m.%Y}"
