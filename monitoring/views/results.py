"""The entrepreneur reports a year's counter-obligations from their cabinet (§32)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from monitoring import forms
from monitoring.models import YearResult
from monitoring.permissions import may_report_results
from monitoring.services.results import year_result_report
from monitoring.views.common import saved
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


@login_required
@require_http_methods(["GET", "POST"])
def result_report(request, pk):
    result = get_for_user_or_404(request.user, YearResult.objects.select_related("application"), pk=pk)
    require(may_report_results(request.user, result))
    form = forms.YearFactForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(request, year_result_report, form=form, done=saved(), result=result, **form.cleaned_data)
    ):
        return redirect("registry:cabinet")
    return render(
        request, "monitoring/result_report.html", {"result": result, "form": form}, status=400 if form.is_bound else 200
    )
