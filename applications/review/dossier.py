"""The audit dossier: the application and its history as PDFs, attachments and signatures, in one zip."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application
from applications.review import selectors
from registry.documents import (
    DocumentKind,
    document_request,
    documents_for,
    register_document_kind,
)
from registry.models import GeneratedDocument, User

DOSSIER_KINDS = ("application_dossier", "application_history")
# The roles of the dossier page (views.dossier_page): the copies hold the coordinator's ЖСН and
# the whole review, which the applicant, the planning bodies and the ӨҮК do not read from here.
DOSSIER_READERS = frozenset({"coordinator", "budget_admin"})


def _dossier_context(application: Application, params: dict, language: str) -> dict:
    return {
        "application": application,
        "records": selectors.review_records(application),
        "appendix": selectors.appendix(application),
        "eligibility": application.eligibility.select_related("decided_by"),
    }


def _history_context(application: Application, params: dict, language: str) -> dict:
    return {"application": application, "events": selectors.application_history(application)}


def register_kinds() -> None:
    register_document_kind(
        DocumentKind(
            code="application_dossier",
            template="applications/review/pdf/dossier.html",
            context=_dossier_context,
            title=gettext_lazy("Application (dossier copy)"),
            readers=DOSSIER_READERS,
        )
    )
    register_document_kind(
        DocumentKind(
            code="application_history",
            template="applications/review/pdf/history.html",
            context=_history_context,
            title=gettext_lazy("Application history"),
            readers=DOSSIER_READERS,
        )
    )


def dossier_documents(application: Application, *, language: str) -> list[GeneratedDocument]:
    """The current dossier PDFs in this language, in DOSSIER_KINDS order (empty until prepared)."""
    found = {d.kind: d for d in documents_for(application).filter(kind__in=DOSSIER_KINDS, language=language)}
    return [found[k] for k in DOSSIER_KINDS if k in found]


def dossier_prepare(*, application: Application, language: str, by: User) -> list[GeneratedDocument]:
    """Queue both PDFs (fresh: the history grows, so an old copy would mislead an auditor)."""
    return [
        document_request(kind=kind, obj=application, language=language, requested_by=by, fresh=True)
        for kind in DOSSIER_KINDS
    ]


def _signature_files(application: Application) -> list[tuple[str, bytes]]:
    """Appendix item 9: the applicant's signature and the coordinator's acceptance notice, with a summary."""
    summary = [_("Signatures of application %(number)s") % {"number": application.number}, ""]
    files: list[tuple[str, bytes]] = []
    signed: list[tuple[str, str, Any, Callable[[Any], tuple]]] = [
        (
            "application",
            _("Applicant's signature"),
            selectors.appendix(application).signature,
            lambda s: (s.subject, s.signer_iin, s.serial_number, s.issuer, s.signing_time or s.verified_at),
        ),
        (
            "acceptance-notice",
            _("Acceptance notice (Appendix item 9)"),
            selectors.review_records(application).acceptance,
            lambda s: (s.signer_name, s.signer_iin, s.certificate_serial, s.certificate_issuer, s.signed_at),
        ),
    ]
    for name, title, record, fields in signed:
        if record is None:
            continue
        who, iin, serial, issuer, when = fields(record)
        files += [(f"signatures/{name}.signed", bytes(record.document)), (f"signatures/{name}.cms", bytes(record.cms))]
        summary += [
            title,
            f"  {_('Signer')}: {who} ({iin})",
            f"  {_('Certificate')}: {serial} {issuer}",
            f"  {_('Signed')}: {timezone.localtime(when):%Y-%m-%d %H:%M}",
            f"  SHA-256: {record.document_sha256}",
            "",
        ]
    if not files:
        summary.append(_("No signature is recorded."))
    files.append(("signatures/summary.txt", "\n".join(summary).encode()))
    return files


def _attachment_files(application: Application) -> Iterator[tuple[str, FieldFile]]:
    """The applicant's PDFs (Appendix item 7), as stored privately."""
    for attachment in application.attachments.all():
        # The uploader's file name is shown, never trusted as a path.
        name = attachment.original_name.replace("/", "_").replace("\\", "_")
        yield f"attachments/{attachment.get_kind_display()} - {name}", attachment.file


def _message_files(application: Application) -> Iterator[tuple[str, bytes | FieldFile]]:
    """The coordinator–applicant thread: one text file, then each message's PDF, in order."""
    thread = list(application.messages.select_related("author").order_by("sent_at", "id"))
    lines = [_("Messages on application %(number)s") % {"number": application.number}, ""]
    for n, message in enumerate(thread, start=1):
        lines += [
            f"{n}. {timezone.localtime(message.sent_at):%Y-%m-%d %H:%M} · {message.author.full_name} · "
            f"{message.get_kind_display()}",
            message.body,
        ]
        if message.attachment:
            lines.append(f"   PDF: {message.attachment_name} (SHA-256 {message.attachment_sha256})")
        lines.append("")
    if not thread:
        lines.append(_("No messages yet."))
    yield "messages/thread.txt", "\n".join(lines).encode()
    for n, message in enumerate(thread, start=1):
        if message.attachment:
            yield f"messages/{n:03d} - {message.attachment_name}", message.attachment


class _Sink:
    """A write-only stream the zip writes into and the response drains chunk by chunk."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def drain(self) -> Iterator[bytes]:
        chunks, self.chunks = self.chunks, []
        yield from chunks


def _zip_stream(application: Application, documents: list[GeneratedDocument]) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            with document.file.open("rb") as handle:
                archive.writestr(f"{document.kind}-{document.language}.pdf", handle.read())
            yield from sink.drain()
        for name, field_file in _attachment_files(application):
            with field_file.open("rb") as handle:
                archive.writestr(name, handle.read())
            yield from sink.drain()
        for name, content in _message_files(application):
            if isinstance(content, bytes):
                archive.writestr(name, content)
            else:
                with content.open("rb") as handle:
                    archive.writestr(name, handle.read())
            yield from sink.drain()
        for name, data in _signature_files(application):
            archive.writestr(name, data)
        yield from sink.drain()
    yield from sink.drain()


def dossier_response(*, application: Application, documents: list[GeneratedDocument]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_zip_stream(application, documents), content_type="application/zip")
    filename = f"dossier-{application.number or application.pk}.zip".replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
