"""§13 (rev. 2): the coordinator settles each funded project's year, with the evidence of monitoring."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.models import Application
from monitoring import forms
from monitoring.permissions import may_settle_year
from monitoring.selectors import projects_to_settle_with_evidence
from monitoring.services import results as services
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


def _coordinator_only(request) -> None:
    # §13: the settlement is the regional coordinator's act; nobody else even sees the page.
    if not may_settle_year(request.user, request.user.region_id):
        raise Http404


def _page(request, year: int, failed: tuple[int, forms.SettleForm] | None = None, status: int = 200):
    projects: list[Any] = projects_to_settle_with_evidence(
        region_id=request.user.region_id, year=year
    )  # each gets its form
    for project in projects:
        project.settle_form = (
            failed[1] if failed and failed[0] == project.pk else forms.SettleForm(auto_id=f"id_settle_{project.pk}_%s")
        )
    # A refusal about a project no longer listed (settled meanwhile) is still shown, at the top.
    shown = failed is not None and any(project.pk == failed[0] for project in projects)
    context = {"year": year, "projects": projects, "refused_form": failed[1] if failed and not shown else None}
    return render(request, "monitoring/settlement.html", context, status=status)


@login_required
@require_GET
def settlement_list(request, year):
    _coordinator_only(request)
    return _page(request, year)


@login_required
@require_POST
def settlement_settle(request, year, pk):
    _coordinator_only(request)
    project = get_for_user_or_404(request.user, Application.objects.all(), pk=pk)
    form = forms.SettleForm(request.POST, auto_id=f"id_settle_{pk}_%s")
    if form.is_valid() and call_service(
        request,
        services.year_settle,
        form=form,
        done=_("The year is settled."),
        project=project,
        year=year,
        met=form.cleaned_data["outcome"] == forms.SettleForm.MET,
        reason=form.cleaned_data["reason"],
    ):
        return redirect("monitoring:settlement", year=year)
    return _page(request, year, (project.pk, form), status=400)
