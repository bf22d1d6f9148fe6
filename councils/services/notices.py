"""§24: the coordinator's notice of the ӨҮК decision and, for a refusal, the reasoned answer.

The portal prefills the text from the council's records, the coordinator edits it, signs it with
ЭЦҚ and sends it once; the applicant reads it (and its PDF) in their language. Until then the
applicant sees "decision taken, notice being prepared", and the §24 clock (the portal's own
service standard of 3 working days; §24 itself sets no term) reminds the coordinator.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.signing import verify_own
from councils.documents import DECISION_NOTICE
from councils.explain import item_explained
from councils.models import AgendaItem, DecisionNotice, Protocol
from councils.services.common import coordinators_clock, require_coordinator
from registry.audit import audit_record
from registry.deadlines import deadline_meet
from registry.documents import document_request
from registry.models import Deadline, User
from registry.notifications import notification_send

# The portal's service standard for §24 (not a legal term).
NOTICE_WORKING_DAYS = 3


def notices_required(item: AgendaItem) -> list[str]:
    """§24: every decision is notified; a negative one also gets the reasoned answer."""
    if item.decision == AgendaItem.Decision.APPROVED:
        return [DecisionNotice.Kind.NOTICE]
    if item.decision == AgendaItem.Decision.REJECTED:
        return [DecisionNotice.Kind.NOTICE, DecisionNotice.Kind.REASONED_ANSWER]
    return []


def applicant_language(item: AgendaItem) -> str:
    return item.application.applicant.language or settings.LANGUAGE_CODE


def notice_prefill(*, item: AgendaItem, kind: str) -> str:
    """The text the coordinator starts from, in the applicant's language (editable)."""
    application = item.application
    with translation.override(applicant_language(item)):
        head = _('Application %(number)s, project "%(project)s".') % {
            "number": application.number,
            "project": application.project_name,
        }
        decision = _("At its session of %(date)s the regional coordination council (ӨҮК) decided: %(decision)s.") % {
            "date": timezone.localtime(item.session.starts_at).strftime("%d.%m.%Y"),
            "decision": item.get_decision_display().lower(),  # the sentence goes on after the colon
        }
        parts = [head, decision, item_explained(item)]
        if kind == DecisionNotice.Kind.REASONED_ANSWER:
            parts.append(_("Reasons: %(reasons)s") % {"reasons": item.reasons})
    return "\n\n".join(p for p in parts if p)


def notice_clock(*, item: AgendaItem, at: datetime) -> None:
    """At signing of the protocol: the §24 service standard starts for the region's coordinators."""
    coordinators_clock(item, Deadline.Kind.DECISION_NOTICE, "councils:item", days=NOTICE_WORKING_DAYS, at=at)


def _require_sendable(*, item: AgendaItem, kind: str, by: User) -> None:
    require_coordinator(council=item.session.council, user=by)
    protocol = Protocol.objects.filter(session_id=item.session_id).first()  # fresh: never a cached draft
    if protocol is None or not protocol.is_final:
        raise ValidationError(_("§24: the notice follows the signed protocol."), code="not_final")
    if kind not in notices_required(item):
        raise ValidationError(_("§24: a reasoned answer is sent only for a negative decision."), code="wrong_kind")


def notice_prepare(*, item: AgendaItem, kind: str, text: str, by: User, at: datetime) -> DecisionNotice:
    """Save the coordinator's (edited) text; refused once the notice is sent."""
    _require_sendable(item=item, kind=kind, by=by)
    if not text.strip():
        raise ValidationError(_("Write the text of the notice."), code="required")
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("application__applicant").get(pk=item.pk)
        notice = DecisionNotice.objects.select_for_update().filter(item=item, kind=kind).first()
        if notice is not None and notice.is_sent:
            raise ValidationError(_("§24: this notice has already been sent."), code="already_sent")
        if notice is None:
            notice = DecisionNotice(item=item, kind=kind)
        notice.text, notice.language = text.strip(), applicant_language(item)
        notice.drafted_by, notice.drafted_at = by, at
        notice.save()
        audit_record(actor=by, obj=item, action="council_notice_draft", to_state=kind, rule="§24", at=at)
    return notice


def notice_document(notice: DecisionNotice) -> bytes:
    """The bytes the coordinator signs: what the applicant will receive."""
    application = notice.item.application
    return json.dumps(
        {"application": application.number, "kind": notice.kind, "language": notice.language, "text": notice.text},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def notice_send(*, notice: DecisionNotice, cms: bytes | str, by: User, at: datetime) -> DecisionNotice:
    """§24: the coordinator signs the notice with ЭЦҚ and sends it to the applicant, once."""
    item = notice.item
    _require_sendable(item=item, kind=notice.kind, by=by)
    document = notice_document(notice)
    der, signed = verify_own(document=document, cms=cms, by=by, at=at)
    with transaction.atomic():
        locked = (
            DecisionNotice.objects.select_for_update().select_related("item__application__applicant").get(pk=notice.pk)
        )
        if locked.is_sent:
            raise ValidationError(_("§24: this notice has already been sent."), code="already_sent")
        if notice_document(locked) != document:
            raise ValidationError(_("The text changed after you signed: please sign again."), code="changed")
        locked.content_hash = hashlib.sha256(document).hexdigest()
        locked.signature = base64.b64encode(der).decode("ascii")
        locked.signer_subject, locked.sent_by, locked.sent_at = signed.subject[:500], by, at
        locked.save()
        audit_record(actor=by, obj=locked.item, action="council_notice_sent", to_state=locked.kind, rule="§24", at=at)
        _deliver(notice=locked, by=by)
        sent = set(
            DecisionNotice.objects.filter(item=locked.item, sent_at__isnull=False).values_list("kind", flat=True)
        )
        if sent >= set(notices_required(locked.item)):
            deadline_meet(obj=locked.item, kind=Deadline.Kind.DECISION_NOTICE, at=at)
    return locked


def _deliver(*, notice: DecisionNotice, by: User) -> None:
    application = notice.item.application
    document_request(kind=DECISION_NOTICE, obj=notice, language=notice.language, requested_by=by)
    with translation.override(notice.language):
        url = reverse("applications:detail", args=[application.pk])
    notification_send(
        recipient=application.applicant,
        kind="council_notice",
        context={"notice": notice, "application": application, "item": notice.item},
        url=url,
    )
