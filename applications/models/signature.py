"""The applicant's ЭЦҚ over the canonical document, and the registry number counters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import Region
from registry.reach import Reach

from .application import Application


class ApplicationSignature(models.Model):
    """Appendix item 9: the signature data, date and time, as the server verified them."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="signature"
    )
    document = models.BinaryField(_("signed document"))
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64)
    cms = models.BinaryField(_("CMS signature"))
    signer_iin = models.CharField(_("signer's IIN"), max_length=12)
    signer_bin = models.CharField(_("signer's BIN"), max_length=12, blank=True)
    subject = models.CharField(_("certificate subject"), max_length=500)
    serial_number = models.CharField(_("certificate serial number"), max_length=100)
    issuer = models.CharField(_("certificate issuer"), max_length=500)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    signing_time = models.DateTimeField(_("signing time"), null=True, blank=True)
    certificate_pem = models.TextField(_("certificate"))
    verified_at = models.DateTimeField(_("verified"))

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        verbose_name = _("application signature")
        verbose_name_plural = _("application signatures")

    def __str__(self) -> str:
        return f"{self.application} {self.signer_iin}"


class RegistryCounter(models.Model):
    """The last registry number given in a region and year; locked to keep the sequence gapless."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    REACH = Reach(region="region", roles=frozenset({"central"}))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="registry_counter_once")]

    def __str__(self) -> str:
        return f"{self.region.code}-{self.year}: {self.last}"


class UsedSignInNonce(models.Model):
    """A sign-in nonce that has been presented once: the unique key refuses a second use.

    The nonce itself lives in the browser's server-side session with its issue time;
    this row is what makes it one-time even if a session were copied.
    """

    nonce = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField()

    REACH = Reach(roles=frozenset())

    def __str__(self) -> str:
        return self.nonce


class MobileSigning(models.Model):
    """One eGov mobile QR-signing session: a document offered to the phone, once, until ``expires_at``.

    The portal shows its link as a QR code (``mobileSign:<link>``) or as the eGov mobile /
    eGov Business deep link; the phone reads the description and the document at that link
    and puts the signed CMS back. The browser that started it follows its state.
    """

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("sign-in")
        APPLICATION = "application", _("application")
        DOCUMENT = "document", _("document")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting for the phone")
        SIGNED = "signed", _("signed")
        REFUSED = "refused", _("refused")
        USED = "used", _("used")

    token = models.CharField(max_length=64, unique=True)
    auth_token = models.CharField(max_length=64)
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    document = models.BinaryField()
    expected_iin = models.CharField(max_length=12, blank=True)
    expected_bin = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    refusal = models.CharField(max_length=40, blank=True)
    cms = models.BinaryField(null=True, blank=True)
    # What the verified certificate said (sign-in: who signs), kept until the browser takes it.
    signer = models.JSONField(default=dict, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    # Purpose DOCUMENT: which registered kind of document (applications.signing.signables), of which
    # object, started by whom (only they may take the signature), and what the page's form said.
    kind = models.CharField(max_length=40, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)

    REACH = Reach(roles=frozenset())

    def __str__(self) -> str:
        return f"{self.purpose} {self.token[:8]} {self.state}"
