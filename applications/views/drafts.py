"""The entrepreneur's drafts: list, start, task list, section pages, ЭҚЖЖ search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from applications.documents import refusal_notices_for
from applications.forms import SECTION_FORMS, NewApplicationForm
from applications.forms.effect import effect_totals
from applications.forms.project import profile_direction_needed
from applications.models import DECIDED_BY_COUNCIL, ReviewAcceptance, Section, Status
from applications.permissions import may_apply
from applications.selectors import (
    answer_summary,
    application_for_user,
    applications_for,
    section_states,
)
from applications.services import application_create, application_section_save
from applications.services.signin import certificate_values
from registry.http import AuthenticatedHttpRequest
from registry.models import OkedCode
from registry.service_calls import call_service
from registry.sessions import ACTING_BIN

SECTION_ORDER = [s.value for s in Section]


@login_required
@require_GET
def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "applications/list.html", {"applications": applications_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_apply(request.user):
        raise Http404
    form = NewApplicationForm(request.POST or None, initial={"region": request.user.region_id})
    if request.method == "POST" and form.is_valid():
        prefill = certificate_values(user=request.user, bin_=request.session.get(ACTING_BIN, ""))
        application = call_service(
            request, application_create, form=form, applicant=request.user, prefill=prefill, **form.cleaned_data
        )
        if application:
            return redirect("applications:detail", application.pk)
    return render(request, "applications/new.html", {"form": form})


@login_required
@require_GET
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "sections": section_states(application),
            "summary": answer_summary(application),
            "totals": effect_totals(application.details),
            "is_owner": application.applicant_id == request.user.pk,
            "can_withdraw": application.status in (Status.DRAFT, Status.SUBMITTED),
            "decided_statuses": DECIDED_BY_COUNCIL,
            # Appendix item 9: the coordinator's signed acceptance notice, shown with its date.
            "acceptance": ReviewAcceptance.objects.filter(application=application).first(),
            "refusal_notices": refusal_notices_for(application) if application.status == Status.REFUSED else [],
        },
    )


def own_draft(request: AuthenticatedHttpRequest, pk: int):
    """The user's own draft; anyone else's answers 404, a submitted one goes back to its page."""
    application = application_for_user(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    return application


def section_initial(application, section: str) -> dict:
    if section == Section.APPLICANT:
        return {"region": application.region_id}
    if section == Section.PROJECT:
        return {
            "project_name": application.project_name,
            "infrastructure_type": application.infrastructure_type_id,
            "construction_cost": application.construction_cost,
            "project_cost": application.project_cost,
            "oked": str(application.oked) if application.oked_id else "",
            "planned_users": "\n".join(f"{u.identifier} {u.name}" for u in application.planned_users.all()),
        }
    return {}


def _next_section(application, section: str):
    index = SECTION_ORDER.index(section)
    if index + 1 < len(SECTION_ORDER):
        return redirect("applications:section", application.pk, SECTION_ORDER[index + 1])
    return redirect("applications:check", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: AuthenticatedHttpRequest, pk: int, section: str) -> HttpResponse:
    if section == Section.DOCUMENTS:
        return redirect("applications:documents", pk)
    if section not in SECTION_FORMS:
        raise Http404
    application = own_draft(request, pk)
    if application.status != Status.DRAFT:
        return redirect("applications:detail", pk)
    strict = request.POST.get("action") != "draft"
    form = SECTION_FORMS[section](
        request.POST or None,
        instance=application.details,
        initial=section_initial(application, section),
        application=application,
        strict=strict,
        today=timezone.localdate(),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            application_section_save,
            form=form,
            done="" if strict else _("Your answers are saved. You can come back to them at any time."),
            application=application,
            section=section,
            application_values=form.application_values(),
            details_values=form.details_values(),
            planned_users=form.planned_user_rows(),
            complete=strict,
        )
    ):
        return _next_section(application, section) if strict else redirect("applications:detail", pk)
    return render(request, f"applications/section_{section}.html", _section_context(application, section, form))


def _section_context(application, section, form) -> dict:
    context = {"application": application, "form": form, "section": section, "section_label": Section(section).label}
    if section == Section.EFFECT:
        context["totals"] = effect_totals(
            form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else application.details
        )
    if section == Section.PROJECT:
        region = application.region
        context["profile_always"] = profile_direction_needed(region, False)
        context["region"] = region
    return context


@login_required
@require_GET
def oked_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ЭҚЖЖ search for the project page's list (htmx): by code or by name in either language."""
    query = (request.GET.get("oked") or request.GET.get("q") or "").strip()
    codes = OkedCode.objects.none()
    if len(query) >= 2:
        term = query.split()[0] if query[:1].isdigit() else query
        codes = OkedCode.objects.filter(
            Q(code__startswith=term) | Q(name_kk__icontains=query) | Q(name_ru__icontains=query)
        ).order_by("code")[:30]
    return render(request, "applications/_oked_options.html", {"codes": codes})
