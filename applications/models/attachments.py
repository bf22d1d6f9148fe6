"""Appendix item 7: the PDF files attached to an application (§18)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach

from .application import Application


class DocumentKind(models.TextChoices):
    # §18(1)–(3): business plan, ТЭН (unless not required), design and estimate documentation.
    BUSINESS_PLAN = "business_plan", _("Business plan")
    TEN = "ten", _("Feasibility study (ТЭН)")
    DESIGN = "design", _("Design and estimate documentation")


def attachment_path(instance, filename: str) -> str:
    """A generated name: the uploader's file name never reaches the file system."""
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)  # of the stored file, rebuilt clean
    original_sha256 = models.CharField(_("SHA-256 of the uploaded file"), max_length=64, blank=True, default="")
    uploaded_at = models.DateTimeField(_("uploaded"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    REACH = Reach(region="application__region", owner="application__applicant", roles=Application.REACH.roles)

    class Meta:
        ordering = ["application", "kind"]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="attachment_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
