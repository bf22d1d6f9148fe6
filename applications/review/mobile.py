"""The coordinator's signed documents offered to eGov mobile (issue 13): the acceptance notice
(Appendix item 9) and the reasoned refusal (§20). The same bytes and the same services as NCALayer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applications.permissions import may_review
from applications.review import selectors, services
from applications.review.forms import RefusalForm
from applications.signing.signables import Signable, register


def _application(user, pk):
    # The review pages are the coordinator's (coordinator_only); reach decides the region (404 outside).
    if not may_review(user):
        raise Http404
    return selectors.review_application(user, pk)


def _back(application) -> str:
    return reverse("review:detail", args=[application.pk])


def _acceptance_document(user, application, payload, at) -> bytes:
    return services.acceptance_notice_text(application=application, by=user, at=at)


def _acceptance_complete(user, application, document, cms, payload, at) -> str:
    services.review_accept(application=application, document=document, cms=cms, by=user, at=at)
    return _back(application)


def _refusal_payload(post, user, application) -> dict:
    form = RefusalForm(post, findings=selectors.refusal_findings(application))
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    data = form.cleaned_data
    return {"category": data["category"], "reason": data["reason"], "grounds": list(data["grounds"])}


def _refusal_document(user, application, payload, at) -> bytes:
    # §20: the reasoned notice exactly as the NCALayer page shows it.
    if application.status not in services.REFUSABLE:
        raise ValidationError(
            _("The application is %(status)s; this step is not possible now.")
            % {"status": application.get_status_display()}
        )
    grounds = services.refusal_grounds(application, payload["grounds"])
    return services.refusal_notice_text(
        application=application, category=payload["category"], reason=payload["reason"], grounds=grounds, by=user, at=at
    )


def _refusal_complete(user, application, document, cms, payload, at) -> str:
    services.application_refuse(
        application=application,
        category=payload["category"],
        reason=payload["reason"],
        grounds=payload["grounds"],
        document=document,
        cms=cms,
        by=user,
        at=at,
    )
    return _back(application)


def register_signables() -> None:
    register(
        Signable(
            name="acceptance",
            title=_("Notice of acceptance for review"),
            target=_application,
            document=_acceptance_document,
            complete=_acceptance_complete,
            back=_back,
            done=_("The application is accepted for review; the applicant has been notified."),
        )
    )
    register(
        Signable(
            name="refusal",
            title=_("Reasoned refusal"),
            target=_application,
            payload=_refusal_payload,
            document=_refusal_document,
            complete=_refusal_complete,
            back=_back,
            done=_("The application was refused; the applicant has been notified."),
        )
    )
