from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .session import CouncilSession

# The budget administrator receives the protocol with the approved projects (§25).
PROTOCOL_ROLES = frozenset({"coordinator", "council_member", "budget_admin", "central"})


class Protocol(models.Model):
    """The session's protocol (§23): drafted from the records, signed by the chair, then frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Signed and final")

    session = models.OneToOneField(
        CouncilSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="protocol"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    # §23: within 3 working days of the meeting.
    due_on = models.DateField(_("due (§23)"))
    drafted_at = models.DateTimeField(_("drafted"))
    # Frozen at signing: the text that was signed and its SHA-256.
    content = models.JSONField(_("content"), default=dict, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    signature = models.TextField(_("signature (CMS)"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signer_subject = models.CharField(_("certificate subject"), max_length=500, blank=True)

    REACH = Reach(region="session__council__region", roles=PROTOCOL_ROLES)

    class Meta:
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")
        constraints = [
            models.CheckConstraint(
                name="protocol_final_is_signed",
                condition=~models.Q(status="final") | (~models.Q(signature="") & ~models.Q(content_hash="")),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Protocol of session %(session)s") % {"session": self.session})

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Handover(models.Model):
    """§25: approved projects, their documents and the protocol sent to the budget administrator, once."""

    session = models.OneToOneField(CouncilSession, on_delete=models.PROTECT, related_name="handover")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent"))
    due_on = models.DateField(_("due (§25)"))
    applications = models.ManyToManyField("applications.Application", related_name="+")

    REACH = Reach(region="session__council__region", roles=PROTOCOL_ROLES)

    class Meta:
        verbose_name = _("hand-over to the budget administrator")
        verbose_name_plural = _("hand-overs to the budget administrator")

    def __str__(self) -> str:
        return f"{self.session} · {timezone.localtime(self.sent_at):%d.%m.%Y}"
