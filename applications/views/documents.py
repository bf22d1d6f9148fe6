"""Appendix item 7: the documents page, uploads, the ТЭН exemption and reach-checked downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.forms import AttachmentForm, TenExemptionForm
from applications.models import DocumentKind, Status
from applications.pdfcheck import PdfRefused
from applications.selectors import attachment_for_user, documents_state
from applications.services import application_ten_exemption_save, attachment_add
from registry.files import private_file_response
from registry.http import AuthenticatedHttpRequest
from registry.service_calls import call_service

from .drafts import own_draft


def _page(request, application, *, upload_form=None, ten_form=None, status=200):
    attached = {a.kind: a for a in application.attachments.all()}
    rows = []
    for kind in DocumentKind:
        form = upload_form if upload_form is not None and upload_form.data.get("kind") == kind else None
        rows.append((kind, attached.get(kind), form or AttachmentForm(initial={"kind": kind.value}, prefix=None)))
    ten_form = ten_form or TenExemptionForm(
        instance=application.details, application=application, today=timezone.localdate()
    )
    return render(
        request,
        "applications/section_documents.html",
        {
            "application": application,
            "rows": rows,
            "ten_form": ten_form,
            "state": documents_state(application),
            "is_draft": application.status == Status.DRAFT,
        },
        status=status,
    )


@login_required
@require_GET
def documents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, own_draft(request, pk))


@login_required
@require_POST
def attachment_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = own_draft(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                by=request.user,
                at=timezone.now(),
            )
        except (PdfRefused, ValidationError) as error:
            form.add_error("file", getattr(error, "message", None) or error.messages[0])
        else:
            messages.success(request, _("The document is attached."))
            return redirect("applications:documents", pk)
    return _page(request, application, upload_form=form, status=400)


@login_required
@require_POST
def ten_exemption(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = own_draft(request, pk)
    form = TenExemptionForm(
        request.POST, instance=application.details, application=application, today=timezone.localdate()
    )
    if form.is_valid() and call_service(
        request,
        application_ten_exemption_save,
        form=form,
        application=application,
        details_values=form.details_values(),
    ):
        return redirect("applications:documents", pk)
    return _page(request, application, ten_form=form, status=400)


@login_required
@require_GET
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Uploaded files are private: served only within the reader's reach, never inline."""
    attachment = attachment_for_user(request.user, pk)
    return private_file_response(attachment.file, attachment.original_name)
