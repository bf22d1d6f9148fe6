"""Submission (§18, §19, Appendix item 9): verify the ЭЦҚ, number, account, due date, notify."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.canonical import canonical_document
from applications.documents import receipt_request
from applications.eligibility import eligibility_lines, priority_directions
from applications.models import (
    Application,
    ApplicationDetails,
    ApplicationSignature,
    EligibilityResult,
    Outcome,
    RegistryCounter,
    StateDataCheck,
    Status,
)
from applications.selectors import missing_sections
from applications.signing import SignatureError, get_verifier
from applications.statedata import get_state_data
from applications.workflow import application_move
from registry.deadlines import deadline_open, due_in_working_days
from registry.models import Deadline, EntityLink, PersonalAccount, User
from registry.notifications import notifications_send

# §19: the coordinator reviews within five working days of receipt.
REVIEW_WORKING_DAYS = 5


def _verifier():
    return get_verifier()


def next_registry_number(*, region, year: int) -> str:
    """``<KATO>-<year>-<000001>``: gapless per region and year.

    One statement creates the counter row at 1 or adds 1 to it (ON CONFLICT DO UPDATE, so two first
    submissions cannot both create it) and keeps it locked to the end of the transaction, so concurrent
    submissions take numbers one after another; a rolled-back submission rolls its increment back too,
    leaving no gap.
    """
    table = connection.ops.quote_name(RegistryCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (region_id, year, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (region_id, year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [region.pk, year],
        )
        row = cursor.fetchone()
    assert row is not None  # the upsert returns its one row
    return f"{region.code}-{year}-{row[0]:06d}"


def _account_for(details: ApplicationDetails, applicant: User, region) -> PersonalAccount:
    """§2: the personal account (жеке шот) of the БСН/ЖСН, found or created."""
    account, _created = PersonalAccount.objects.get_or_create(
        identifier=details.identifier,
        defaults={
            "kind": details.kind,
            "name": details.name or details.full_name,
            "owner": applicant,
            "region": region,
        },
    )
    # A legal entity's жеке шот is shared by the people its certificates name (EntityLink: ЭЦҚ-verified БСН).
    acts_for = (
        account.kind == PersonalAccount.Kind.LEGAL_ENTITY
        and EntityLink.objects.filter(user=applicant, bin=account.identifier).exists()
    )
    if account.owner_id != applicant.pk and not acts_for:
        raise ValidationError(_("This BIN / IIN belongs to another user's personal account."), code="account")
    return account


def _check_ready(application: Application, *, today, state=None) -> list:
    """Rev. 2 §18–§20: only an incomplete form blocks signing; the pre-check's findings travel with it."""
    missing = missing_sections(application)
    if missing:
        raise ValidationError(_("Complete every section before signing."), code="incomplete")
    # Appendix item 2: the signed application carries the request to review the materials.
    if not application.details.request_review:
        raise ValidationError(
            _("Tick the request to review the materials (Appendix item 2) in “Undertakings and consents”."),
            code="no_request",
        )
    return eligibility_lines(application, today=today, state=state)


def _verify(application: Application, document: bytes, cms: bytes, at: datetime):
    details = application.details
    try:
        return _verifier().verify(
            document=document,
            cms=cms,
            expected_iin=details.signer_iin,
            expected_bin=details.bin if details.kind == "legal" else None,
            at=at,
        )
    except SignatureError as error:
        raise ValidationError(error.message, code=f"signature_{error.code}") from None


def _locked_for_submission(pk: int) -> Application:
    """The draft locked (with its region, as before) and read whole in three queries: what the completeness
    check, the pre-check, the canonical document and the account read, so none of them reads it again."""
    return (
        Application.objects.select_for_update(of=("self", "region"))
        .select_related(
            "region",
            "applicant",
            "oked",
            "infrastructure_type",
            "details__category",
            "details__tax_regime",
            "details__sector",
        )
        .prefetch_related("attachments", "planned_users")
        .get(pk=pk)
    )


def application_submit(*, application: Application, cms: bytes, by: User, at: datetime) -> Application:
    """Sign and submit a draft; a second call (double click, resent POST) returns the same submission."""
    # §9(1)–(2): asked before the transaction (a network call must not hold the row lock).
    state = get_state_data().check(identifier=application.details.identifier, at=at)
    with transaction.atomic():
        locked = _locked_for_submission(application.pk)
        if locked.applicant_id != by.pk:
            raise PermissionDenied
        if locked.status != Status.DRAFT:
            if hasattr(locked, "signature"):
                return locked  # already submitted: idempotent
            raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
        received_on = timezone.localdate(at)
        lines = _check_ready(locked, today=received_on, state=state)
        document = canonical_document(locked)
        verified = _verify(locked, document, cms, at)
        _store_signature(locked, document, cms, verified, at)
        _store_eligibility(locked, lines)
        StateDataCheck.objects.create(
            application=locked,
            tax_debt=state.tax_debt,
            bankruptcy=state.bankruptcy,
            source=state.source,
            reference=state.reference,
            checked_at=state.checked_at,
        )
        details = locked.details
        application_move(
            application=locked,
            allowed_from=[Status.DRAFT],
            to=Status.SUBMITTED,
            by=by,
            action="application_submit",
            rule="§18",
            at=at,
            already_locked=True,
            fields={
                "number": next_registry_number(region=locked.region, year=received_on.year),
                "account": _account_for(details, locked.applicant, locked.region),
                "submitted_at": at,
                "received_on": received_on,
                "review_due": due_in_working_days(received_on, REVIEW_WORKING_DAYS),  # §19
                # §5: priority directions are reviewed first; a cooperative (a legal entity) needs no
                # confirmation, Ауыл аманаты and БАБӨ are claims until the coordinator confirms them.
                "priority": bool(priority_directions(details)),
                "priority_confirmed": "cooperative" in priority_directions(details),
            },
        )
        _open_review(locked, at=at)
        receipt_request(application=locked, by=by)
    return locked


def signature_reverify(*, signature: ApplicationSignature):
    """Verify a stored signature again over its own stored bytes (whatever the canonical format then was)."""
    application = signature.application
    details = application.details
    return _verifier().verify(
        document=bytes(signature.document),
        cms=bytes(signature.cms),
        expected_iin=signature.signer_iin,
        expected_bin=(signature.signer_bin or None) if details.kind == "legal" else None,
        at=signature.signing_time or signature.verified_at,
    )


def _store_signature(application: Application, document: bytes, cms: bytes, verified, at: datetime) -> None:
    ApplicationSignature.objects.create(
        application=application,
        document=document,
        document_sha256=getattr(verified, "document_sha256", "") or hashlib.sha256(document).hexdigest(),
        cms=cms,
        signer_iin=verified.signer_iin,
        signer_bin=verified.signer_bin or "",
        subject=verified.subject[:500],
        serial_number=str(verified.serial_number)[:100],
        issuer=verified.issuer[:500],
        not_before=verified.not_before,
        not_after=verified.not_after,
        signing_time=verified.signing_time,
        certificate_pem=verified.certificate_pem,
        verified_at=at,
    )


def _store_eligibility(application: Application, lines) -> None:
    """Every line reaches the coordinator: findings and open checks wait for the coordinator's decision."""
    EligibilityResult.objects.bulk_create(
        EligibilityResult(
            application=application,
            rule=line.rule,
            code=line.code,
            outcome=line.outcome,
            message=line.message,
            data=line.stored_data(),
            decision=EligibilityResult.Decision.OPEN if line.outcome in (Outcome.COORDINATOR, Outcome.FAIL) else "",
        )
        for line in lines
    )


def _open_review(application: Application, *, at: datetime) -> None:
    """§19: the region's coordinators have five working days; the clock reminds and escalates."""
    assert application.review_due is not None  # set at submission, before the clock starts
    url = reverse("review:detail", args=[application.pk])
    coordinators = list(User.objects.filter(role="coordinator", region=application.region_id, is_active=True))
    deadline_open(
        obj=application,
        kind=Deadline.Kind.REVIEW,
        due_on=application.review_due,
        region=application.region_id,
        responsible=coordinators,
        url=url,
        at=at,
    )
    context = {
        "number": application.number,
        "project": application.project_name,
        "applicant": application.applicant_name,
        "due": application.review_due,
    }
    notifications_send(recipients=coordinators, kind="application_submitted", context=context, url=url)
