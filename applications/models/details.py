"""The Appendix form's answers, kept beside the core :class:`Application` row."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import EconomySector, InfrastructureCategory, TaxRegime
from registry.reach import Reach

from .application import Application

# §7: support is given for up to 36 months.
TERM_MONTHS_MAX = 36
# §7: a common-use object is built only if at least three businesses use it.
COMMON_USE_MIN_USERS = 3

# Appendix item 2, in its wording: the request the applicant makes and signs.
REVIEW_REQUEST = _(
    "I request that the materials submitted for participation in the competitive selection "
    "for the provision of infrastructure be reviewed."
)


class Section(models.TextChoices):
    """The task list's sections, in the Appendix's order."""

    APPLICANT = "applicant", _("Applicant")
    BANK = "bank", _("Bank account")
    PROJECT = "project", _("Project")
    EFFECT = "effect", _("Expected economic effect")
    DOCUMENTS = "documents", _("Documents")
    CONSENTS = "consents", _("Undertakings and consents")


class SectionState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")


class ApplicantKind(models.TextChoices):
    LEGAL = "legal", _("Legal entity")
    INDIVIDUAL = "individual", _("Individual entrepreneur")


# Appendix item 3: the applicant's fields, in the Appendix's order (the section's form and its summary).
APPLICANT_FIELDS = (
    "kind",
    "name",
    "bin",
    "head_full_name",
    "head_iin",
    "full_name",
    "iin",
    "id_number",
    "id_issuer",
    "id_issued_on",
    "address",
    "phone",
    "notice_place",
    "notice_on",
)


def _money(label):
    return models.DecimalField(
        label, max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


class ApplicationDetails(models.Model):
    """Every field of the Appendix that the core row does not carry."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="details"
    )
    sections = models.JSONField(_("section states"), default=dict, blank=True)

    # Appendix item 3: the applicant.
    kind = models.CharField(_("applicant is"), max_length=12, choices=ApplicantKind.choices, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    bin = models.CharField(_("BIN (БСН)"), max_length=12, blank=True)
    head_full_name = models.CharField(_("head's full name"), max_length=300, blank=True)
    head_iin = models.CharField(_("head's IIN (ЖСН)"), max_length=12, blank=True)
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    iin = models.CharField(_("IIN (ЖСН)"), max_length=12, blank=True)
    id_number = models.CharField(_("identity document number"), max_length=30, blank=True)
    id_issuer = models.CharField(_("identity document issued by"), max_length=200, blank=True)
    id_issued_on = models.DateField(_("identity document issued on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone (fax)"), max_length=40, blank=True)
    notice_place = models.CharField(_("notice of start of activity: place"), max_length=300, blank=True)
    notice_on = models.DateField(_("notice of start of activity: date"), null=True, blank=True)

    # Appendix item 4: "ағымдағы шотының бар-жоғы" — whether there is a current account in a second-tier bank;
    # without one the bank's details are not asked (the applicant can still apply).
    has_bank_account = models.BooleanField(_("has a current account in a second-tier bank"), null=True, blank=True)
    bank_name = models.CharField(_("bank name"), max_length=200, blank=True)
    bic = models.CharField(_("BIC (БСК)"), max_length=11, blank=True)
    iban = models.CharField(_("IBAN (ЖСК)"), max_length=20, blank=True)
    bank_bin = models.CharField(_("bank's BIN (БСН)"), max_length=12, blank=True)
    kbe = models.CharField(_("beneficiary code (Кбе)"), max_length=2, blank=True)

    # Appendix item 5: the project (name, type, costs and ЭҚЖЖ are on Application).
    description = models.TextField(_("short description"), blank=True)
    place = models.CharField(_("place of implementation"), max_length=300, blank=True)
    in_centre = models.BooleanField(_("the project is in the regional centre (or the city itself)"), default=False)
    profile_direction = models.CharField(_("profile direction of activity"), max_length=300, blank=True)
    category = models.ForeignKey(
        InfrastructureCategory,
        verbose_name=_("infrastructure category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    justification = models.TextField(_("justification of the need for infrastructure"), blank=True)
    tax_regime = models.ForeignKey(
        TaxRegime, verbose_name=_("tax regime"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sector = models.ForeignKey(
        EconomySector,
        verbose_name=_("economy sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employees = _count(_("number of hired employees"))
    term_months = models.PositiveSmallIntegerField(
        _("requested support term, months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(TERM_MONTHS_MAX)],
    )
    aul_amanaty = models.BooleanField(_("“Ауыл аманаты” programme"), default=False)
    babo = models.BooleanField(_("“One village – one product” (БАБӨ)"), default=False)
    cooperative = models.BooleanField(_("agricultural cooperative"), default=False)
    # §2(3) (rev. 2): criteria 1, 2 and 4 (no hazard, packaging, not perishable) must hold; criterion 3,
    # regional specificity, applies "where possible" (мүмкіндігінше) and never blocks.
    babo_local_raw = models.BooleanField(_("made from local raw materials"), default=False)
    babo_simple_tools = models.BooleanField(_("made with simple tools and devices"), default=False)
    babo_regional = models.BooleanField(
        _("reflects the region's specificity (the product's history), where possible"), default=False
    )
    babo_no_hazard = models.BooleanField(_("contains no hazardous or harmful substances"), default=False)
    babo_packaging = models.BooleanField(_("has packaging for safe transport"), default=False)
    babo_not_perishable = models.BooleanField(_("is not perishable (shelf life over 5 calendar days)"), default=False)

    # Appendix item 6: the expected economic effect (fact this year, forecast years 1–3).
    jobs_0, jobs_1, jobs_2, jobs_3 = (_count(_("jobs created")) for _i in range(4))
    tax_0, tax_1, tax_2, tax_3 = (_money(_("tax revenue")) for _i in range(4))
    output_0, output_1, output_2, output_3 = (_money(_("output volume")) for _i in range(4))
    other_0, other_1, other_2, other_3 = (
        models.CharField(_("other effects"), max_length=300, blank=True) for _i in range(4)
    )

    # §18.2: a ТЭН is not needed when the state investment-project rules do not require one.
    ten_exempt = models.BooleanField(_("the project does not require a ТЭН"), default=False)
    ten_exempt_reason = models.TextField(_("why no ТЭН is required"), blank=True)

    # Appendix item 2: the request to review the materials (ticked in the consents section, signed with the rest).
    request_review = models.BooleanField(_("request to review the materials (Appendix item 2)"), default=False)
    # §9: the applicant's declarations.
    decl_no_debt = models.BooleanField(default=False)
    decl_no_bankruptcy = models.BooleanField(default=False)
    decl_not_affiliated = models.BooleanField(default=False)
    decl_not_excluded = models.BooleanField(default=False)
    # Appendix item 8: undertakings and consents.
    undertake_disclose = models.BooleanField(default=False)
    undertake_report_changes = models.BooleanField(default=False)
    consent_checks = models.BooleanField(default=False)
    consent_no_verification = models.BooleanField(default=False)
    consent_purpose = models.BooleanField(default=False)
    consent_rejection = models.BooleanField(default=False)
    consent_sharing = models.BooleanField(default=False)
    consent_no_obligation = models.BooleanField(default=False)
    acknowledge_conditions = models.BooleanField(default=False)
    confirm_reliability = models.BooleanField(default=False)

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        verbose_name = _("application form")
        verbose_name_plural = _("application forms")
        constraints = [
            models.CheckConstraint(
                name="details_term_1_to_36",
                condition=models.Q(term_months__isnull=True)
                | models.Q(term_months__gte=1, term_months__lte=TERM_MONTHS_MAX),
            ),
        ]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def identifier(self) -> str:
        """БСН for a legal entity, ЖСН for an individual entrepreneur."""
        return self.bin if self.kind == ApplicantKind.LEGAL else self.iin

    @property
    def signer_iin(self) -> str:
        return self.head_iin if self.kind == ApplicantKind.LEGAL else self.iin

    @property
    def priority(self) -> bool:
        # §5: Ауыл аманаты, БАБӨ and cooperatives' projects are reviewed first.
        return self.aul_amanaty or self.babo or self.cooperative

    def state_of(self, section: str) -> str:
        return self.sections.get(section, SectionState.NOT_STARTED)


class PlannedUser(models.Model):
    """§7: a business that will use a common-use object (at least three)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="planned_users"
    )
    identifier = models.CharField(_("BIN / IIN"), max_length=12)
    name = models.CharField(_("name"), max_length=300)

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        ordering = ["id"]
        verbose_name = _("planned user of the object")
        verbose_name_plural = _("planned users of the object")
        constraints = [
            models.UniqueConstraint(fields=["application", "identifier"], name="planned_user_once"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"
