"""The protocol (§23), the decisions it carries to the applicants (§24) and the hand-over (§25)."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import Status
from applications.signing import verify_own
from applications.workflow import application_move
from councils.documents import LANGUAGES, PROTOCOL, PROTOCOL_PUBLIC
from councils.models import AgendaItem, CouncilMember, CouncilSession, Handover, Protocol
from councils.rules import QUORUM_RULE, quorum_holds
from councils.services.common import coordinators_clock, presiding_member, require_coordinator, require_presiding
from councils.services.notices import notice_clock
from registry.audit import audit_record
from registry.calendar import add_working_days
from registry.deadlines import deadline_meet
from registry.documents import document_request
from registry.models import Deadline, Role, User
from registry.notifications import notification_send

# The protocol lists the chair, the secretary, then the members.
POSITION_RANK: dict[str, int] = {
    CouncilMember.Position.CHAIR: 0,
    CouncilMember.Position.DEPUTY: 1,
    CouncilMember.Position.SECRETARY: 2,
    CouncilMember.Position.MEMBER: 3,
}
# §25: the hand-over within three working days of the protocol.
HANDOVER_WORKING_DAYS = 3


def _item_content(item: AgendaItem, names: dict[int, str]) -> dict:
    application = item.application
    return {
        "order": item.order,
        "number": application.number or "",
        "applicant": application.applicant_name,
        "identifier": application.applicant_identifier,
        "project": application.project_name,
        "status": item.status,
        "carried_reason": item.carried_reason,
        "recusals": [names[r.member_id] for r in item.recusals.all()],
        # Possible conflicts the portal found, and how each member answered (recused / declared none).
        "conflicts": [
            {
                "name": names[f.member_id],
                "matches": f.matches,
                "declared": f.declared_reason,
                "recused": any(r.member_id == f.member_id for r in item.recusals.all()),
            }
            for f in item.conflict_flags.all()
            if f.member_id in names
        ],
        "votes": [{"name": names[v.member_id], "choice": v.choice} for v in item.votes.all()],
        "rule": item.decision_rule,
        "members": item.members_count,
        "present": item.present_count,
        "recused": item.recused_count,
        "participants": item.participants,
        "for": item.votes_for,
        "against": item.votes_against,
        "abstain": item.votes_abstain,
        "decision": item.decision,
        "reasons": item.reasons,
        "notes": item.notes,
    }


def protocol_content(session: CouncilSession) -> dict:
    """§23: the protocol's facts, taken from the session's records (language-neutral)."""
    attendance = sorted(
        session.attendance.select_related("member__user"),
        key=lambda row: (POSITION_RANK[row.member.position], row.member.user.last_name, row.member.user.first_name),
    )
    names = {row.member_id: row.member.user.full_name for row in attendance}
    present = sum(1 for row in attendance if row.present)
    items = (
        session.items.select_related("application")
        .prefetch_related("recusals", "votes", "conflict_flags")
        .order_by("order")
    )
    return {
        "council_kk": session.council.name_kk,
        "council_ru": session.council.name_ru,
        "number": session.number,
        "starts_at": session.starts_at.isoformat(),
        "place": session.place,
        "online_link": session.online_link,
        "members": [
            {
                "name": row.member.user.full_name,
                "position": row.member.position,
                "business": row.member.business_community,
                "present": row.present,
            }
            for row in attendance
        ],
        "quorum": {
            "members": len(attendance),
            "present": present,
            "rule": QUORUM_RULE,
            "holds": quorum_holds(present=present, members=len(attendance)),
        },
        "items": [_item_content(item, names) for item in items],
        # §23: who presided and signs (the deputy chair when the chair was absent).
        "presiding": _presiding(session),
    }


def _presiding(session: CouncilSession) -> dict:
    acting = presiding_member(session)
    if acting is None:
        return {}
    presiding = {"name": acting.user.full_name, "position": acting.position}
    if session.designated_presider_id == acting.pk and acting.position != CouncilMember.Position.CHAIR:
        # §2(18), §14: a member presided on the chair's designation; the protocol says whose.
        chair = session.designated_by
        presiding["designated_by"] = chair.user.full_name if chair is not None else ""
    return presiding


def protocol_bytes(content: dict) -> bytes:
    """The canonical form that the chair signs and whose hash is kept."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def protocol_check_ready(protocol: Protocol) -> None:
    """§24: every negative decision needs its reasons before the protocol is final."""
    if protocol.is_final:
        raise ValidationError(_("The protocol is already signed."), code="frozen")
    missing = protocol.session.items.filter(decision=AgendaItem.Decision.REJECTED, reasons="")
    if missing.exists():
        numbers = ", ".join(str(i.order) for i in missing)
        raise ValidationError(
            _("§24: write the reasons for the rejected items (%(items)s) first.") % {"items": numbers},
            code="reasons_missing",
        )


def protocol_document(protocol: Protocol) -> bytes:
    """The bytes the chair signs: the protocol as the records stand now."""
    return protocol_bytes(protocol_content(protocol.session))


def protocol_finalise(*, protocol: Protocol, cms: bytes | str, by: User, at: datetime) -> Protocol:
    """§23: the chair (or the deputy chair who presided in the chair's absence) signs the protocol with
    ЭЦҚ; it is frozen and its decisions carried out (§22, §24)."""
    require_presiding(session=protocol.session, user=by)
    protocol_check_ready(protocol)
    document = protocol_document(protocol)
    der, signed = verify_own(document=document, cms=cms, by=by, at=at)
    return protocol_freeze(
        protocol=protocol,
        signed_hash=hashlib.sha256(document).hexdigest(),
        signature=base64.b64encode(der).decode("ascii"),
        signer_subject=signed.subject,
        by=by,
        at=at,
    )


def protocol_freeze(
    *, protocol: Protocol, signed_hash: str, signature: str, signer_subject: str, by: User, at: datetime
) -> Protocol:
    """Freeze the signed text (refused if the records changed since it was signed)."""
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().select_related("session__council").get(pk=protocol.pk)
        protocol_check_ready(protocol)
        content = protocol_content(protocol.session)
        if hashlib.sha256(protocol_bytes(content)).hexdigest() != signed_hash:
            raise ValidationError(_("The records changed after you signed: please sign again."), code="changed")
        protocol.content, protocol.content_hash = content, signed_hash
        protocol.signature, protocol.signer_subject = signature, signer_subject[:500]
        protocol.signed_by, protocol.signed_at, protocol.status = by, at, Protocol.Status.FINAL
        protocol.save()
        audit_record(
            actor=by,
            obj=protocol,
            action="council_protocol_sign",
            from_state="draft",
            to_state="final",
            rule="§23",
            at=at,
        )
        for item in protocol.session.items.filter(status=AgendaItem.Status.CLOSED).select_related(
            "application__applicant"
        ):
            _decision_carry_out(item=item, protocol=protocol, by=by, at=at)
        for language in LANGUAGES:
            document_request(kind=PROTOCOL, obj=protocol, language=language, requested_by=by)
            # The copy anyone may read: personal data removed (councils.public).
            document_request(kind=PROTOCOL_PUBLIC, obj=protocol, language=language, requested_by=by)
        _handover_clock(protocol=protocol, by=by, at=at)
    return protocol


def _handover_clock(*, protocol: Protocol, by: User, at: datetime) -> None:
    """§23 is met at signing; §25's three working days start for the region's coordinators."""
    deadline_meet(obj=protocol, kind=Deadline.Kind.PROTOCOL, at=at)
    coordinators_clock(protocol, Deadline.Kind.HANDOVER, "councils:protocol", days=HANDOVER_WORKING_DAYS, at=at)


def _decision_carry_out(*, item: AgendaItem, protocol: Protocol, by: User, at: datetime) -> None:
    """§22: the application takes the decision; §24's notice is the coordinator's (see services.notices).

    §21 (rev. 2): with no decision adopted the application goes back to the coordinator's
    recommended list (its history kept) so that a later agenda can take it again.
    """
    if item.decision == AgendaItem.Decision.NOT_DECIDED:
        application_move(
            application=item.application,
            allowed_from=[Status.ON_AGENDA],
            to=Status.RECOMMENDED,
            by=by,
            action="council_not_decided",
            rule="§21",
            reason=str(protocol),
            at=at,
        )
        notification_send(
            recipient=item.application.applicant,
            kind="council_not_decided",
            context={"item": item, "application": item.application, "protocol": protocol},
        )
        return
    approved = item.decision == AgendaItem.Decision.APPROVED
    application_move(
        application=item.application,
        allowed_from=[Status.ON_AGENDA],
        to=Status.APPROVED if approved else Status.REJECTED,
        by=by,
        action="council_decide",
        rule="§22" if approved else "§24",
        reason=item.reasons,
        at=at,
    )
    # §24 (rev. 2): the coordinator, not the portal, sends the notice (and the reasoned answer);
    # the applicant sees "decision taken, notice being prepared" until then.
    notice_clock(item=item, at=at)


def handover_send(*, session: CouncilSession, by: User, at: datetime) -> Handover:
    """§25: the approved projects, their documents and the protocol go to the budget administrator, once."""
    require_coordinator(council=session.council, user=by)
    with transaction.atomic():
        session = (
            CouncilSession.objects.select_for_update(of=("self",))
            .select_related("council", "protocol")
            .get(pk=session.pk)
        )
        protocol = getattr(session, "protocol", None)
        if protocol is None or not protocol.is_final:
            raise ValidationError(_("The protocol must be signed first."), code="not_final")
        if Handover.objects.filter(session=session).exists():
            raise ValidationError(_("The projects have already been sent."), code="already_sent")
        items = list(session.items.filter(decision=AgendaItem.Decision.APPROVED).select_related("application"))
        handover = Handover.objects.create(
            session=session,
            sent_by=by,
            sent_at=at,
            due_on=add_working_days(timezone.localdate(protocol.signed_at), HANDOVER_WORKING_DAYS),
        )
        handover.applications.set([item.application for item in items])
        for item in items:
            application_move(
                application=item.application,
                allowed_from=[Status.APPROVED],
                to=Status.SENT_TO_BUDGET,
                by=by,
                action="council_handover",
                rule="§25",
                reason=str(protocol),
                at=at,
            )
        audit_record(actor=by, obj=session, action="council_handover", rule="§25", reason=f"{len(items)}", at=at)
        deadline_meet(obj=protocol, kind=Deadline.Kind.HANDOVER, at=at)
        _notify_budget(session=session, items=items)
    return handover


def _notify_budget(*, session: CouncilSession, items: list[AgendaItem]) -> None:
    for admin in User.objects.filter(role=Role.BUDGET_ADMIN, region=session.council.region_id, is_active=True):
        with translation.override(admin.language or "kk"):
            url = reverse("councils:protocol", args=[session.protocol.pk])
        notification_send(
            recipient=admin,
            kind="council_handover",
            context={"session": session, "items": items, "protocol": session.protocol},
            url=url,
        )
