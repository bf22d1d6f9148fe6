"""The budget chain's pages: administrators' budget requests (§26), the akimat's resolution (§27) and
the individual financing plan (§17). Views only read and call the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.models import Application
from monitoring import forms
from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution, FinancingPlan, FinancingPlanLine
from monitoring.permissions import (
    may_edit_plan,
    may_read_budget,
    may_record_budget_approval,
    may_record_resolution,
    may_review_budget_request,
    may_submit_budget_request,
)
from monitoring.selectors import plan_tables
from monitoring.services import budget, financing
from monitoring.services.budget import HANDED_OVER
from monitoring.views.common import saved
from registry.http import AuthenticatedHttpRequest
from registry.models import BudgetProgramme
from registry.permissions import require, requires
from registry.reach import get_for_user_or_404, scope
from registry.service_calls import call_service


def _year(request: AuthenticatedHttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year + 1
    return min(max(year, 2026), 2100)


def _requests(user):
    lines = BudgetRequestLine.objects.select_related("application").order_by("application__number", "id")
    return scope(
        user,
        BudgetRequest.objects.select_related("administrator", "programme", "resolution").prefetch_related(
            Prefetch("lines", queryset=lines)
        ),
    )


def _candidates(administrator, year, request=None):
    """§25: the handed-over projects of the region not yet in another request of the year."""
    taken = BudgetRequestLine.objects.filter(request__year=year)
    if request is not None:
        taken = taken.exclude(request=request)
    return (
        Application.objects.filter(region_id=administrator.region_id, status__in=HANDED_OVER)
        .exclude(pk__in=taken.values("application_id"))
        .order_by("number", "id")
    )


def _request_form(administrator, year, data=None, request=None):
    initial_lines = {line.application_id: line for line in request.lines.all()} if request else {}
    return forms.BudgetRequestForm(
        data,
        programmes=BudgetProgramme.objects.filter(administrator=administrator),
        projects=_candidates(administrator, year, request),
        initial_lines=initial_lines,
        initial={"year": year, "programme": request.programme_id if request else None},
        auto_id="id_request_%s",
    )


def _plan_form(administrator, year, data=None):
    projects = Application.objects.filter(
        budget_lines__request__administrator=administrator, budget_lines__request__year=year
    ).order_by("number", "id")
    return forms.PlanLineForm(
        data,
        programmes=BudgetProgramme.objects.filter(administrator=administrator),
        projects=projects,
        initial={"year": year},
        auto_id="id_line_%s",
    )


def _index(request: AuthenticatedHttpRequest, year: int, bound=None, status=200) -> HttpResponse:
    user = request.user
    # The forms are the administrator's staff's (§26, §27, §17); the others read.
    administrator = user.administrator if may_submit_budget_request(user) else None
    requests = _requests(user).order_by("-year", "administrator_id", "programme__code")
    if administrator is not None:
        requests = requests.filter(administrator=administrator)
    page_forms = {}
    if administrator is not None:
        page_forms = {
            "request": _request_form(administrator, year),
            "approval": forms.BudgetApprovalForm(initial={"year": year}, auto_id="id_approval_%s"),
            "line": _plan_form(administrator, year),
        }
    page_forms.update(bound or {})
    context = {
        "year": year,
        "administrator": administrator,
        "requests": list(requests),
        "resolutions": list(
            scope(user, BudgetResolution.objects.select_related("administrator")).order_by("-year", "administrator_id")
        ),
        "plans": list(scope(user, FinancingPlan.objects.select_related("administrator")).order_by("-year", "id")),
        "forms": page_forms,
        "resolution_form": forms.ResolutionForm(auto_id="id_resolution_%s"),
    }
    return render(request, "monitoring/budget.html", context, status=status)


@require_GET
@requires(may_read_budget)
def budget_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _index(request, _year(request))


def _refused(request: AuthenticatedHttpRequest, form: BaseForm) -> None:
    """The page shows a form only at its step: a post from a stale page still needs its message."""
    errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})


def _year_posted(request: AuthenticatedHttpRequest) -> int:
    try:
        return min(max(int(request.POST.get("year", "")), 2026), 2100)
    except ValueError:
        return timezone.localdate().year + 1


@require_POST
@requires(may_submit_budget_request)
def budget_request_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    """§26: the administrator files (or, after a return, re-files) a request for a programme and year."""
    administrator = request.user.administrator
    year = _year_posted(request)
    programme = request.POST.get("programme") or ""
    existing = (
        BudgetRequest.objects.filter(administrator=administrator, programme_id=int(programme), year=year)
        .prefetch_related("lines")
        .first()
        if programme.isdigit() and len(programme) < 10  # a pk, never a figure the database refuses
        else None
    )
    form = _request_form(administrator, year, request.POST, existing)
    if form.is_valid():
        data = form.cleaned_data
        service = budget.budget_request_submit
        filed = call_service(
            request,
            service,
            form=form,
            done=saved(),
            programme=data["programme"],
            year=data["year"],
            lines=form.lines(),
        )
        if filed:
            return redirect("monitoring:budget_request", pk=filed.pk)
    _refused(request, form)
    if existing is not None:
        return _request_page(request, existing, {"resubmit": form}, status=400)
    return _index(request, year, {"request": form}, status=400)


def _request_page(request: AuthenticatedHttpRequest, budget_request, bound=None, status=200) -> HttpResponse:
    lines = list(budget_request.lines.all())
    page_forms = {
        "return": forms.ReturnForm(auto_id="id_return_%s"),
        "conclude": forms.ConclusionForm(auto_id="id_conclude_%s"),
        "decide": forms.DecisionForm(lines=lines, auto_id="id_decide_%s"),
    }
    if may_submit_budget_request(request.user, budget_request.administrator):
        page_forms["resubmit"] = _request_form(budget_request.administrator, budget_request.year, None, budget_request)
    page_forms.update(bound or {})
    context = {"budget_request": budget_request, "lines": lines, "forms": page_forms}
    return render(request, "monitoring/budget_request.html", context, status=status)


@login_required
@require_GET
def budget_request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, get_for_user_or_404(request.user, _requests(request.user), pk=pk))


def _planning_post(request: AuthenticatedHttpRequest, pk: int, name: str, make_form, service, values) -> HttpResponse:
    """§26: the planning body's step on the request: ``values(form)`` of the form ``make_form(request's lines)``
    passed to the service."""
    budget_request = get_for_user_or_404(request.user, _requests(request.user), pk=pk)
    require(may_review_budget_request(request.user, budget_request))
    form = make_form(list(budget_request.lines.all()))
    if form.is_valid() and call_service(
        request, service, form=form, done=saved(), request=budget_request, **values(form)
    ):
        return redirect("monitoring:budget_request", pk=pk)
    _refused(request, form)
    budget_request = get_for_user_or_404(request.user, _requests(request.user), pk=pk)
    return _request_page(request, budget_request, {name: form}, status=400)


@login_required
@require_POST
def budget_request_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def make_form(lines):
        return forms.ReturnForm(request.POST, auto_id="id_return_%s")

    def values(form):
        return {"reason": form.cleaned_data["reason"]}

    return _planning_post(request, pk, "return", make_form, budget.budget_request_return, values)


@login_required
@require_POST
def budget_request_conclude(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def make_form(lines):
        return forms.ConclusionForm(request.POST, auto_id="id_conclude_%s")

    def values(form):
        return {"conclusion": form.cleaned_data["conclusion"]}

    return _planning_post(request, pk, "conclude", make_form, budget.budget_request_conclude, values)


@login_required
@require_POST
def budget_commission_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def make_form(lines):
        return forms.DecisionForm(request.POST, lines=lines, auto_id="id_decide_%s")

    def values(form):
        data = form.cleaned_data
        return {
            "commission_date": data["commission_date"],
            "commission_number": data["commission_number"],
            "approved": form.approved(),
        }

    return _planning_post(request, pk, "decide", make_form, budget.budget_commission_decide, values)


@require_POST
@requires(may_record_budget_approval)
def budget_approval(request: AuthenticatedHttpRequest) -> HttpResponse:
    """§27: the maslikhat's approval of the administrator's budget for a year."""
    form = forms.BudgetApprovalForm(request.POST, auto_id="id_approval_%s")
    if form.is_valid() and call_service(
        request,
        budget.budget_approval_record,
        form=form,
        done=saved(),
        administrator=request.user.administrator,
        **form.cleaned_data,
    ):
        return redirect(f"{_budget_url()}?year={form.cleaned_data['year']}")
    _refused(request, form)
    return _index(request, _year_posted(request), {"approval": form}, status=400)


def _budget_url() -> str:
    return reverse("monitoring:budget")


@login_required
@require_POST
def resolution_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """§27: the akimat's resolution's date and number."""
    resolution = get_for_user_or_404(request.user, BudgetResolution.objects.select_related("administrator"), pk=pk)
    require(may_record_resolution(request.user, resolution))
    form = forms.ResolutionForm(request.POST, auto_id="id_resolution_%s")
    service = budget.akimat_resolution_record
    if not (
        form.is_valid()
        and call_service(request, service, form=form, done=saved(), resolution=resolution, **form.cleaned_data)
    ):
        _refused(request, form)
    return redirect(_budget_url())


def _plans(user):
    lines = FinancingPlanLine.objects.select_related("programme", "application")
    return scope(
        user,
        FinancingPlan.objects.select_related("administrator").prefetch_related(
            Prefetch("lines", queryset=lines), Prefetch("projects", queryset=Application.objects.order_by("number"))
        ),
    )


def _plan_page(request: AuthenticatedHttpRequest, plan, bound=None, status=200) -> HttpResponse:
    page_forms = {"approve": forms.PlanApproveForm(auto_id="id_approve_%s")}
    if may_edit_plan(request.user, plan.administrator):
        page_forms["line"] = _plan_form(plan.administrator, plan.year)
    page_forms.update(bound or {})
    return render(
        request, "monitoring/plan.html", {"plan": plan, **plan_tables(plan), "forms": page_forms}, status=status
    )


@login_required
@require_GET
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, get_for_user_or_404(request.user, _plans(request.user), pk=pk))


@require_POST
@requires(may_edit_plan)
def plan_line(request: AuthenticatedHttpRequest) -> HttpResponse:
    """§2(8): one month of a plan line; the administrator's plan for the year is made on the first."""
    administrator = request.user.administrator
    year = _year_posted(request)
    form = _plan_form(administrator, year, request.POST)
    if form.is_valid():
        service = financing.plan_line_set
        line = call_service(request, service, form=form, done=saved(), administrator=administrator, **form.cleaned_data)
        if line:
            return redirect("monitoring:plan", pk=line.plan_id)
    _refused(request, form)
    plan = _plans(request.user).filter(administrator=administrator, year=year).first()
    if plan is not None:
        return _plan_page(request, plan, {"line": form}, status=400)
    return _index(request, year, {"line": form}, status=400)


def _own_plan(request: AuthenticatedHttpRequest, pk: int):
    """The plan within reach (404 outside), and the asker its administrator's staff (403 with the reason)."""
    plan = get_for_user_or_404(request.user, _plans(request.user), pk=pk)
    require(may_edit_plan(request.user, plan.administrator))
    return plan


@login_required
@require_POST
def plan_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    form = forms.PlanApproveForm(request.POST, auto_id="id_approve_%s")
    if form.is_valid() and call_service(
        request, financing.plan_approve, form=form, done=saved(), plan=plan, **form.cleaned_data
    ):
        return redirect("monitoring:plan", pk=pk)
    _refused(request, form)
    return _plan_page(request, get_for_user_or_404(request.user, _plans(request.user), pk=pk), {"approve": form}, 400)


@login_required
@require_POST
def plan_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _own_plan(request, pk)
    form = forms.ConfirmForm(request.POST)
    if form.is_valid():
        call_service(request, financing.plan_publish, form=form, done=saved(), plan=plan)
    return redirect("monitoring:plan", pk=pk)
