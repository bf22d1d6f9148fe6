"""Infrastructure objects (§6, §7, §29.1) and retail shelf space (§10, §11)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring import forms
from monitoring.charts import load_chart
from monitoring.permissions import may_record_objects
from monitoring.selectors import handed_over_projects, object_detail_qs, objects_for
from monitoring.services import objects as services
from monitoring.views.common import saved
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


@login_required
@require_GET
def object_list(request):
    return render(request, "monitoring/object_list.html", {"objects": objects_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def object_create(request):
    require(may_record_objects(request.user, request.user.region_id))
    projects = handed_over_projects(request.user)
    form = forms.ObjectForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        obj = call_service(request, services.object_create, form=form, region=request.user.region, **form.cleaned_data)
        if obj:
            return redirect("monitoring:object", pk=obj.pk)
    return render(request, "monitoring/object_form.html", {"form": form}, status=400 if form.is_bound else 200)


def _object_page(request, obj, bound=None, status=200):
    today = timezone.localdate()
    users = list(obj.users.all())
    page_forms = {
        "user": forms.ObjectUserForm(auto_id="id_user_%s"),
        "load": forms.LoadForm(auto_id="id_load_%s"),
        **(bound or {}),
    }
    context = {
        "object": obj,
        "users": users,
        "today": today,
        "forms": page_forms,
        "current_users": sum(1 for u in users if services.is_current(u, today)),
        "below_minimum": services.below_common_use_minimum(obj=obj, users=users, today=today),
        "chart": load_chart(obj.load.all(), title=_("Occupancy, % by month")) if obj.load.all() else "",
    }
    return render(request, "monitoring/object_detail.html", context, status=status)


@login_required
@require_GET
def object_detail(request, pk):
    return _object_page(request, get_for_user_or_404(request.user, object_detail_qs(), pk=pk))


@login_required
@require_POST
def object_user_add(request, pk):
    obj = get_for_user_or_404(request.user, object_detail_qs(), pk=pk)
    require(may_record_objects(request.user, obj.region_id))
    form = forms.ObjectUserForm(request.POST, auto_id="id_user_%s")
    if form.is_valid() and call_service(
        request, services.object_user_add, form=form, done=saved(), obj=obj, **form.cleaned_data
    ):
        return redirect("monitoring:object", pk=obj.pk)
    return _object_page(request, obj, {"user": form}, status=400)


@login_required
@require_POST
def load_record(request, pk):
    obj = get_for_user_or_404(request.user, object_detail_qs(), pk=pk)
    require(may_record_objects(request.user, obj.region_id))
    form = forms.LoadForm(request.POST, auto_id="id_load_%s")
    if form.is_valid() and call_service(
        request, services.load_record, form=form, done=saved(), obj=obj, **form.cleaned_data
    ):
        return redirect("monitoring:object", pk=obj.pk)
    return _object_page(request, obj, {"load": form}, status=400)
