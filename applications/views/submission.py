"""Check your answers, sign with ЭЦҚ, submit; the receipt; withdrawal."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.canonical import canonical_document
from applications.documents import receipts_for
from applications.eligibility import eligibility_lines, findings
from applications.forms import SignForm, WithdrawForm
from applications.forms.consents import DECLARATIONS, UNDERTAKINGS
from applications.forms.effect import effect_totals
from applications.models import Status
from applications.selectors import (
    answer_summary,
    application_for_user,
    application_to_sign,
    missing_sections,
)
from applications.services import application_submit, application_withdraw
from applications.signing import (
    NCALAYER_TEXTS,
    SignatureError,
    demo_sign,
    sign_with_p12,
)
from registry.http import AuthenticatedHttpRequest
from registry.service_calls import call_service, show_refusal

from .drafts import own_draft


def _check_context(request, application, sign_form) -> dict:
    lines = eligibility_lines(application, today=timezone.localdate())
    return {
        "application": application,
        "details": application.details,
        "lines": lines,
        "summary": answer_summary(application),
        # Rev. 2 §18–§20: findings are warnings before signing; only an incomplete form blocks it.
        "warnings": findings(lines),
        "missing": missing_sections(application),
        "totals": effect_totals(application.details),
        "sign_form": sign_form,
        "declarations": [(DECLARATIONS[n], getattr(application.details, n)) for n in DECLARATIONS],
        "undertakings": [(UNDERTAKINGS[n], getattr(application.details, n)) for n in UNDERTAKINGS],
        "demo_signer": bool(settings.SIGNATURE_DEMO_SIGNER and request.user.iin),
        # A key file sent to the server exists only in the demo: in production the key never leaves the device.
        "server_signing": bool(settings.SIGNATURE_DEMO_SIGNER),
        "document_b64": base64.b64encode(canonical_document(application)).decode(),
        "ncalayer_texts": NCALAYER_TEXTS,
    }


@login_required
@require_GET
def check_answers(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = own_draft(request, pk)
    if application.status != Status.DRAFT:
        return redirect("applications:receipt" if application.number else "applications:detail", pk)
    return render(
        request, "applications/check.html", _check_context(request, application, SignForm(initial={"method": "demo"}))
    )


@login_required
@require_GET
def canonical(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The exact bytes to be signed (NCALayer signs them in the browser)."""
    application = own_draft(request, pk)
    return HttpResponse(canonical_document(application), content_type="application/json; charset=utf-8")


def _cms_from(form: SignForm, request: AuthenticatedHttpRequest, pk: int) -> bytes:
    """The CMS to submit: NCALayer's from the browser, or (demo, .p12) one made here over the canonical document."""
    method = form.cleaned_data["method"]
    if method == "ncalayer":
        return form.cleaned_data["cms_bytes"]
    document = canonical_document(own_draft(request, pk))
    if method == "demo":
        return demo_sign(request.user, document)
    return sign_with_p12(form.cleaned_data["p12"].read(), form.cleaned_data["password"], document)


@login_required
@require_POST
def sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # The submission reads the draft whole under its lock; the page below reads it again only if shown.
    application = application_to_sign(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if application.status != Status.DRAFT:  # a resent POST lands on the same receipt
        return redirect("applications:receipt" if application.number else "applications:detail", pk)
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            cms = _cms_from(form, request, pk)
        except SignatureError as error:
            show_refusal(request, error, form=form)
        else:
            if call_service(request, application_submit, form=form, application=application, cms=cms):
                return redirect("applications:receipt", pk)
    application = own_draft(request, pk)
    return render(request, "applications/check.html", _check_context(request, application, form), status=400)


@login_required
@require_GET
def receipt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    if application.number is None:
        raise Http404
    return render(
        request, "applications/receipt.html", {"application": application, "receipts": receipts_for(application)}
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = own_draft(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            application_withdraw,
            done=_("The application is withdrawn."),
            application=application,
            reason=form.cleaned_data["reason"],
        )
        return redirect("applications:detail", pk)
    messages.error(request, _("Give the reason for withdrawing."))
    return redirect("applications:detail", pk)
