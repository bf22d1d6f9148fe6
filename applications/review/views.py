"""The coordinator's review pages: fetch through reach, bind the form, call one service, redirect."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.findings import render_ground
from applications.models import EligibilityResult, RefusalCategory
from applications.permissions import may_read_dossier, may_review
from applications.review import dossier, exports, selectors, services
from applications.review.forms import (
    AcceptanceForm,
    EligibilityDecisionForm,
    InboxFilterForm,
    RecommendationForm,
    RefusalForm,
)
from applications.selectors import queue_page
from registry.deadlines import deadlines_for
from registry.documents import document_kind
from registry.exports import export_response
from registry.http import AuthenticatedHttpRequest
from registry.permissions import requires
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service, show_refusal

coordinator_only = requires(may_review)
dossier_readers = requires(may_read_dossier)


def _today():
    """The coordinator's today (Almaty time): the inbox's days left and badges count from it."""
    return timezone.localdate()


def _inbox_query(request: AuthenticatedHttpRequest, today):
    """The inbox's filter form and the filtered queue (the page and its exports read the same)."""
    form = InboxFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.InboxFilters(
        status=data.get("status", ""),
        priority=data.get("priority", ""),
        category=data["category"].pk if data.get("category") else None,
        overdue=bool(data.get("overdue")),
        q=data.get("q", ""),
    )
    return form, data, selectors.inbox_filter(selectors.inbox_base(request.user), filters, today=today)


@require_GET
@coordinator_only
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = _today()
    form, data, qs = _inbox_query(request, today)
    page, next_cursor = queue_page(qs, data.get("cursor", ""), selectors.PAGE_SIZE, selectors.INBOX_FIELDS)
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "applications/review/inbox.html",
        {
            "form": form,
            "rows": selectors.inbox_rows(page, today=today),
            "next_cursor": next_cursor,
            "query": query.urlencode(),
            "today": today,
            "first_page": not data.get("cursor"),
            "schedule_url": _schedule_url(),
        },
    )


@require_GET
@coordinator_only
def inbox_export(request: AuthenticatedHttpRequest, fmt: str):
    """Every row the inbox's filters select (not one page), through the one safe writer."""
    today = _today()
    _form, _data, qs = _inbox_query(request, today)
    return export_response(
        fmt,
        exports.inbox_columns(),
        exports.inbox_rows(qs, today=today),
        filename=f"inbox-{today:%Y%m%d}",
        title=_("Review inbox"),
    )


def _schedule_url() -> str:
    """§19.4: sessions are scheduled on the council's page.

    Looked up by name only: ``applications`` does not import ``councils`` (dependencies point one way).
    """
    try:
        return reverse("councils:session_new")
    except NoReverseMatch:
        return ""


def _findings(application) -> list:
    """§20: the findings the review page offers as ready grounds (open ones or confirmed ones)."""
    return selectors.refusal_findings(application)


def _detail_context(request: AuthenticatedHttpRequest, application, **forms) -> dict:
    decision_forms = {key: form for key, form in forms.items() if key.startswith("eligibility_")}
    eligibility = [
        (line, decision_forms.get(f"eligibility_{line.pk}") or EligibilityDecisionForm(prefix=f"e{line.pk}"))
        for line in application.eligibility.all()
    ]
    findings = _findings(application)
    return {
        "application": application,
        "appendix": selectors.appendix(application),
        "eligibility": eligibility,
        "due": selectors.due_state(application, today=_today()),
        "refusal_form": forms.get("refusal_form")
        or RefusalForm(findings=findings, initial={"grounds": [str(line.pk) for line in findings if line.is_ground]}),
        "refusable": application.status in services.REFUSABLE,
        "recommendation_form": forms.get("recommendation_form") or RecommendationForm(),
        "recommend_blockers": services.recommend_blockers(application) if application.status == "submitted" else [],
        "review_records": selectors.review_records(application),
        "acceptance_form": forms.get("acceptance_form") or AcceptanceForm(),
        "acceptance_notice": base64.b64encode(
            services.acceptance_notice_text(application=application, by=request.user, at=timezone.now())
        ).decode(),
        "demo_signer": getattr(settings, "SIGNATURE_DEMO_SIGNER", False),
        "tab": "review",
    }


@require_GET
@coordinator_only
def review_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    return render(request, "applications/review/detail.html", _detail_context(request, application))


@require_GET
@dossier_readers
def review_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    return render(
        request,
        "applications/review/history.html",
        {
            "application": application,
            "events": selectors.application_history(application),
            "tab": "history",
            "deadlines": deadlines_for(application),
            "due": selectors.due_state(application, today=_today()),
        },
    )


@require_GET
@coordinator_only
def history_export(request: AuthenticatedHttpRequest, pk: int, fmt: str):
    """The application's history (the audit journal) as XLSX or CSV, within the coordinator's reach."""
    application = selectors.review_application(request.user, pk)
    return export_response(
        fmt,
        exports.history_columns(),
        exports.history_rows(selectors.application_history(application)),
        filename=f"history-{application.number or application.pk}",
        title=application.number or "",
    )


def _failed(request, application, form_name: str, form) -> HttpResponse:
    """The review page again, with the refused form's errors (nothing was changed)."""
    context = _detail_context(request, application, **{form_name: form})
    return render(request, "applications/review/detail.html", context, status=400)


def _act(request, application, form_name: str, form, service, done: str, /, **data) -> HttpResponse:
    """Call the review's service with the form's values: back to the review, or the page with the refusal."""
    if form.is_valid() and call_service(request, service, form=form, done=done, **data):
        return redirect("review:detail", pk=application.pk)
    return _failed(request, application, form_name, form)


@require_POST
@coordinator_only
def refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """§20: the first post shows the reasoned notice to sign; the second carries the coordinator's ЭЦҚ."""
    from applications.signing import SignatureError, decode_cms, demo_sign

    application = selectors.review_application(request.user, pk)
    form = RefusalForm(request.POST, findings=_findings(application))
    if not form.is_valid():
        return _failed(request, application, "refusal_form", form)
    at, data = timezone.now(), form.cleaned_data
    try:
        if application.status not in services.REFUSABLE:
            raise ValidationError(
                _("The application is %(status)s; this step is not possible now.")
                % {"status": application.get_status_display()}
            )
        grounds = services.refusal_grounds(application, data["grounds"])
        document = services.refusal_notice_text(
            application=application,
            category=data["category"],
            reason=data["reason"],
            grounds=grounds,
            by=request.user,
            at=at,
        )
        cms = None
        if form.signed:
            cms = demo_sign(request.user, document) if data["demo"] else decode_cms(data["cms"])
    except (SignatureError, ValidationError) as error:
        show_refusal(request, error, form=form)
        return _failed(request, application, "refusal_form", form)
    if cms is None:
        return render(
            request,
            "applications/review/refuse_sign.html",
            {
                "application": application,
                "form": form,
                "document": base64.b64encode(document).decode(),
                "notice": document.decode(),
                "grounds": [render_ground(g) for g in grounds],
                "tab": "review",
                "category_label": RefusalCategory(data["category"]).label,
                "demo_signer": getattr(settings, "SIGNATURE_DEMO_SIGNER", False),
            },
        )
    done = _("The application was refused; the applicant has been notified.")
    fields = {name: data[name] for name in ("category", "reason", "grounds")}
    fields.update(application=application, document=document, cms=cms, at=at)
    return _act(request, application, "refusal_form", form, services.application_refuse, done, **fields)


@require_POST
@coordinator_only
def recommend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        return _failed(request, application, "recommendation_form", form)
    done = _("The application is recommended to the council.")
    fields = {"application": application, **form.cleaned_data}
    return _act(request, application, "recommendation_form", form, services.application_recommend, done, **fields)


@require_POST
@coordinator_only
def eligibility_decide(request: AuthenticatedHttpRequest, pk: int, result_pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    result = get_for_user_or_404(request.user, EligibilityResult.objects.filter(application=application), pk=result_pk)
    form = EligibilityDecisionForm(request.POST, prefix=f"e{result.pk}")
    if not form.is_valid():
        return _failed(request, application, f"eligibility_{result.pk}", form)
    data = form.cleaned_data
    fields = {"result": result, "confirmed": data["decision"] == "confirmed", "comment": data["comment"]}
    done = _("The check is recorded.")
    return _act(request, application, f"eligibility_{result.pk}", form, services.eligibility_decide, done, **fields)


@require_POST
@coordinator_only
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from applications.signing import SignatureError, decode_cms, demo_sign

    application = selectors.review_application(request.user, pk)
    form = AcceptanceForm(request.POST)
    if not form.is_valid():
        return _failed(request, application, "acceptance_form", form)
    at = timezone.now()
    document = services.acceptance_notice_text(application=application, by=request.user, at=at)
    try:
        cms = demo_sign(request.user, document) if form.cleaned_data["demo"] else decode_cms(form.cleaned_data["cms"])
    except SignatureError as error:
        show_refusal(request, error, form=form)
        return _failed(request, application, "acceptance_form", form)
    done = _("The application is accepted for review; the applicant has been notified.")
    fields = {"application": application, "document": document, "cms": cms, "at": at}
    return _act(request, application, "acceptance_form", form, services.review_accept, done, **fields)


@require_GET
@dossier_readers
def dossier_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    documents = dossier.dossier_documents(application, language=request.LANGUAGE_CODE)
    return render(
        request,
        "applications/review/dossier.html",
        {
            "application": application,
            "documents": documents,
            "tab": "dossier",
            "documents_titled": [(d, document_kind(d.kind).title) for d in documents],
            "ready": bool(documents) and all(d.state == "done" for d in documents),
        },
    )


@require_POST
@dossier_readers
def dossier_prepare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.review_application(request.user, pk)
    dossier.dossier_prepare(application=application, language=request.LANGUAGE_CODE, by=request.user)
    return redirect("review:dossier", pk=application.pk)


@require_GET
@dossier_readers
def dossier_zip(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    application = selectors.review_application(request.user, pk)
    documents = dossier.dossier_documents(application, language=request.LANGUAGE_CODE)
    if not documents or any(d.state != "done" for d in documents):
        messages.info(request, _("The dossier's PDFs are not ready yet."))
        return redirect("review:dossier", pk=application.pk)
    return dossier.dossier_response(application=application, documents=documents)
