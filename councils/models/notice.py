from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .session import COUNCIL_ROLES, AgendaItem


class DecisionNotice(models.Model):
    """§24: after the protocol, the coordinator sends the entrepreneur the notice of the ӨҮК's decision
    and, for a negative decision, the reasoned answer: drafted (prefilled, editable), then signed
    with the coordinator's ЭЦҚ and sent once, in the applicant's language."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Notice of the ӨҮК decision")
        REASONED_ANSWER = "reasoned_answer", _("Reasoned answer")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2)
    text = models.TextField(_("text"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(_("drafted"))
    # Set once, at sending: the signed bytes' hash and the CMS.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    signature = models.TextField(_("signature (CMS)"), blank=True)
    signer_subject = models.CharField(_("certificate subject"), max_length=500, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    # The council's people in the region, and the applicant whose application it answers.
    REACH = Reach(
        region="item__session__council__region",
        owner="item__application__applicant",
        roles=COUNCIL_ROLES | {"entrepreneur"},
    )

    class Meta:
        verbose_name = _("decision notice (§24)")
        verbose_name_plural = _("decision notices (§24)")
        constraints = [
            # §24: each is sent once.
            models.UniqueConstraint(fields=["item", "kind"], name="decision_notice_once"),
            models.CheckConstraint(
                name="decision_notice_sent_is_signed",
                condition=models.Q(sent_at__isnull=True) | (~models.Q(signature="") & ~models.Q(content_hash="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.item.application}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
