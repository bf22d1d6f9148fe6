"""The administrator's inbox (§25) and a project's page: budget, plan, term, results, funds."""

from __future__ import annotations

from typing import Any

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
from monitoring.selectors import handed_over_projects, handover_of, plan_sums, project_for, status_labels
from monitoring.services import results, term
from monitoring.services.common import RESULT_RECORDERS
from monitoring.views.common import require_role, run, saved
from registry.exports import export_response
from registry.reach import get_for_user_or_404

# §28: monitoring is the local budget programme administrator's: it records the project's result
# indicators and use of funds (§29.2, §29.3); reach keeps it to its own region.
ADMIN = "budget_admin"

# Each form on the project page: (name, form class, roles who act, service call).
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
    projects, next_cursor = queue_page(handed_over_projects(request.user), cursor, PROJECTS_PAGE_SIZE)
    request_labels, plan_labels = status_labels()
    project: Any  # annotated with budget_status / plan_status by handed_over_projects
    for project in projects:
        project.budget_label = request_labels.get(project.budget_status, "")
        project.plan_label = plan_labels.get(project.plan_status, "")
    return render(
        request,
        "monitoring/project_list.html",
        {
            "projects": projects,
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


def _post(request, pk, name, roles, action):
    """Bind the named form, call the service, redirect back (or show the page with errors)."""
    application = _project(request, pk)
    require_role(request, *roles)
    form = PROJECT_FORMS[name](request.POST, auto_id=f"id_{name}_%s")
    if run(request, form, lambda data: action(application, data, timezone.now()), saved()):
        return redirect("monitoring:project", pk=application.pk)
    # The page shows a form only at its step: a post from a stale page still needs its message.
    errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    return _page(request, _project(request, pk), name, form, status=400)


@login_required
@require_POST
def term_start(request, pk):
    return _post(
        request,
        pk,
        "term_start",
        [ADMIN],
        lambda app, d, at: term.term_start(application=app, by=request.user, at=at, **d),
    )


@login_required
@require_POST
def term_extend(request, pk):
    return _post(
        request,
        pk,
        "term_extend",
        [ADMIN],
        lambda app, d, at: term.term_extend(term=_related(app, "support_term"), by=request.user, at=at, **d),
    )


@login_required
@require_POST
def term_end(request, pk):
    return _post(
        request,
        pk,
        "term_end",
        [ADMIN],
        lambda app, d, at: term.term_end(
            term=_related(app, "support_term"), ended_on=d["ended_on"], by=request.user, at=at
        ),
    )


@login_required
@require_POST
def funds_record(request, pk):
    return _post(
        request,
        pk,
        "funds",
        list(RESULT_RECORDERS),
        lambda app, d, at: results.funds_record(application=app, by=request.user, at=at, **d),
    )


@login_required
@require_POST
def indicator_set(request, pk):
    return _post(
        request,
        pk,
        "indicator",
        list(RESULT_RECORDERS),
        lambda app, d, at: results.indicator_set(application=app, by=request.user, at=at, **d),
    )


@login_required
@require_POST
def year_plan(request, pk):
    return _post(
        request,
        pk,
        "year_plan",
        [ADMIN, "coordinator"],
        lambda app, d, at: results.year_result_plan(application=app, by=request.user, at=at, **d),
    )


@login_required
@require_POST
def year_confirm(request, pk, result_pk):
    application = _project(request, pk)
    require_role(request, "coordinator")
    result = get_for_user_or_404(request.user, YearResult.objects.filter(application=application), pk=result_pk)
    form = forms.ConfirmForm(request.POST)
    if run(
        request, form, lambda d: results.year_result_confirm(result=result, by=request.user, at=timezone.now()), saved()
    ):
        return redirect("monitoring:project", pk=application.pk)
    return _page(request, _project(request, pk), "year_plan", form, status=400)
