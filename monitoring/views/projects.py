"""The administrator's inbox (§25) and a project's page: budget, plan, term, results, funds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.selectors import queue_page
from monitoring import exports, forms
from monitoring.models import YearResult
from monitoring.permissions import may_keep_term, may_plan_year, may_record_results, may_settle_year
from monitoring.selectors import (
    PROJECT_ROW_FIELDS,
    handed_over_projects,
    handover_of,
    plan_sums,
    project_for,
    project_rows,
)
from monitoring.services import results, term
from monitoring.views.common import saved
from registry.exports import export_response
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service

# Each form on the project page by name (who acts: monitoring.permissions).
PROJECT_FORMS = {
    "term_start": forms.TermForm,
    "term_extend": forms.ExtensionForm,
    "term_end": forms.TermEndForm,
    "funds": forms.FundsForm,
    "indicator": forms.IndicatorForm,
    "year_plan": forms.YearPlanForm,
}


PROJECTS_PAGE_SIZE = 50


@login_required
@require_GET
def project_list(request):
    """§25: the administrator's projects in §5 order, a page at a time (keyset: every page costs the same)."""
    cursor = request.GET.get("cursor", "")[:200]
    projects, next_cursor = queue_page(
        handed_over_projects(request.user), cursor, PROJECTS_PAGE_SIZE, PROJECT_ROW_FIELDS
    )
    return render(
        request,
        "monitoring/project_list.html",
        {
            "projects": project_rows(projects),
            "next_cursor": next_cursor,
            "first_page": not cursor,
        },
    )


@login_required
@require_GET
def project_export(request, fmt):
    """The whole list (every page) as XLSX or CSV, in the reader's language and reach."""
    return export_response(
        fmt,
        exports.projects_columns(),
        exports.projects_rows(handed_over_projects(request.user)),
        filename="projects",
        title=_("Projects"),
    )


def _related(application, name):
    """The project's term; 404 before it exists."""
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        raise Http404 from None


def _project(request, pk):
    return get_for_user_or_404(request.user, project_for(request.user), pk=pk)


def _page(request, application, bound_name=None, bound_form=None, status=200):
    page_forms = {name: cls(auto_id=f"id_{name}_%s") for name, cls in PROJECT_FORMS.items()}
    if bound_name:
        page_forms[bound_name] = bound_form
    today = timezone.localdate()
    support_term = getattr(application, "support_term", None)
    context = {
        "project": application,
        "forms": page_forms,
        "today": today,
        # §26, §27, §17: the project's lines in its administrators' requests and plans.
        "budget_lines": list(application.budget_lines.all()),
        "plans": plan_sums(application),
        "term": support_term,
        "remaining": term.months_remaining(term=support_term, today=today) if support_term else None,
        "year_results": list(application.year_results.all()),
        "indicators": list(application.result_indicators.all()),
        "funds": list(application.funds.all()),
        "objects": list(application.infrastructure_objects.all()),
        "handover": handover_of(application),
    }
    return render(request, "monitoring/project_detail.html", context, status=status)


@login_required
@require_GET
def project_detail(request, pk):
    return _page(request, _project(request, pk))


def _bind(request, pk, name, may):
    """The project (within reach), the asker's right to act (403 with the reason), the named form bound."""
    application = _project(request, pk)
    require(may(request.user, application))
    return application, PROJECT_FORMS[name](request.POST, auto_id=f"id_{name}_%s")


def _answer(request, application, name, form, acted):
    """Back to the project when the service acted; else the page with the form's errors (nothing changed)."""
    if acted:
        return redirect("monitoring:project", pk=application.pk)
    # The page shows a form only at its step: a post from a stale page still needs its message.
    errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    return _page(request, _project(request, application.pk), name, form, status=400)


def _act(request, pk, name, may, service, *, on=("application", None), fields=None):
    """Bind the named form and call the service on the project (or on its budget request, plan or term:
    ``on`` = (the service's keyword, the project's attribute)) with the form's fields (all, or ``fields``)."""
    application, form = _bind(request, pk, name, may)
    acted = False
    if form.is_valid():
        keyword, attribute = on
        target = _related(application, attribute) if attribute else application
        data = {key: form.cleaned_data[key] for key in fields} if fields else form.cleaned_data
        acted = call_service(request, service, form=form, done=saved(), **{keyword: target}, **data)
    return _answer(request, application, name, form, acted)


@login_required
@require_POST
def term_start(request, pk):
    return _act(request, pk, "term_start", may_keep_term, term.term_start)


@login_required
@require_POST
def term_extend(request, pk):
    return _act(request, pk, "term_extend", may_keep_term, term.term_extend, on=SUPPORT_TERM)


@login_required
@require_POST
def term_end(request, pk):
    service = term.term_end
    return _act(request, pk, "term_end", may_keep_term, service, on=SUPPORT_TERM, fields=["ended_on"])


SUPPORT_TERM = ("term", "support_term")


def _may_record_results(user, application):
    return may_record_results(user, application.region_id)


@login_required
@require_POST
def funds_record(request, pk):
    return _act(request, pk, "funds", _may_record_results, results.funds_record)


@login_required
@require_POST
def indicator_set(request, pk):
    return _act(request, pk, "indicator", _may_record_results, results.indicator_set)


@login_required
@require_POST
def year_plan(request, pk):
    return _act(request, pk, "year_plan", may_plan_year, results.year_result_plan)


@login_required
@require_POST
def year_confirm(request, pk, result_pk):
    application = _project(request, pk)
    require(may_settle_year(request.user, application.region_id))
    result = get_for_user_or_404(request.user, YearResult.objects.filter(application=application), pk=result_pk)
    form = forms.ConfirmForm(request.POST)
    if call_service(request, results.year_result_confirm, form=form, done=saved(), result=result):
        return redirect("monitoring:project", pk=application.pk)
    return _page(request, _project(request, pk), "year_plan", form, status=400)
