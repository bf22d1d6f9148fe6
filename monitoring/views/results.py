"""The entrepreneur reports a year's counter-obligations from their cabinet (§32)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from monitoring import forms
from monitoring.models import YearResult
from monitoring.services.results import year_result_report
from monitoring.views.common import require_role, run, saved
from registry.reach import get_for_user_or_404


@login_required
@require_http_methods(["GET", "POST"])
def result_report(request, pk):
    result = get_for_user_or_404(request.user, YearResult.objects.select_related("application"), pk=pk)
    require_role(request, "entrepreneur")
    form = forms.YearFactForm(request.POST or None)
    if request.method == "POST":

        def action(d):
            return year_result_report(result=result, by=request.user, at=timezone.now(), **d)

        if run(request, form, action, saved()):
            return redirect("registry:cabinet")
    return render(
        request, "monitoring/result_report.html", {"result": result, "form": form}, status=400 if form.is_bound else 200
    )
