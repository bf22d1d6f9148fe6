from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .localized import LocalizedName, pick


class Region(LocalizedName, models.Model):  # noqa: DJ008 -- __str__ comes from LocalizedName
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
    centre_is_profile_city = models.BooleanField(_("centre is Astana, Almaty, Shymkent or Semey"), default=False)

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
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # §2(9): a budget programme administrator's user belongs to its organisation.
    administrator = models.ForeignKey(
        "registry.BudgetAdministrator",
        verbose_name=_("budget programme administrator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    # The person's own ЖСН: an ЭЦҚ certificate's subject serial number must match it.
    iin = models.CharField(_("IIN (ЖСН)"), max_length=12, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        default="kk",
        choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
    )
    # When the person consented to the processing of their personal data (ЭЦҚ sign-up).
    personal_data_consent_at = models.DateTimeField(_("personal data consent"), null=True, blank=True)
    # The last time a verified ЭЦҚ certificate vouched for the ЖСН and the name (ЭЦҚ sign-in).
    certificate_verified_at = models.DateTimeField(_("certificate verified"), null=True, blank=True)

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
    owner = models.ForeignKey(User, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="accounts")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    REACH = Reach(region="region", owner="owner")

    class Meta:
        verbose_name = _("personal account")
        verbose_name_plural = _("personal accounts")

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"


class EntityLink(models.Model):
    """A legal entity (БСН) a person acts for, as their verified ЭЦҚ certificate says.

    Written by the portal at each ЭЦҚ sign-in with a certificate that carries a БСН;
    the cabinet lets the person choose which entity they act for.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="entities")
    bin = models.CharField(_("BIN (БСН)"), max_length=12)
    name = models.CharField(_("organisation"), max_length=300, blank=True)
    # From the certificate's extended key usage: first_head, signer, employee…
    role = models.CharField(_("role in the organisation"), max_length=20, blank=True)
    verified_at = models.DateTimeField(_("last verified"))

    REACH = Reach(personal="user")

    class Meta:
        verbose_name = _("legal entity of a user")
        verbose_name_plural = _("legal entities of users")
        ordering = ["name", "bin"]
        constraints = [models.UniqueConstraint(fields=["user", "bin"], name="entity_link_once")]

    def __str__(self) -> str:
        return f"{self.bin} {self.name}"


class SignedInSession(models.Model):
    """One browser signed in as the user: listed in the cabinet, ended by "sign out everywhere"."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="signed_in")
    session_key = models.CharField(max_length=40, unique=True)
    method = models.CharField(_("sign-in method"), max_length=10, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("signed in"))

    REACH = Reach(personal="user")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
