"""Drafts of the Appendix form: start, save a section, attach a PDF (§18, Appendix)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import (
    Application,
    ApplicationDetails,
    Attachment,
    DocumentKind,
    PlannedUser,
    Section,
    SectionState,
    Status,
)
from applications.pdfcheck import PdfRefused, clean_pdf
from applications.permissions import may_apply
from registry.audit import audit_record
from registry.models import Region, User
from registry.permissions import require
from registry.uploads import upload_rate_check

# Appendix item 3 fields that may be prefilled from the applicant's verified ЭЦҚ certificate.
PREFILL_FIELDS = frozenset({"kind", "bin", "name", "head_iin", "head_full_name", "iin", "full_name"})


def application_create(
    *, applicant: User, region: Region, project_name: str, by: User, at: datetime, prefill: dict | None = None
) -> Application:
    """Open a new draft; an entrepreneur may hold several. ``prefill``: applicant fields from the certificate."""
    require(may_apply(by))
    values = {k: v for k, v in (prefill or {}).items() if k in PREFILL_FIELDS}
    with transaction.atomic():
        application = Application.objects.create(
            region=region,
            applicant=applicant,
            project_name=project_name,
            status=Status.DRAFT,
            applicant_name=values.get("name") or values.get("full_name") or "",
            applicant_identifier=values.get("bin") or values.get("iin") or "",
        )
        ApplicationDetails.objects.create(application=application, **values)
        audit_record(actor=by, obj=application, action="application_create", to_state=Status.DRAFT, rule="§18", at=at)
    return application


def _locked_draft(application: Application, by: User) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.applicant_id != by.pk:
        raise PermissionDenied
    if locked.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed."), code="not_draft")
    return locked


def application_section_save(
    *,
    application: Application,
    section: str,
    application_values: Mapping[str, Any],
    details_values: Mapping[str, Any],
    planned_users: Sequence[tuple[str, str]] = (),
    complete: bool,
    by: User,
    at: datetime,
) -> Application:
    """Store one section's answers (the Application row's and the details' fields, validated by the
    section's form); ``complete`` when saved with "save and continue"."""
    with transaction.atomic():
        locked = _locked_draft(application, by)
        details = ApplicationDetails.objects.select_for_update().get(application=locked)
        for name, value in application_values.items():
            setattr(locked, name, value)
        locked.save()
        for name, value in details_values.items():
            setattr(details, name, value)
        details.sections = {
            **details.sections,
            section: SectionState.COMPLETE if complete else SectionState.IN_PROGRESS,
        }
        details.save()
        if section == Section.PROJECT:
            _replace_planned_users(locked, planned_users)
    return locked


def _replace_planned_users(application: Application, rows: Sequence[tuple[str, str]]) -> None:
    application.planned_users.all().delete()
    PlannedUser.objects.bulk_create(PlannedUser(application=application, identifier=i, name=n) for i, n in rows)


def attachment_add(*, application: Application, kind: str, upload, by: User, at: datetime) -> Attachment:
    """Attach (or replace) one PDF of §18: rebuilt clean by qpdf; the upload's own hash is kept too."""
    if kind not in DocumentKind.values:
        raise PdfRefused("kind", _("Unknown document."))
    upload_rate_check(user=by, at=at)
    clean = clean_pdf(upload)  # the service is the rule's guard, whatever the caller checked
    with transaction.atomic():
        locked = _locked_draft(application, by)
        old = Attachment.objects.filter(application=locked, kind=kind).first()
        if old is not None:
            transaction.on_commit(partial(old.file.storage.delete, cast(str, old.file.name)))
            old.delete()
        attachment = Attachment(
            application=locked,
            kind=kind,
            original_name=(upload.name or "document.pdf")[-255:],
            size=clean.size,
            sha256=clean.sha256,
            original_sha256=clean.original_sha256,
            uploaded_at=at,
            uploaded_by=by,
        )
        attachment.file.save("document.pdf", clean.file, save=False)
        attachment.save()
    return attachment


def application_ten_exemption_save(
    *, application: Application, details_values: Mapping[str, Any], by: User, at: datetime
) -> None:
    """The §18 "ten" exemption's answers on the draft's details (validated by its form)."""
    with transaction.atomic():
        locked = _locked_draft(application, by)
        ApplicationDetails.objects.filter(application=locked).update(**details_values)
