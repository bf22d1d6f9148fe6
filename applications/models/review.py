"""The coordinator's review (§19, §20): acceptance notice, refusal, recommendation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .application import Application

# The review's records are seen by those who see the application, except the entrepreneur
# (the refusal reaches them through the notification and the application's own pages).
REVIEW_REACH = Reach(
    region="application__region",
    owner="application__applicant",
    roles=frozenset({"coordinator", "budget_admin", "planning", "central"}),
)


class ReviewAcceptance(models.Model):
    """Appendix item 9: the acceptance notice, signed with the coordinator's ЭЦҚ."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="review_acceptance"
    )
    document = models.BinaryField(_("signed notice"))
    document_sha256 = models.CharField(_("notice SHA-256"), max_length=64)
    cms = models.BinaryField(_("CMS signature"))
    signer_iin = models.CharField(_("signer's IIN (ЖСН)"), max_length=12)
    signer_name = models.CharField(_("signer"), max_length=300)
    certificate_serial = models.CharField(_("certificate serial number"), max_length=80, blank=True)
    certificate_issuer = models.CharField(_("certificate issuer"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed"))
    accepted_at = models.DateTimeField(_("accepted"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")

    REACH = REVIEW_REACH

    class Meta:
        verbose_name = _("acceptance notice")
        verbose_name_plural = _("acceptance notices")

    def __str__(self) -> str:
        return f"{self.application} {self.accepted_at:%Y-%m-%d %H:%M}"


class RefusalCategory(models.TextChoices):
    """§20 and §5/§7/§9/§13: why an application is refused."""

    UNRELIABLE = "unreliable", _("Documents or data are unreliable")
    NON_COMPLIANT = "non_compliant", _("The entrepreneur, materials or objects do not meet the legal requirements")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible under §5, §7, §9 or §13")


class Refusal(models.Model):
    """§20: the coordinator's reasoned refusal, signed with the coordinator's ЭЦҚ.

    Rev. 2 (Appendix consent 4): possible at any stage of the review; the stage is kept.
    """

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="refusal"
    )
    category = models.CharField(_("reason category"), max_length=20, choices=RefusalCategory.choices)
    reason = models.TextField(_("reason"))
    # The status the application stood in when refused (submitted, recommended, on the agenda).
    stage = models.CharField(_("stage of the review"), max_length=16, blank=True)
    # The eligibility findings taken as grounds: rule, code, outcome and data, rendered when read.
    grounds = models.JSONField(_("grounds"), default=list, blank=True)
    document = models.BinaryField(_("signed notice"), default=b"")
    document_sha256 = models.CharField(_("notice SHA-256"), max_length=64, blank=True)
    cms = models.BinaryField(_("CMS signature"), default=b"")
    signer_iin = models.CharField(_("signer's IIN (ЖСН)"), max_length=12, blank=True)
    signer_name = models.CharField(_("signer"), max_length=300, blank=True)
    certificate_serial = models.CharField(_("certificate serial number"), max_length=80, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("refused"))

    REACH = REVIEW_REACH

    class Meta:
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        constraints = [
            # §20: a refusal is always reasoned.
            models.CheckConstraint(name="refusal_has_reason", condition=~models.Q(reason="")),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_category_display()}"


class Recommendation(models.Model):
    """§19(2): the coordinator's recommendation for the ӨҮК."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="recommendation"
    )
    text = models.TextField(_("recommendation"))
    conditions = models.TextField(_("conditions"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("recommended"))

    REACH = REVIEW_REACH

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(name="recommendation_has_text", condition=~models.Q(text="")),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.text[:60]}"
