"""Messages between the regional coordinator and the applicant about a submitted application."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .application import Application


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Question")
    CLARIFICATION = "clarification", _("Request for clarification")
    CORRECTED_PDF = "corrected_pdf", _("Request for a corrected PDF")
    ANSWER = "answer", _("Answer of the applicant")


# What the coordinator asks; the applicant answers.
COORDINATOR_KINDS = (MessageKind.QUESTION, MessageKind.CLARIFICATION, MessageKind.CORRECTED_PDF)


def message_file_path(instance, filename: str) -> str:
    """A generated name: the sender's file name never reaches the file system."""
    return f"applications/{instance.application_id}/messages/{uuid.uuid4().hex}.pdf"


class ApplicationMessage(models.Model):
    """One message of the thread. It changes no status and stops no clock (§19's five working days run on)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"))
    attachment = models.FileField(_("attached PDF"), upload_to=message_file_path, max_length=200, blank=True)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_size = models.PositiveBigIntegerField(_("size, bytes"), null=True, blank=True)
    attachment_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [models.CheckConstraint(name="message_has_text", condition=~models.Q(body=""))]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_kind_display()} · {self.sent_at:%d.%m.%Y %H:%M}"
