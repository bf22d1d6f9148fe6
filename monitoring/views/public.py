"""§17: published individual financing plans, open to everyone (no login)."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from monitoring.selectors import public_plans


@require_GET
def public_plan_list(request):
    return render(request, "monitoring/public_plans.html", {"regions": public_plans()})
