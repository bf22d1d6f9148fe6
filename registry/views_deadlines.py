"""The deadlines page per region, a deadline's page, and the cabinet panel."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from registry.cabinet import Panel, register_panel
from registry.deadlines import deadlines_board, deadlines_counts, deadlines_export_rows
from registry.exports import export_response
from registry.forms_deadlines import DeadlineFilterForm
from registry.models import Deadline
from registry.reach import get_for_user_or_404


def _may_read_deadlines(user) -> bool:
    return user.is_superuser or user.role in Deadline.REACH.roles


@login_required
@require_GET
def deadline_list(request):
    """What is due this week, what is overdue and what was met, in the reader's reach."""
    if not _may_read_deadlines(request.user):
        raise PermissionDenied
    form = DeadlineFilterForm(request.GET or None, user=request.user)
    region = form.cleaned_data["region"] if form.is_valid() else None
    today = timezone.localdate()
    board = deadlines_board(user=request.user, today=today, region=region)
    return render(
        request,
        "registry/deadlines.html",
        {
            "board": board,
            "form": form,
            "today": today,
            "show_filter": request.user.is_national or request.user.is_superuser,
        },
    )


@login_required
@require_GET
def deadline_export(request, fmt: str):
    """The deadlines in the reader's reach (and region filter) as XLSX or CSV, in the reader's language."""
    if not _may_read_deadlines(request.user):
        raise PermissionDenied
    form = DeadlineFilterForm(request.GET or None, user=request.user)
    region = form.cleaned_data["region"] if form.is_valid() else None
    header = [
        _("Due"),
        _("Paragraph of the rules"),
        _("Deadline"),
        _("Object"),
        _("Region"),
        _("Responsible"),
        _("Opened"),
        _("Met"),
        _("Met on time"),
        _("Overdue by, working days"),
    ]
    rows = deadlines_export_rows(user=request.user, today=timezone.localdate(), region=region)
    return export_response(fmt, header, rows, filename="deadlines", title=_("Deadlines"))


@login_required
@require_GET
def deadline_detail(request, pk: int):
    deadline = get_for_user_or_404(
        request.user,
        Deadline.objects.select_related("region").prefetch_related("responsible", "messages"),
        pk=pk,
    )
    return render(request, "registry/deadline_detail.html", {"deadline": deadline, "today": timezone.localdate()})


def _panel_context(request) -> dict:
    return deadlines_counts(user=request.user, today=timezone.localdate())


def register_deadlines_panel() -> None:
    """The coordinator's and the planning body's block: due this week and overdue."""
    register_panel(
        Panel(
            template="registry/_deadlines_panel.html",
            roles=frozenset({"coordinator", "planning"}),
            context=_panel_context,
            order=90,
        )
    )
