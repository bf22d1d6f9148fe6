"""The budget chain's pages: administrators' budget requests (§26), the akimat's resolution (§27) and
the individual financing plan (§17). Views only read and call the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.models import Application
from monitoring import forms
from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution, FinancingPlan, FinancingPlanLine
from monitoring.selectors import plan_tables
from monitoring.services import budget, financing
from monitoring.services.budget import HANDED_OVER
from monitoring.views.common import require_role, run, saved
from registry.models import BudgetProgramme
from registry.reach import get_for_user_or_404, scope

ADMIN = "budget_admin"
PLANNING = "planning"


def _year(request) -> int:
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


def _index(request, year, bound=None, status=200):
    user = request.user
    administrator = user.administrator if user.role == ADMIN else None
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


@login_required
@require_GET
def budget_index(request):
    require_role(request, ADMIN, PLANNING, "regional_body", "coordinator", "central")
    return _index(request, _year(request))


def _refused(request, form):
    errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})


def _year_posted(request) -> int:
    try:
        return min(max(int(request.POST.get("year", "")), 2026), 2100)
    except ValueError:
        return timezone.localdate().year + 1


@login_required
@require_POST
def budget_request_file(request):
    """§26: the administrator files (or, after a return, re-files) a request for a programme and year."""
    require_role(request, ADMIN)
    administrator = request.user.administrator
    if administrator is None:  # a budget_admin without an organisation acts nowhere
        raise PermissionDenied
    year = _year_posted(request)
    existing = (
        BudgetRequest.objects.filter(
            administrator=administrator, programme_id=request.POST.get("programme") or None, year=year
        )
        .prefetch_related("lines")
        .first()
        if (request.POST.get("programme") or "").isdigit()
        else None
    )
    form = _request_form(administrator, year, request.POST, existing)
    if run(
        request,
        form,
        lambda d: budget.budget_request_submit(
            programme=d["programme"], year=d["year"], lines=form.lines(), by=request.user, at=timezone.now()
        ),
        saved(),
    ):
        filed = BudgetRequest.objects.get(programme=form.cleaned_data["programme"], year=form.cleaned_data["year"])
        return redirect("monitoring:budget_request", pk=filed.pk)
    _refused(request, form)
    if existing is not None:
        return _request_page(request, existing, {"resubmit": form}, status=400)
    return _index(request, year, {"request": form}, status=400)


def _request_page(request, budget_request, bound=None, status=200):
    lines = list(budget_request.lines.all())
    page_forms = {
        "return": forms.ReturnForm(auto_id="id_return_%s"),
        "conclude": forms.ConclusionForm(auto_id="id_conclude_%s"),
        "decide": forms.DecisionForm(lines=lines, auto_id="id_decide_%s"),
    }
    if request.user.role == ADMIN and request.user.administrator_id == budget_request.administrator_id:
        page_forms["resubmit"] = _request_form(budget_request.administrator, budget_request.year, None, budget_request)
    page_forms.update(bound or {})
    context = {"budget_request": budget_request, "lines": lines, "forms": page_forms}
    return render(request, "monitoring/budget_request.html", context, status=status)


@login_required
@require_GET
def budget_request_detail(request, pk):
    return _request_page(request, get_for_user_or_404(request.user, _requests(request.user), pk=pk))


def _planning_post(request, pk, name, form_class, action):
    budget_request = get_for_user_or_404(request.user, _requests(request.user), pk=pk)
    require_role(request, PLANNING)
    kwargs = {"lines": list(budget_request.lines.all())} if form_class is forms.DecisionForm else {}
    form = form_class(request.POST, auto_id=f"id_{name}_%s", **kwargs)
    if run(request, form, lambda d: action(budget_request, form, d, timezone.now()), saved()):
        return redirect("monitoring:budget_request", pk=pk)
    _refused(request, form)
    budget_request = get_for_user_or_404(request.user, _requests(request.user), pk=pk)
    return _request_page(request, budget_request, {name: form}, status=400)


@login_required
@require_POST
def budget_request_return(request, pk):
    return _planning_post(
        request,
        pk,
        "return",
        forms.ReturnForm,
        lambda r, f, d, at: budget.budget_request_return(request=r, reason=d["reason"], by=request.user, at=at),
    )


@login_required
@require_POST
def budget_request_conclude(request, pk):
    return _planning_post(
        request,
        pk,
        "conclude",
        forms.ConclusionForm,
        lambda r, f, d, at: budget.budget_request_conclude(
            request=r, conclusion=d["conclusion"], by=request.user, at=at
        ),
    )


@login_required
@require_POST
def budget_commission_decide(request, pk):
    return _planning_post(
        request,
        pk,
        "decide",
        forms.DecisionForm,
        lambda r, f, d, at: budget.budget_commission_decide(
            request=r,
            commission_date=d["commission_date"],
            commission_number=d["commission_number"],
            approved=f.approved(),
            by=request.user,
            at=at,
        ),
    )


@login_required
@require_POST
def budget_approval(request):
    """§27: the maslikhat's approval of the administrator's budget for a year."""
    require_role(request, ADMIN)
    form = forms.BudgetApprovalForm(request.POST, auto_id="id_approval_%s")
    if run(
        request,
        form,
        lambda d: budget.budget_approval_record(
            administrator=request.user.administrator,
            year=d["year"],
            approved_on=d["approved_on"],
            by=request.user,
            at=timezone.now(),
        ),
        saved(),
    ):
        return redirect(f"{_budget_url()}?year={form.cleaned_data['year']}")
    _refused(request, form)
    return _index(request, _year_posted(request), {"approval": form}, status=400)


def _budget_url():
    return reverse("monitoring:budget")


@login_required
@require_POST
def resolution_record(request, pk):
    """§27: the akimat's resolution's date and number."""
    resolution = get_for_user_or_404(request.user, BudgetResolution.objects.all(), pk=pk)
    require_role(request, ADMIN)
    form = forms.ResolutionForm(request.POST, auto_id="id_resolution_%s")
    if run(
        request,
        form,
        lambda d: budget.akimat_resolution_record(
            resolution=resolution, adopted_on=d["adopted_on"], number=d["number"], by=request.user, at=timezone.now()
        ),
        saved(),
    ):
        return redirect(_budget_url())
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


def _plan_page(request, plan, bound=None, status=200):
    page_forms = {"approve": forms.PlanApproveForm(auto_id="id_approve_%s")}
    if request.user.role == ADMIN and request.user.administrator_id == plan.administrator_id:
        page_forms["line"] = _plan_form(plan.administrator, plan.year)
    page_forms.update(bound or {})
    return render(
        request, "monitoring/plan.html", {"plan": plan, **plan_tables(plan), "forms": page_forms}, status=status
    )


@login_required
@require_GET
def plan_detail(request, pk):
    return _plan_page(request, get_for_user_or_404(request.user, _plans(request.user), pk=pk))


@login_required
@require_POST
def plan_line(request):
    """§2(8): one month of a plan line; the administrator's plan for the year is made on the first."""
    require_role(request, ADMIN)
    administrator = request.user.administrator
    year = _year_posted(request)
    form = _plan_form(administrator, year, request.POST)
    if run(
        request,
        form,
        lambda d: financing.plan_line_set(administrator=administrator, by=request.user, at=timezone.now(), **d),
        saved(),
    ):
        plan = FinancingPlan.objects.get(administrator=administrator, year=form.cleaned_data["year"])
        return redirect("monitoring:plan", pk=plan.pk)
    _refused(request, form)
    plan = _plans(request.user).filter(administrator=administrator, year=year).first()
    if plan is not None:
        return _plan_page(request, plan, {"line": form}, status=400)
    return _index(request, year, {"line": form}, status=400)


@login_required
@require_POST
def plan_approve(request, pk):
    plan = get_for_user_or_404(request.user, _plans(request.user), pk=pk)
    require_role(request, ADMIN)
    form = forms.PlanApproveForm(request.POST, auto_id="id_approve_%s")
    action = lambda d: financing.plan_approve(  # noqa: E731
        plan=plan, approved_on=d["approved_on"], by=request.user, at=timezone.now()
    )
    if run(request, form, action, saved()):
        return redirect("monitoring:plan", pk=pk)
    _refused(request, form)
    return _plan_page(request, get_for_user_or_404(request.user, _plans(request.user), pk=pk), {"approve": form}, 400)


@login_required
@require_POST
def plan_publish(request, pk):
    plan = get_for_user_or_404(request.user, _plans(request.user), pk=pk)
    require_role(request, ADMIN)
    form = forms.ConfirmForm(request.POST)
    run(request, form, lambda d: financing.plan_publish(plan=plan, by=request.user, at=timezone.now()), saved())
    return redirect("monitoring:plan", pk=pk)
