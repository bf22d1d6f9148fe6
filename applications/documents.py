"""The application's receipt PDF (kk and ru), rendered by registry.documents in Celery."""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import REVIEW_REQUEST, Application, ApplicationDetails

RECEIPT = "application_receipt"
RECEIPT_LANGUAGES = ("kk", "ru")


def receipt_context(application: Application, params: dict, language: str) -> dict:
    details = ApplicationDetails.objects.filter(application=application).first()
    return {
        "application": application,
        # Appendix item 2: the receipt restates the request the coordinator received.
        "review_request": REVIEW_REQUEST if details and details.request_review else None,
        "signature": getattr(application, "signature", None),
        "submitted_at": timezone.localtime(application.submitted_at) if application.submitted_at else None,
    }


def register() -> None:
    from registry.documents import DocumentKind, register_document_kind

    register_document_kind(DocumentKind(code=RECEIPT, template="applications/pdf/receipt.html",
                                        context=receipt_context, title=_("Receipt of the application")))


def receipt_request(*, application: Application, by) -> list:
    """Both language versions of the receipt (idempotent: asking again returns the same ones)."""
    from registry.documents import document_request

    return [document_request(kind=RECEIPT, obj=application, language=lang, requested_by=by)
            for lang in RECEIPT_LANGUAGES]


def receipts_for(application: Application) -> list:
    from registry.documents import documents_for

    return list(documents_for(application, RECEIPT).order_by("language"))
