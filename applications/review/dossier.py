"""The audit dossier: the application and its history as PDFs, attachments and signatures, in one zip."""
from __future__ import annotations

import zipfile
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application
from applications.review import selectors
from registry.documents import DocumentKind, document_request, documents_for, register_document_kind
from registry.models import GeneratedDocument, User

DOSSIER_KINDS = ("application_dossier", "application_history")


def _dossier_context(application: Application, params: dict, language: str) -> dict:
    return {
        "application": application,
        "records": selectors.review_records(application),
        "checks": application.coordinator_checks.select_related("by").order_by("rule"),
    }


def _history_context(application: Application, params: dict, language: str) -> dict:
    return {"application": application, "events": selectors.application_history(application)}


def register_kinds() -> None:
    register_document_kind(DocumentKind(
        code="application_dossier", template="applications/review/pdf/dossier.html",
        context=_dossier_context, title=gettext_lazy("Application (dossier copy)"),
    ))
    register_document_kind(DocumentKind(
        code="application_history", template="applications/review/pdf/history.html",
        context=_history_context, title=gettext_lazy("Application history"),
    ))


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
    acceptance = selectors.review_records(application).acceptance
    files: list[tuple[str, bytes]] = []
    summary = [_("Signatures of application %(number)s") % {"number": application.number}, ""]
    if acceptance is not None:
        files += [("signatures/acceptance-notice.txt", bytes(acceptance.document)),
                  ("signatures/acceptance-notice.cms", bytes(acceptance.cms))]
        summary += [
            _("Acceptance notice (Appendix item 9)"),
            f"  {_('Signer')}: {acceptance.signer_name} ({acceptance.signer_iin})",
            f"  {_('Certificate')}: {acceptance.certificate_serial} {acceptance.certificate_issuer}",
            f"  {_('Signed')}: {timezone.localtime(acceptance.signed_at):%Y-%m-%d %H:%M}",
            f"  SHA-256: {acceptance.document_sha256}",
        ]
    else:
        summary.append(_("No acceptance notice has been signed yet."))
    files.append(("signatures/summary.txt", "\n".join(summary).encode()))
    return files


def _attachment_files(application: Application) -> Iterator[tuple[str, object]]:
    """The applicant's PDFs (Appendix item 7), as stored privately."""
    attachments = getattr(application, "attachments", None)
    if attachments is None:
        return
    for attachment in attachments.all():
        name = getattr(attachment, "original_name", "") or attachment.file.name.rsplit("/", 1)[-1]
        yield f"attachments/{attachment.pk}-{name}", attachment.file


class _Sink:
    """A write-only stream the zip writes into and the response drains chunk by chunk."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
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
