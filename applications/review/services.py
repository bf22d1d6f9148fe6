"""The coordinator's review transitions (§19, §20), each around ``application_move``."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.models import (
    Application,
    EligibilityResult,
    Recommendation,
    Refusal,
    RefusalCategory,
    ReviewAcceptance,
    Status,
)
from applications.permissions import may_review
from applications.workflow import application_move
from registry.audit import audit_record
from registry.deadlines import deadline_meet
from registry.models import Deadline, User
from registry.notifications import notification_send
from registry.permissions import require


def _require(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    return value


# Rev. 2 §20 (Appendix consent 4): the refusal is possible at any stage of the review.
REFUSABLE = (Status.SUBMITTED, Status.RECOMMENDED, Status.ON_AGENDA)

# Sent while the refusal's transaction is open; councils takes the item off its session's agenda
# (applications does not import councils: dependencies point one way). A receiver may refuse with a
# ValidationError (e.g. the council is voting on the item right now), which rolls the refusal back.
application_refused = Signal()


def refusal_grounds(application: Application, ids) -> list[dict]:
    """The findings the coordinator takes as grounds, as stored data (rule, code, outcome, data)."""
    wanted = {int(i) for i in ids or []}
    grounds = [r for r in application.eligibility.all() if r.pk in wanted]
    if len(grounds) != len(wanted) or not all(r.is_ground or r.is_open for r in grounds):
        raise ValidationError({"grounds": _("Choose grounds among the findings of this application.")}, code="grounds")
    return [
        {"rule": r.rule, "code": r.code, "outcome": r.outcome, "data": r.data, "message": r.message} for r in grounds
    ]


def refusal_notice_text(
    *, application: Application, category: str, reason: str, grounds: list[dict], by: User, at: datetime
) -> bytes:
    """§20: the reasoned refusal the coordinator signs (stable text, so the signature verifies)."""
    lines = [
        "REASONED REFUSAL / БАС ТАРТУ ТУРАЛЫ УӘЖДІ ЖАУАП / МОТИВИРОВАННЫЙ ОТКАЗ",
        f"application={application.number}",
        f"applicant={application.applicant_identifier}",
        f"region={application.region_id}",
        f"stage={application.status}",
        f"category={category}",
        *(f"ground={g['rule']} {g['code']}" for g in grounds),
        f"reason={reason.strip()}",
        f"coordinator_iin={by.iin}",
        f"date={timezone.localdate(at).isoformat()}",
    ]
    return "\n".join(lines).encode()


def application_refuse(
    *,
    application: Application,
    category: str,
    reason: str,
    grounds: list[int] | None = None,
    document: bytes,
    cms: bytes,
    by: User,
    at: datetime,
) -> Refusal:
    """§20: the coordinator's reasoned refusal, signed with their ЭЦҚ, at any stage of the review.

    The applicant receives the reasoned notice (PDF) in their language; from the agenda the item leaves it.
    """
    from applications.signing import verify_own

    require(may_review(by, application))
    if category not in RefusalCategory.values:
        raise ValidationError({"category": _("Choose the reason category.")}, code="required")
    reason = _require(reason, "reason")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in REFUSABLE:
            raise ValidationError(
                _("The application is %(status)s; this step is not possible now."),
                code="wrong_state",
                params={"status": locked.get_status_display()},
            )
        stage = locked.status
        stored = refusal_grounds(locked, grounds)
        expected = refusal_notice_text(
            application=locked, category=category, reason=reason, grounds=stored, by=by, at=at
        )
        if document != expected:
            raise ValidationError(_("The signed notice is not the current one: please sign again."), code="stale")
        _der, signature = verify_own(document=document, cms=cms, by=by, at=at)
        application_move(
            application=application,
            allowed_from=REFUSABLE,
            to=Status.REFUSED,
            by=by,
            action="refuse",
            rule="§20",
            reason=f"{RefusalCategory(category).label}: {reason}",
            at=at,
        )
        refusal = Refusal.objects.create(
            application=application,
            category=category,
            reason=reason,
            stage=stage,
            grounds=stored,
            document=document,
            document_sha256=hashlib.sha256(document).hexdigest(),
            cms=cms,
            signer_iin=signature.signer_iin,
            signer_name=signature.subject[:300],
            certificate_serial=str(signature.serial_number)[:80],
            by=by,
            at=at,
        )
        application_refused.send(sender=Refusal, refusal=refusal, stage=stage, by=by, at=at)
        # §19: the five working days are met by a refusal (or, later, by a place on an agenda).
        deadline_meet(obj=application, kind=Deadline.Kind.REVIEW, at=at)
        notification_send(
            recipient=application.applicant,
            kind="review_refused",
            context={"application": application, "refusal": refusal},
            url=reverse("applications:detail", args=[application.pk]),
        )
        refusal_notice_request(refusal=refusal, by=by)
    return refusal


def recommend_blockers(application: Application) -> list[str]:
    """What stands between the review and a recommendation (§19, Appendix item 9): said on the page."""
    blockers = []
    if not ReviewAcceptance.objects.filter(application=application).exists():
        blockers.append(_("Sign the acceptance notice first (Appendix item 9)."))
    lines = list(application.eligibility.all())
    open_lines = [line for line in lines if line.is_open]
    if open_lines:
        blockers.append(
            ngettext(
                "%(n)d eligibility finding or check is still open: decide it first.",
                "%(n)d eligibility findings or checks are still open: decide them first.",
                len(open_lines),
            )
            % {"n": len(open_lines)}
        )
    if any(line.is_ground and not line.is_open for line in lines):
        blockers.append(
            _(
                "A finding is confirmed: the project does not meet the rules; refuse with reasons "
                "(§20) or set the finding aside."
            )
        )
    return blockers


def application_recommend(
    *, application: Application, text: str, conditions: str = "", by: User, at: datetime
) -> Recommendation:
    """§19(1–2): the project checked against the rules, the coordinator's recommendation for the ӨҮК.

    Only after the acceptance notice (Appendix item 9) and with no finding left open.
    The §19 deadline is not met yet: that happens when a session takes it on its agenda.
    """
    require(may_review(by, application))
    text = _require(text, "text")
    with transaction.atomic():
        Application.objects.select_for_update().get(pk=application.pk)
        blockers = recommend_blockers(application)
        if blockers:
            raise ValidationError(blockers, code="not_ready")
        application_move(
            application=application,
            allowed_from=[Status.SUBMITTED],
            to=Status.RECOMMENDED,
            by=by,
            action="recommend",
            rule="§19",
            reason=text,
            at=at,
        )
        return Recommendation.objects.create(
            application=application, text=text, conditions=(conditions or "").strip(), by=by, at=at
        )


def eligibility_decide(
    *, result: EligibilityResult, confirmed: bool, comment: str, by: User, at: datetime
) -> EligibilityResult:
    """§5, §7, §9, §13: the coordinator settles a finding or a check the registry left open.

    ``confirmed`` says the line's statement holds: a finding confirmed grounds a §20 refusal, a
    finding not confirmed is set aside (with a comment); a priority claim confirmed makes the
    priority confirmed (§5), not confirmed drops it.
    """
    require(may_review(by, result.application))
    if not result.needs_decision:
        raise ValidationError(_("This check does not need the coordinator."), code="not_open")
    comment = (comment or "").strip()
    if not confirmed:
        comment = _require(comment, "comment")  # a rejected check must say why
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=result.application_id)
        if application.status != Status.SUBMITTED:
            raise ValidationError(_("The review of this application is over."), code="wrong_state")
        decision = EligibilityResult.Decision.CONFIRMED if confirmed else EligibilityResult.Decision.REJECTED
        result.decision, result.decision_note, result.decided_by, result.decided_at = decision, comment, by, at
        result.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
        if result.code == "priority_claim":
            _settle_priority(application, confirmed=confirmed)
        audit_record(
            actor=by,
            obj=application,
            action=f"eligibility {result.code} {decision}",
            reason=f"{result.message} {comment}".strip(),
            rule=result.rule,
            at=at,
        )
    return result


def _settle_priority(application: Application, *, confirmed: bool) -> None:
    """§5: a confirmed claim keeps the project first in the queue; a claim not confirmed loses the priority
    (unless the registry already knows a cooperative)."""
    application.priority_confirmed = confirmed or application.priority_confirmed
    application.priority = application.priority_confirmed
    application.save(update_fields=["priority", "priority_confirmed", "updated_at"])


def acceptance_notice_text(*, application: Application, by: User, at: datetime) -> bytes:
    """Appendix item 9: the notice the coordinator signs (stable text, so the signature verifies)."""
    lines = [
        "ACCEPTANCE NOTICE / ҚАБЫЛДАУ ТУРАЛЫ ХАБАРЛАМА / УВЕДОМЛЕНИЕ О ПРИНЯТИИ",
        f"application={application.number}",
        f"applicant={application.applicant_identifier}",
        f"region={application.region_id}",
        f"received_on={application.received_on}",
        f"coordinator_iin={by.iin}",
        f"date={timezone.localdate(at).isoformat()}",
    ]
    return "\n".join(lines).encode()


def refusal_notice_request(*, refusal: Refusal, by: User):
    """§20: the reasoned notice as PDF in the applicant's language."""
    from applications.documents import REFUSAL_NOTICE
    from registry.documents import document_request

    language = refusal.application.applicant.language or "kk"
    return document_request(kind=REFUSAL_NOTICE, obj=refusal.application, language=language, requested_by=by)


def review_accept(*, application: Application, document: bytes, cms: bytes, by: User, at: datetime) -> ReviewAcceptance:
    """Appendix item 9: the acceptance notice signed with the coordinator's own ЭЦҚ."""
    from applications.signing import verify_own

    require(may_review(by, application))
    if application.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be accepted for review."), code="wrong_state")
    if ReviewAcceptance.objects.filter(application=application).exists():
        raise ValidationError(_("The application has already been accepted for review."), code="duplicate")
    if document != acceptance_notice_text(application=application, by=by, at=at):
        raise ValidationError(_("The signed notice is not the current one: please sign again."), code="stale")
    # Appendix item 9: the same verifier as the applicant's; the key must be the coordinator's own.
    _der, signature = verify_own(document=document, cms=cms, by=by, at=at)
    try:
        with transaction.atomic():
            acceptance = ReviewAcceptance.objects.create(
                application=application,
                document=document,
                document_sha256=hashlib.sha256(document).hexdigest(),
                cms=cms,
                by=by,
                accepted_at=at,
                **_signer_fields(signature, at),
            )
            audit_record(
                actor=by,
                obj=application,
                action="accept for review",
                rule="Appendix 9",
                at=at,
                reason=acceptance.signer_name,
            )
            notification_send(
                recipient=application.applicant,
                kind="review_accepted",
                context={"application": application},
                url=reverse("applications:detail", args=[application.pk]),
            )
    except IntegrityError:  # a concurrent acceptance won the race
        raise ValidationError(_("The application has already been accepted for review."), code="duplicate") from None
    return acceptance


def _signer_fields(signature, at: datetime) -> dict:
    """The verifier's result (h3b's VerifiedSignature) as stored on the acceptance."""
    return {
        "signer_iin": signature.signer_iin,
        "signer_name": signature.subject[:300],
        "certificate_serial": str(signature.serial_number)[:80],
        "certificate_issuer": signature.issuer[:300],
        "signed_at": signature.signing_time or at,
    }
