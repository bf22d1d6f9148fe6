"""§19(3), §22(2) (rev. 2): the ӨҮК examines the full set of documents of each project on its agenda.

Every member of the item's council (and the region's coordinator) opens the application as
submitted, every attachment, the recommendation and the eligibility findings, from the day the
item is on an agenda until a year after the protocol. Each opening is written to the journal.
Members of another council, and anyone else, get 404. The applicant–coordinator message thread
(issue 18) is shown with the documents, read-only, its PDFs downloaded the same way.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from applications.forms.effect import effect_totals
from applications.selectors import answer_summary
from councils import selectors
from councils.models import AgendaItem
from councils.permissions import may_read_item_documents
from registry.audit import audit_record
from registry.files import private_file_response
from registry.reach import get_for_user_or_404

# The window after the protocol in which members keep access (the reading: one year).
ACCESS_AFTER_PROTOCOL = timedelta(days=365)


def dossier_item_or_404(request, pk: int) -> AgendaItem:
    """The item, if the reader is a member of its council or the region's coordinator, within the window."""
    item = get_for_user_or_404(request.user, selectors.items_for(request.user), pk=pk)
    session = item.session
    if not may_read_item_documents(request.user, session):
        raise Http404
    protocol = getattr(session, "protocol", None)
    if protocol is not None and protocol.is_final and timezone.now() > protocol.signed_at + ACCESS_AFTER_PROTOCOL:
        raise Http404
    return item


@login_required
@require_GET
def item_application(request, pk):
    """The application as submitted (all Appendix sections), its documents, recommendation and findings."""
    item = dossier_item_or_404(request, pk)
    application = item.application
    audit_record(
        actor=request.user,
        obj=application,
        action="council_document_open",
        reason="application",
        rule="§22",
        at=timezone.now(),
    )
    details = getattr(application, "details", None)
    return render(
        request,
        "councils/item_application.html",
        {
            "item": item,
            "application": application,
            "details": details,
            "summary": answer_summary(application) if details else [],
            "totals": effect_totals(details) if details else {},
            "council_item": item,
            # Issue 18: the applicant–coordinator thread is among the item's documents, read-only.
            "thread": application.messages.select_related("author").order_by("sent_at", "id"),
        },
    )


@login_required
@require_GET
def item_attachment(request, pk, attachment_pk):
    """One attachment of the item's application, downloaded and journalled."""
    item = dossier_item_or_404(request, pk)
    attachment = get_object_or_404(item.application.attachments.all(), pk=attachment_pk)
    audit_record(
        actor=request.user,
        obj=item.application,
        action="council_document_open",
        reason=f"{attachment.get_kind_display()}: {attachment.original_name} ({attachment.sha256})",
        rule="§22",
        at=timezone.now(),
    )
    return private_file_response(attachment.file, attachment.original_name)


@login_required
@require_GET
def item_message_attachment(request, pk, message_pk):
    """The PDF of one message of the applicant–coordinator thread, downloaded and journalled."""
    item = dossier_item_or_404(request, pk)
    message = get_object_or_404(item.application.messages.exclude(attachment=""), pk=message_pk)
    audit_record(
        actor=request.user,
        obj=item.application,
        action="council_document_open",
        reason=f"{message.get_kind_display()}: {message.attachment_name} ({message.attachment_sha256})",
        rule="§22",
        at=timezone.now(),
    )
    return private_file_response(message.attachment, message.attachment_name)
