"""The council's generated PDFs: the agenda pack (§19.4) and the signed protocol (§23), kk and ru."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from councils.models import CouncilSession, DecisionNotice, Protocol
from registry.documents import DocumentKind, register_document_kind
from registry.reach import ALL_ROLES

AGENDA_PACK = "council_agenda_pack"
PROTOCOL = "council_protocol"
PROTOCOL_PUBLIC = "council_protocol_public"
DECISION_NOTICE = "council_decision_notice"
LANGUAGES = ("kk", "ru")


def agenda_pack_context(session: CouncilSession, params: dict, language: str) -> dict:
    from councils.selectors import APPLICATION_SUMMARY

    items = (
        session.items.select_related(*APPLICATION_SUMMARY)
        .prefetch_related("application__eligibility", "application__attachments")
        .order_by("order")
    )
    # §22(2): each document is listed with its SHA-256 and a link members open on the portal.
    return {"session": session, "council": session.council, "items": items, "base_url": settings.PORTAL_BASE_URL}


def protocol_context(protocol: Protocol, params: dict, language: str) -> dict:
    # The frozen, signed text: the PDF shows what the chair signed, nothing newer.
    return {"protocol": protocol, "session": protocol.session, "content": protocol.content}


def protocol_public_context(protocol: Protocol, params: dict, language: str) -> dict:
    # §23's public copy: the signed text with personal data removed (councils.public), for anyone.
    from councils.public import protocol_public_content

    return {"protocol": protocol, "session": protocol.session, "content": protocol_public_content(protocol)}


def decision_notice_context(notice: DecisionNotice, params: dict, language: str) -> dict:
    # §24: the signed text, exactly as sent.
    item = notice.item
    return {"notice": notice, "item": item, "application": item.application, "council": item.session.council}


def register_kinds() -> None:
    register_document_kind(
        DocumentKind(
            code=AGENDA_PACK,
            template="councils/pdf/agenda_pack.html",
            context=agenda_pack_context,
            title=_("ӨҮК session agenda pack"),
        )
    )
    register_document_kind(
        DocumentKind(
            code=PROTOCOL,
            template="councils/pdf/protocol.html",
            context=protocol_context,
            title=_("Protocol of the ӨҮК session"),
            public_copy=PROTOCOL_PUBLIC,
        )
    )
    register_document_kind(
        DocumentKind(
            code=PROTOCOL_PUBLIC,
            template="councils/pdf/protocol_public.html",
            context=protocol_public_context,
            title=_("Protocol of the ӨҮК session, public copy (personal data removed)"),
            public_copy=PROTOCOL_PUBLIC,
            public_template="councils/_protocol_public.html",
        )
    )
    register_document_kind(
        DocumentKind(
            code=DECISION_NOTICE,
            template="councils/pdf/decision_notice.html",
            context=decision_notice_context,
            title=_("Notice of the ӨҮК decision (§24)"),
            readers=ALL_ROLES,  # addressed to the applicant: whoever reaches the application reads it
        )
    )
