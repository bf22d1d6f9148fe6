import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach


def _verification_code() -> str:
    return secrets.token_urlsafe(12)


class GeneratedDocument(models.Model):
    """A PDF the portal made (receipt, agenda pack, protocol, report) and how to check it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=2)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    params_key = models.CharField(max_length=64)
    current = models.BooleanField(_("current version"), default=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    verification_code = models.CharField(max_length=32, unique=True, default=_verification_code)
    file = models.FileField(_("file"), upload_to="documents/", blank=True)
    # SHA-256 of the PDF file as stored, and of the content it was rendered from.
    sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size, bytes"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    # Reach goes through the document's object: see registry.documents.document_for_user_or_404.
    REACH = Reach(roles=frozenset({"central"}))

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "language", "params_key"],
                condition=models.Q(current=True),
                name="document_current_once",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"], name="document_object_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.kind} ({self.language})"

    @property
    def number(self) -> str:
        """The document's registry number."""
        return f"D-{self.requested_at:%Y}-{self.pk:06d}"

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
