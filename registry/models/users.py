from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .localized import LocalizedName, pick


class Region(LocalizedName, models.Model):
    """An oblast or a city of republican significance (KATO 2-digit code)."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Region (oblast)")
        CITY = "city", _("City of republican significance")

    code = models.CharField(_("KATO code"), max_length=2, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    centre_kk = models.CharField(_("regional centre (Kazakh)"), max_length=120)
    centre_ru = models.CharField(_("regional centre (Russian)"), max_length=120)
    # Appendix item 5: "profile direction" is asked only for projects in a
    # regional centre or in Astana, Almaty, Shymkent or Semey.
    centre_is_profile_city = models.BooleanField(
        _("centre is Astana, Almaty, Shymkent or Semey"), default=False
    )

    REACH = Reach(region="pk")

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @property
    def centre(self) -> str:
        return pick(self.centre_kk, self.centre_ru)


class Role(models.TextChoices):
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    COORDINATOR = "coordinator", _("Regional coordinator")
    COUNCIL_MEMBER = "council_member", _("Council (ӨҮК) member")
    BUDGET_ADMIN = "budget_admin", _("Budget programme administrator")
    PLANNING = "planning", _("Local state-planning body")
    CENTRAL = "central", _("Authorized / central planning body")
    # §28, §30: the region's authorized body records monitoring and accepts §30 reports.
    REGIONAL_BODY = "regional_body", _("Regional authorized body")


# Roles whose reach is one region; the central body reads the whole country.
REGIONAL_ROLES = frozenset(
    {Role.COORDINATOR, Role.COUNCIL_MEMBER, Role.BUDGET_ADMIN, Role.PLANNING, Role.REGIONAL_BODY}
)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ENTREPRENEUR)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="users",
    )
    # §2(9): a budget programme administrator's user belongs to its organisation.
    administrator = models.ForeignKey(
        "registry.BudgetAdministrator", verbose_name=_("budget programme administrator"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="users",
    )
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    # The person's own ЖСН: an ЭЦҚ certificate's subject serial number must match it.
    iin = models.CharField(_("IIN (ЖСН)"), max_length=12, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("language"), max_length=2, default="kk",
        choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="regional_role_has_region",
                condition=~models.Q(role__in=sorted(REGIONAL_ROLES)) | models.Q(region__isnull=False),
                violation_error_message=_("This role works within one region: choose the region."),
            ),
        ]

    def clean(self):
        super().clean()
        if self.role in REGIONAL_ROLES and self.region_id is None:
            raise ValidationError({"region": _("This role works within one region: choose the region.")})

    @property
    def full_name(self) -> str:
        parts = [self.last_name, self.first_name, self.patronymic]
        return " ".join(p for p in parts if p) or self.username

    @property
    def is_national(self) -> bool:
        return self.role == Role.CENTRAL

    def __str__(self) -> str:
        return self.full_name


class PersonalAccount(models.Model):
    """Жеке шот (§2): the records that identify an entrepreneur in the registry."""

    class Kind(models.TextChoices):
        LEGAL_ENTITY = "legal", _("Legal entity")
        INDIVIDUAL = "individual", _("Individual entrepreneur")

    # БСН for a legal entity, ЖСН for an individual entrepreneur.
    identifier = models.CharField(_("BIN / IIN"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    owner = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="accounts"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    REACH = Reach(region="region", owner="owner")

    class Meta:
        verbose_name = _("personal account")
        verbose_name_plural = _("personal accounts")

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"
