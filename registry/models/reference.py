"""Reference data an administrator keeps in the Django admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach
from registry.rules import PRIORITY_CODES_MAX, priority_level_allowed, priority_list_fits

from .localized import LocalizedName, pick
from .users import Region


class OkedCode(LocalizedName, models.Model):
    """ЭҚЖЖ (ОКЭД): the economic activity classifier, section to subclass."""

    class Level(models.TextChoices):
        SECTION = "section", _("Section")
        DIVISION = "division", _("Division")
        GROUP = "group", _("Group")
        CLASS = "class", _("Class")
        SUBCLASS = "subclass", _("Subclass")

    code = models.CharField(_("code"), max_length=10, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    section = models.CharField(_("section"), max_length=1, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)

    REACH = Reach()

    class Meta:
        ordering = ["section", "code"]
        verbose_name = _("ЭҚЖЖ code")
        verbose_name_plural = _("ЭҚЖЖ classifier")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def path(self) -> str:
        """Section letter plus code ("A01.11"): a code lies under another when this path starts with the other's."""
        return self.code if self.level == self.Level.SECTION else f"{self.section}{self.code}"

    def covers(self, other: "OkedCode") -> bool:
        """Whether ``other`` lies at or under this code (§5 prefix match at any level)."""
        return other.path.startswith(self.path)


class ReferenceItem(LocalizedName, models.Model):
    """A row of a short reference list: a stable code, a display order, kk and ru names."""

    code = models.SlugField(_("code"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)

    REACH = Reach()

    class Meta:
        abstract = True
        ordering = ["order", "code"]


class InfrastructureCategory(ReferenceItem):  # noqa: DJ008 -- __str__ comes from LocalizedName
    """§6: the five categories of infrastructure the money may build."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("infrastructure category")
        verbose_name_plural = _("infrastructure categories")


class InfrastructureObjectType(ReferenceItem):  # noqa: DJ008 -- __str__ comes from LocalizedName
    """§6: an object type within a category."""

    category = models.ForeignKey(
        InfrastructureCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="object_types"
    )
    # §7: a common-use object is built only if at least three businesses use it.
    common_use = models.BooleanField(_("common-use object"), default=False)

    class Meta(ReferenceItem.Meta):
        ordering = ["category__order", "order", "code"]
        verbose_name = _("infrastructure object type")
        verbose_name_plural = _("infrastructure object types")


class TaxRegime(ReferenceItem):  # noqa: DJ008 -- __str__ comes from LocalizedName
    class Meta(ReferenceItem.Meta):
        verbose_name = _("tax regime")
        verbose_name_plural = _("tax regimes")


class EconomySector(ReferenceItem):  # noqa: DJ008 -- __str__ comes from LocalizedName
    class Meta(ReferenceItem.Meta):
        verbose_name = _("economy sector")
        verbose_name_plural = _("economy sectors")


class PriorityActivity(models.Model):
    """§5: one ЭҚЖЖ code on a region's priority list (at most six per region)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="priority_activities"
    )
    oked = models.ForeignKey(OkedCode, verbose_name=_("ЭҚЖЖ code"), on_delete=models.PROTECT, related_name="+")
    decree = models.CharField(_("decision of the local executive body"), max_length=300, blank=True)
    # §5 (rev. 2): a letter section is not a level the list may take; entries made before the correction are
    # flagged for the administrator (data migration), never silently read as "the whole section".
    section_flagged = models.BooleanField(
        _("flagged: a letter section, choose a division, group, class or sub-class"), default=False
    )

    REACH = Reach(region="region")

    class Meta:
        verbose_name = _("priority activity type")
        verbose_name_plural = _("priority activity types")
        constraints = [models.UniqueConstraint(fields=["region", "oked"], name="priority_activity_once")]

    def __str__(self) -> str:
        return f"{self.region}: {self.oked}"

    def clean(self):
        # §5 (rev. 2): "бөлім" is the 2-digit division; the list takes division, group, class or sub-class codes.
        super().clean()
        if self.oked_id and not priority_level_allowed(self.oked.level):
            raise ValidationError(
                {
                    "oked": _(
                        "§5: the priority list takes ЭҚЖЖ codes of a division (2 digits), group, class or "
                        "sub-class, not a letter section."
                    )
                },
                code="section",
            )
        # §5: at most six codes a region (the admin's region formset counts its own rows).
        if self.region_id is None or getattr(self, "priority_limit_counted_by_formset", False):
            return
        others = PriorityActivity.objects.filter(region_id=self.region_id).exclude(pk=self.pk)
        if not priority_list_fits(codes=others.count() + 1):
            raise ValidationError(
                _("§5: a region's priority list holds at most %(max)d ЭҚЖЖ codes."),
                code="priority_limit",
                params={"max": PRIORITY_CODES_MAX},
            )


class ExcludedActivity(LocalizedName, models.Model):  # noqa: DJ008 -- __str__ comes from LocalizedName
    """§9(4): activity types listed in Entrepreneurial Code art. 24 p. 4."""

    oked_prefix = models.CharField(
        _("ЭҚЖЖ code or prefix"), max_length=10, help_text=_("A section letter or a code; codes under it are excluded.")
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)

    REACH = Reach()

    class Meta:
        ordering = ["oked_prefix"]
        verbose_name = _("excluded activity (Entrepreneurial Code art. 24 p. 4)")
        verbose_name_plural = _("excluded activities (Entrepreneurial Code art. 24 p. 4)")


class CoordinatorContact(models.Model):
    """§15(1): how entrepreneurs reach their region's coordinator; shown on the public page, edited in the admin."""

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="coordinator_contact"
    )
    office_kk = models.CharField(_("office (Kazakh)"), max_length=300)
    office_ru = models.CharField(_("office (Russian)"), max_length=300)
    address_kk = models.CharField(_("address (Kazakh)"), max_length=300, blank=True)
    address_ru = models.CharField(_("address (Russian)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hours_kk = models.CharField(_("reception hours (Kazakh)"), max_length=200, blank=True)
    hours_ru = models.CharField(_("reception hours (Russian)"), max_length=200, blank=True)

    REACH = Reach()

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("coordinator's contacts (§15)")
        verbose_name_plural = _("coordinators' contacts (§15)")

    def __str__(self) -> str:
        return f"{self.region}: {self.office_kk}"

    @property
    def office(self) -> str:
        return pick(self.office_kk, self.office_ru)

    @property
    def address(self) -> str:
        return pick(self.address_kk, self.address_ru)

    @property
    def hours(self) -> str:
        return pick(self.hours_kk, self.hours_ru)
