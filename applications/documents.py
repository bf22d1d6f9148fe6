"""The application's submission receipt (kk and ru) and the §20 reasoned refusal notice, rendered in Celery."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import REVIEW_REQUEST, Application, ApplicationDetails, Status

RECEIPT = "application_receipt"
RECEIPT_LANGUAGES = ("kk", "ru")
REFUSAL_NOTICE = "refusal_notice"


def receipt_context(application: Application, params: dict, language: str) -> dict:
    details = ApplicationDetails.objects.filter(application=application).first()
    return {
        "application": application,
        # Appendix item 2: the receipt restates the request the coordinator received.
        "review_request": REVIEW_REQUEST if details and details.request_review else None,
        "signature": getattr(application, "signature", None),
        "submitted_at": timezone.localtime(application.submitted_at) if application.submitted_at else None,
    }


def refusal_context(application: Application, params: dict, language: str) -> dict:
    """§20: the reasoned refusal: category, the coordinator's reasons, the findings taken as grounds, the stage."""
    from applications.findings import render_ground

    refusal = application.refusal
    return {
        "application": application,
        "refusal": refusal,
        "stage": Status(refusal.stage).label if refusal.stage in Status.values else "",
        "grounds": [render_ground(g) for g in refusal.grounds],
        "refused_at": timezone.localtime(refusal.at),
    }


def register() -> None:
    from registry.documents import DocumentKind, register_document_kind
    from registry.reach import ALL_ROLES

    # The automatic receipt says the application was sent, not accepted: acceptance is the coordinator's
    # signed notice (Appendix item 9).
    register_document_kind(
        DocumentKind(
            code=RECEIPT,
            template="applications/pdf/receipt.html",
            context=receipt_context,
            title=_("Submission receipt"),
        )
    )
    register_document_kind(
        DocumentKind(
            code=REFUSAL_NOTICE,
            template="applications/pdf/refusal_notice.html",
            context=refusal_context,
            title=_("Reasoned refusal (§20)"),
            # addressed to the applicant: whoever reaches the application reads it
            readers=ALL_ROLES,
        )
    )


def refusal_notices_for(application: Application) -> list:
    from registry.documents import documents_for

    return list(documents_for(application, REFUSAL_NOTICE))


def receipt_request(*, application: Application, by) -> list:
    """Both language versions of the receipt (idempotent: asking again returns the same ones)."""
    from registry.documents import documents_request

    return documents_request(kind=RECEIPT, obj=application, languages=RECEIPT_LANGUAGES, requested_by=by)


def receipts_for(application: Application) -> list:
    from registry.documents import documents_for

    return list(documents_for(application, RECEIPT).order_by("language"))
