"""Generated documents: registered kinds, requests, rendering in Celery, reach, verification.

An app registers each kind of PDF it makes from its ``AppConfig.ready()``::

    register_document_kind(DocumentKind(
        code="application_receipt", template="applications/pdf/receipt.html",
        context=receipt_context, title=_("Application receipt")))

``document_request`` records the wish and queues the render after commit;
the Celery task renders the template with WeasyPrint under the requested
language, stores the file privately with its SHA-256, and marks it done.
Every PDF carries its registry number, the SHA-256 of its content and a
verification link (with a QR code) that anyone can open on the portal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from registry.models import GeneratedDocument, User
from registry.pdf import render_pdf
from registry.reach import ALL_ROLES, may_see

logger = logging.getLogger(__name__)
_HASH_PLACEHOLDER = "@@CONTENT-SHA256@@"


@dataclass(frozen=True)
class DocumentKind:
    code: str
    template: str
    context: Callable[[Any, dict, str], dict[str, Any]]  # (the kind's own model instance, params, language)
    title: str | Promise
    # The roles that may read this kind, on top of the documented object's own reach:
    # a dossier copy holds more than its object's page shows to every role that may see it.
    readers: frozenset[str] = ALL_ROLES
    # The kind published in this kind's place (its public copy, personal data removed): the verification
    # page of either shows the copy's text and offers its PDFs to anyone. "" when the kind has none.
    public_copy: str = ""
    # The template of the public copy's text on the verification page (the copy's own kind sets it);
    # it gets ``context(obj, {}, language)``, the very context its PDF is rendered from.
    public_template: str = ""

    @property
    def is_public(self) -> bool:
        """Anyone may download a document of this kind from its verification page."""
        return self.public_copy == self.code


KINDS: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> None:
    KINDS[kind.code] = kind


def document_kind(code: str) -> DocumentKind:
    return KINDS[code]


def _params_key(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()


def document_request(
    *, kind: str, obj: Model, language: str, requested_by: User | None, params: dict | None = None, fresh: bool = False
) -> GeneratedDocument:
    """The current document of this kind for ``obj``, queued for rendering if new.

    Asking again returns the same document (idempotent); ``fresh=True`` makes a
    new version, for when the underlying data changed.
    """
    document_kind(kind)  # an unknown kind fails here, not in the worker
    params = params or {}
    lookup = {
        "kind": kind,
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
        "language": language,
        "params_key": _params_key(params),
    }
    with transaction.atomic():
        existing = GeneratedDocument.objects.select_for_update().filter(current=True, **lookup).first()
        if existing and not fresh and existing.state != GeneratedDocument.State.FAILED:
            return existing
        if existing:
            existing.current = False
            existing.save(update_fields=["current"])
        try:
            with transaction.atomic():
                document = GeneratedDocument.objects.create(params=params, requested_by=requested_by, **lookup)
        except IntegrityError:  # a concurrent request created it first
            return GeneratedDocument.objects.get(current=True, **lookup)
        transaction.on_commit(lambda: _queue(document.pk))
    return document


def documents_request(
    *, kind: str, obj: Model, languages: Sequence[str], requested_by: User | None
) -> list[GeneratedDocument]:
    """:func:`document_request` in each of ``languages``: the current versions read in one statement and the
    missing ones created in one. A failed version, or a concurrent request, takes the one-by-one way."""
    document_kind(kind)
    lookup = {
        "kind": kind,
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
        "params_key": _params_key({}),
    }

    def one_by_one() -> list[GeneratedDocument]:
        return [document_request(kind=kind, obj=obj, language=lang, requested_by=requested_by) for lang in languages]

    # Only for the lock: a failure here ends the caller's transaction (a conflict has its own savepoint below).
    with transaction.atomic(savepoint=False):
        current = GeneratedDocument.objects.select_for_update().filter(current=True, language__in=languages, **lookup)
        existing = {document.language: document for document in current}
        if any(document.state == GeneratedDocument.State.FAILED for document in existing.values()):
            return one_by_one()
        missing = [
            GeneratedDocument(params={}, requested_by=requested_by, language=lang, **lookup)
            for lang in languages
            if lang not in existing
        ]
        if missing:
            try:
                with transaction.atomic():
                    GeneratedDocument.objects.bulk_create(missing)
            except IntegrityError:  # a concurrent request created one of them first
                return one_by_one()
            for document in missing:
                transaction.on_commit(partial(_queue, document.pk))
    existing.update((document.language, document) for document in missing)
    return [existing[lang] for lang in languages]


def _queue(document_id: int) -> None:
    from registry.tasks import render_document

    try:
        render_document.delay(document_id)
    except Exception:  # broker away: the sweeper queues it again
        logger.warning("could not queue document %s", document_id, exc_info=True)


def _set_progress(document: GeneratedDocument, state: str, progress: int) -> None:
    document.state, document.progress = state, progress
    GeneratedDocument.objects.filter(pk=document.pk).update(state=state, progress=progress)


def verification_url(document: GeneratedDocument) -> str:
    path = reverse("registry:document_verify", kwargs={"code": document.verification_code})
    return f"{settings.PORTAL_BASE_URL}{path}"


def _qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3, omitsize=False)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def document_render(*, document_id: int) -> GeneratedDocument | None:
    """Render one document; safe to run twice (a finished one is left alone)."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None or document.state == GeneratedDocument.State.DONE:
        return document
    GeneratedDocument.objects.filter(pk=document.pk).update(attempts=document.attempts + 1)
    _set_progress(document, GeneratedDocument.State.RUNNING, 10)
    kind = document_kind(document.kind)
    obj = document.content_object
    with translation.override(document.language):
        context = kind.context(obj, document.params, document.language)
        _set_progress(document, GeneratedDocument.State.RUNNING, 40)
        url = verification_url(document)
        html = render_to_string(
            kind.template,
            {
                **context,
                "document": document,
                "document_title": kind.title,
                "verification_url": url,
                "verification_qr": _qr_data_uri(url),
                "content_sha256": _HASH_PLACEHOLDER,
                "LANGUAGE_CODE": document.language,
            },
        )
    content_sha256 = hashlib.sha256(html.encode()).hexdigest()
    pdf = render_pdf(html.replace(_HASH_PLACEHOLDER, content_sha256))
    _set_progress(document, GeneratedDocument.State.RUNNING, 90)
    _store(document, pdf, content_sha256)
    return document


def _store(document: GeneratedDocument, pdf: bytes, content_sha256: str) -> None:
    # A fixed name per document: a re-run after a killed worker overwrites, never adds a second file.
    name = f"documents/{document.requested_at:%Y}/{document.verification_code}.pdf"
    storage = document.file.storage
    if storage.exists(name):
        storage.delete(name)
    document.file.name = storage.save(name, ContentFile(pdf))
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.content_sha256 = content_sha256
    document.size = len(pdf)
    document.state = GeneratedDocument.State.DONE
    document.progress = 100
    document.finished_at = timezone.now()
    document.error = ""
    document.save(
        update_fields=["file", "sha256", "content_sha256", "size", "state", "progress", "finished_at", "error"]
    )


def public_copy(document: GeneratedDocument, language: str) -> dict | None:
    """What the verification page shows anyone of ``document``'s public copy, or None when its kind has none:

    the copy's text rendered in ``language`` and the copy's finished PDFs (one per language).
    """
    kind = KINDS.get(document.kind)
    obj = document.content_object
    if kind is None or not kind.public_copy or obj is None:
        return None
    copy = document_kind(kind.public_copy)
    with translation.override(language):
        text = render_to_string(copy.public_template, copy.context(obj, {}, language))
    files = documents_for(obj, copy.code).filter(state=GeneratedDocument.State.DONE).order_by("language")
    return {"text": text, "files": list(files), "title": copy.title}


def public_document_or_404(code: str) -> GeneratedDocument:
    """A finished document anyone may download: only a public copy's kind qualifies."""
    document = GeneratedDocument.objects.filter(verification_code=code, state=GeneratedDocument.State.DONE).first()
    kind = KINDS.get(document.kind) if document else None
    if document is None or kind is None or not kind.is_public:
        raise Http404
    return document


def document_fail(*, document_id: int, error: str) -> None:
    GeneratedDocument.objects.filter(pk=document_id).exclude(state=GeneratedDocument.State.DONE).update(
        state=GeneratedDocument.State.FAILED, error=error[:2000]
    )


def may_read_kind(user: User, code: str) -> bool:
    """Whether the user's role is among the readers its kind declares (an unknown kind: nobody)."""
    kind = KINDS.get(code)
    return kind is not None and (user.is_superuser or user.role in kind.readers)


def document_for_user_or_404(user: User, pk: int) -> GeneratedDocument:
    """A document is within reach when its kind admits the reader's role and its object is within reach.

    The one check for its status and its download alike.
    """
    document = GeneratedDocument.objects.select_related("content_type").filter(pk=pk).first()
    if document is None or not user.is_authenticated or not may_read_kind(user, document.kind):
        raise Http404
    obj = document.content_object
    if obj is None or not (user.is_superuser or may_see(user, obj)):
        raise Http404
    return document


def documents_for(obj: Model, kind: str | None = None):
    qs = GeneratedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), current=True
    )
    return qs.filter(kind=kind) if kind else qs


def documents_sweep(*, now=None, older_than: timedelta = timedelta(minutes=5)) -> int:
    """Queue again documents still waiting after a while (their queuing was lost)."""
    now = now or timezone.now()
    ids = list(
        GeneratedDocument.objects.filter(
            state=GeneratedDocument.State.QUEUED, requested_at__lt=now - older_than, attempts__lt=3
        ).values_list("pk", flat=True)[:200]
    )
    for pk in ids:
        _queue(pk)
    return len(ids)
