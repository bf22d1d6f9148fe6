"""The coordinator's review transitions (§19, §20), each around ``application_move``."""
from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import (
    Application,
    EligibilityResult,
    Outcome,
    Recommendation,
    Refusal,
    RefusalCategory,
    ReviewAcceptance,
    Status,
)
from applications.workflow import application_move
from registry.audit import audit_record
from registry.deadlines import deadline_meet
from registry.models import Deadline, User
from registry.notifications import notification_send


def _require(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    return value


def application_refuse(
    *, application: Application, category: str, reason: str, by: User, at: datetime
) -> Refusal:
    """§20: a reasoned refusal; the applicant is told the reasons in their language."""
    if category not in RefusalCategory.values:
        raise ValidationError({"category": _("Choose the reason category.")}, code="required")
    reason = _require(reason, "reason")
    with transaction.atomic():
        application_move(
            application=application, allowed_from=[Status.SUBMITTED], to=Status.REFUSED, by=by,
            action="refuse", rule="§20", reason=f"{RefusalCategory(category).label}: {reason}", at=at,
        )
        refusal = Refusal.objects.create(application=application, category=category, reason=reason, by=by, at=at)
        # §19: the five working days are met by a refusal (or, later, by a place on an agenda).
        deadline_meet(obj=application, kind=Deadline.Kind.REVIEW, at=at)
        notification_send(
            recipient=application.applicant, kind="review_refused",
            context={"application": application, "refusal": refusal},
            url=reverse("applications:detail", args=[application.pk]),
        )
    return refusal


def application_recommend(
    *, application: Application, text: str, conditions: str = "", by: User, at: datetime
) -> Recommendation:
    """§19(1–2): the project checked against the rules, the coordinator's recommendation for the ӨҮК.

    The §19 deadline is not met yet: that happens when a session takes it on its agenda.
    """
    text = _require(text, "text")
    with transaction.atomic():
        application_move(
            application=application, allowed_from=[Status.SUBMITTED], to=Status.RECOMMENDED, by=by,
            action="recommend", rule="§19", reason=text, at=at,
        )
        return Recommendation.objects.create(
            application=application, text=text, conditions=(conditions or "").strip(), by=by, at=at
        )


def eligibility_decide(
    *, result: EligibilityResult, confirmed: bool, comment: str, by: User, at: datetime
) -> EligibilityResult:
    """§9(3), §13, §9(4): the coordinator confirms or rejects a check the registry left open."""
    if result.outcome != Outcome.COORDINATOR:
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
        audit_record(
            actor=by, obj=application, action=f"eligibility {result.code} {decision}",
            reason=f"{result.message} {comment}".strip(), rule=result.rule, at=at,
        )
    return result


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


def review_accept(
    *, application: Application, document: bytes, cms: bytes, by: User, at: datetime
) -> ReviewAcceptance:
    """Appendix item 9: the acceptance notice signed with the coordinator's own ЭЦҚ."""
    from applications.signing import SignatureError, get_verifier

    if application.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be accepted for review."), code="wrong_state")
    if ReviewAcceptance.objects.filter(application=application).exists():
        raise ValidationError(_("The application has already been accepted for review."), code="duplicate")
    if document != acceptance_notice_text(application=application, by=by, at=at):
        raise ValidationError(_("The signed notice is not the current one: please sign again."), code="stale")
    try:
        # Appendix item 9: the same verifier as the applicant's; the key must be the coordinator's own.
        signature = get_verifier().verify(document=document, cms=cms, expected_iin=by.iin, at=at)
    except SignatureError as error:
        raise ValidationError(str(error), code=error.code) from error
    try:
        with transaction.atomic():
            acceptance = ReviewAcceptance.objects.create(
                application=application, document=document, document_sha256=hashlib.sha256(document).hexdigest(),
                cms=cms, by=by, accepted_at=at, **_signer_fields(signature, at),
            )
            audit_record(actor=by, obj=application, action="accept for review", rule="Appendix 9", at=at,
                         reason=acceptance.signer_name)
            notification_send(recipient=application.applicant, kind="review_accepted",
                              context={"application": application},
                              url=reverse("applications:detail", args=[application.pk]))
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
