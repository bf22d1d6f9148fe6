from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from councils import selectors, services
from councils.forms import MemberAddForm, MemberEndForm
from councils.models import CouncilMember
from councils.permissions import may_coordinate
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


def _council(request):
    council = selectors.council_of(request.user)
    if council is None:
        raise Http404
    require(may_coordinate(request.user, council))
    return council


def _render(request, council, add_form=None, status=200):
    today = timezone.localdate()
    members: list[Any] = list(selectors.roster(council))  # each gets active_today
    for member in members:
        member.active_today = member.is_active_on(today)
    context = {
        "council": council,
        "members": members,
        "today": today,
        "roster_errors": services.roster_check(council=council, on=today),
        "add_form": add_form or MemberAddForm(region=council.region_id),
        "end_form": MemberEndForm(),
    }
    return render(request, "councils/roster.html", context, status=status)


@login_required
@require_GET
def roster(request):
    return _render(request, _council(request))


@login_required
@require_POST
def member_add(request):
    council = _council(request)
    form = MemberAddForm(request.POST, region=council.region_id)
    if form.is_valid() and call_service(
        request,
        services.membership_add,
        form=form,
        done=_("The member is added."),
        council=council,
        **form.cleaned_data,
    ):
        return redirect("councils:roster")
    return _render(request, council, add_form=form, status=400)


@login_required
@require_POST
def member_end(request, pk):
    council = _council(request)
    member = get_for_user_or_404(request.user, CouncilMember.objects.select_related("user"), pk=pk, council=council)
    form = MemberEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the last day of the term."))
        return redirect("councils:roster")
    call_service(request, services.membership_end, done=_("The term is ended."), member=member, **form.cleaned_data)
    return redirect("councils:roster")
