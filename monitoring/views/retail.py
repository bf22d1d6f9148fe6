"""Shelf space for local producers in modern-format retail (§10, §11)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring import forms
from monitoring.models import RetailObject, ShelfPlacement
from monitoring.permissions import may_keep_retail
from monitoring.selectors import retail_for
from monitoring.services import retail as services
from monitoring.views.common import saved
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


@login_required
@require_GET
def retail_list(request):
    return render(request, "monitoring/retail_list.html", {"retail_objects": retail_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def retail_create(request):
    require(may_keep_retail(request.user, request.user.region_id))
    form = forms.RetailObjectForm(request.POST or None, instance=RetailObject(region=request.user.region))
    if request.method == "POST" and form.is_valid():
        retail = call_service(
            request, services.retail_object_create, form=form, region=request.user.region, **form.cleaned_data
        )
        if retail:
            return redirect("monitoring:retail", pk=retail.pk)
    return render(request, "monitoring/retail_form.html", {"form": form}, status=400 if form.is_bound else 200)


def _retail_qs():
    placements = ShelfPlacement.objects.select_related("producer_region", "producer_oked")
    return RetailObject.objects.select_related("region").prefetch_related(Prefetch("placements", queryset=placements))


def _page(request, retail, bound=None, status=200):
    page_forms = {
        "placement": forms.PlacementForm(auto_id="id_placement_%s"),
        "extend": forms.PlacementExtendForm(auto_id="id_extend_%s"),
        **(bound or {}),
    }
    context = {
        "retail": retail,
        "placements": list(retail.placements.all()),
        "forms": page_forms,
        "today": timezone.localdate(),
    }
    return render(request, "monitoring/retail_detail.html", context, status=status)


@login_required
@require_GET
def retail_detail(request, pk):
    return _page(request, get_for_user_or_404(request.user, _retail_qs(), pk=pk))


@login_required
@require_POST
def placement_create(request, pk):
    retail = get_for_user_or_404(request.user, _retail_qs(), pk=pk)
    require(may_keep_retail(request.user, retail.region_id))
    form = forms.PlacementForm(request.POST, instance=ShelfPlacement(retail_object=retail), auto_id="id_placement_%s")
    if form.is_valid() and call_service(
        request, services.placement_create, form=form, done=saved(), retail_object=retail, **form.cleaned_data
    ):
        return redirect("monitoring:retail", pk=retail.pk)
    return _page(request, retail, {"placement": form}, status=400)


@login_required
@require_POST
def placement_extend(request, pk, placement_pk):
    retail = get_for_user_or_404(request.user, _retail_qs(), pk=pk)
    require(may_keep_retail(request.user, retail.region_id))
    placement = get_for_user_or_404(request.user, ShelfPlacement.objects.filter(retail_object=retail), pk=placement_pk)
    form = forms.PlacementExtendForm(request.POST, auto_id="id_extend_%s")
    service = services.placement_extend
    if form.is_valid() and call_service(
        request, service, form=form, done=saved(), placement=placement, **form.cleaned_data
    ):
        return redirect("monitoring:retail", pk=retail.pk)
    return _page(request, retail, {"extend": form}, status=400)
