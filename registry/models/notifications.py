from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach


class Notification(models.Model):
    """An in-app message, written in the recipient's language, and its e-mail copy."""

    class Email(models.TextChoices):
        NONE = "none", _("No e-mail")
        PENDING = "pending", _("E-mail pending")
        SENT = "sent", _("E-mail sent")
        FAILED = "failed", _("E-mail failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    # What happened, as plain values (registry.snapshots): the text is rendered from
    # ``kind`` and ``data`` in the reader's language when shown. ``subject`` and
    # ``body`` keep the words as first written, for rows whose kind has no template.
    data = models.JSONField(_("data"), default=dict, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email = models.CharField(_("e-mail"), max_length=8, choices=Email.choices, default=Email.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    REACH = Reach(personal="recipient")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["email", "created_at"], name="notification_email_idx"),
        ]

    def __str__(self) -> str:
        return self.subject

    @cached_property
    def text(self) -> tuple[str, str]:
        """(subject, body) in the active language, from the kind and its data."""
        from registry.notification_text import notification_text

        return notification_text(self)

    @property
    def link(self) -> str:
        """The link under the reader's language prefix (it was stored in the sender's)."""
        from registry.i18n import url_in_language

        return url_in_language(self.url, get_language()) if self.url.startswith("/") else self.url
