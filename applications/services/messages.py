"""The thread between the regional coordinator and the applicant (after submission).

A message is a conversation, not an act: it changes no status and does not stop
or move §19's five working days (the review clock); the coordinator's acts stay
the acceptance, the refusal (§20) and the recommendation. Every message is
written to the audit journal and reaches the other side as a notification.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.models import COORDINATOR_KINDS, Application, ApplicationMessage, MessageKind, Status
from applications.pdfcheck import PdfRefused, check_pdf
from registry.audit import audit_record
from registry.models import User
from registry.notifications import notification_send

BODY_MAX = 5000


def _side(application: Application, author: User) -> str:
    """Who writes: the applicant of this application or a coordinator of its region; nobody else."""
    if author.pk == application.applicant_id:
        return "applicant"
    if author.role == "coordinator" and author.region_id == application.region_id:
        return "coordinator"
    raise ValidationError(_("Only the applicant and the region's coordinator write in this thread."))


def _attach(message: ApplicationMessage, upload) -> None:
    # The same checks as the application's documents (content, size, no active content).
    try:
        check_pdf(upload)
    except PdfRefused as refused:
        raise ValidationError({"attachment": refused.message}) from None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    message.attachment_name = (upload.name or "document.pdf").replace("/", "_").replace("\\", "_")[-255:]
    message.attachment_size = upload.size
    message.attachment_sha256 = digest.hexdigest()
    message.attachment.save("document.pdf", upload, save=False)


def message_send(
    *, application: Application, by: User, kind: str, body: str, upload=None, at: datetime
) -> ApplicationMessage:
    """``by`` adds a message to the thread; notify the other side; journal it. No status or due date changes."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the message.")})
    if len(body) > BODY_MAX:
        raise ValidationError(
            {
                "body": ngettext(
                    "The message is longer than %(n)s character.",
                    "The message is longer than %(n)s characters.",
                    BODY_MAX,
                )
                % {"n": BODY_MAX}
            }
        )
    side = _side(application, by)
    allowed = COORDINATOR_KINDS if side == "coordinator" else (MessageKind.ANSWER,)
    if kind not in allowed:
        raise ValidationError({"kind": _("Choose the kind of message from the list.")})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        # §18: the thread opens once the application is signed and sent.
        if locked.status == Status.DRAFT or locked.submitted_at is None:
            raise ValidationError(_("Messages open once the application is submitted."))
        message = ApplicationMessage(application=locked, author=by, kind=kind, body=body, sent_at=at)
        if upload is not None:
            _attach(message, upload)
        message.save()
        note = f"{message.get_kind_display()}: {body}"
        if message.attachment_sha256:
            note += f"\n[PDF {message.attachment_name}, SHA-256 {message.attachment_sha256}]"
        audit_record(actor=by, obj=locked, action="message_sent", reason=note, at=at)
        _notify(locked, message, side)
    return message


def _notify(application: Application, message: ApplicationMessage, side: str) -> None:
    url = reverse("applications:messages", args=[application.pk])
    if side == "coordinator":
        recipients = [application.applicant]
    else:
        recipients = list(User.objects.filter(role="coordinator", region=application.region_id, is_active=True))
    for recipient in recipients:
        notification_send(
            recipient=recipient,
            kind="application_message",
            url=url,
            context={"application": application, "message": message},
        )
