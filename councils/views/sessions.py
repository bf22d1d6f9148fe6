from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils import exports, selectors, services
from councils.forms import ScheduleForm
from councils.models import CouncilMember, CouncilSession
from councils.permissions import may_coordinate
from councils.rules import QUORUM_RULE, quorum_holds
from councils.views.common import seat_flags
from registry.exports import export_response
from registry.permissions import require
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


def _session(request, pk) -> CouncilSession:
    return get_for_user_or_404(request.user, selectors.session_page(request.user), pk=pk)


@login_required
@require_GET
def session_list(request):
    sessions = selectors.sessions_for(request.user).order_by("-starts_at", "-id")[:100]
    council = selectors.council_of(request.user)
    return render(request, "councils/session_list.html", {"sessions": sessions, "council": council})


@login_required
@require_GET
def session_export(request, fmt):
    """Every session in the reader's reach (not only the latest hundred) as XLSX or CSV."""
    sessions = selectors.sessions_for(request.user).order_by("-starts_at", "-id")
    return export_response(
        fmt,
        exports.sessions_columns(),
        exports.sessions_rows(sessions),
        filename="sessions",
        title=_("Council sessions"),
    )


@login_required
@require_GET
def agenda_export(request, pk, fmt):
    """§19.4, §21: one session's agenda with each item's decision and vote figures."""
    session = _session(request, pk)
    return export_response(
        fmt,
        exports.agenda_columns(),
        exports.agenda_rows(selectors.session_items(session)),
        filename=f"agenda-{session.council.region.code}-{session.number}",
        title=str(session.number),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    """§19.4: the coordinator forms the agenda and schedules the session."""
    council = selectors.council_of(request.user)
    if council is None:
        raise Http404
    require(may_coordinate(request.user, council))
    form = ScheduleForm(request.POST or None, applications=selectors.recommended_for(council))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            request,
            services.session_schedule,
            form=form,
            done=_("The session is scheduled and the members notified."),
            council=council,
            starts_at=data["starts_at"],
            place=data["place"],
            online_link=data["online_link"],
            applications=list(data["applications"]),
        ):
            return redirect("councils:session_list")
    return render(request, "councils/session_new.html", {"form": form, "council": council})


@login_required
@require_GET
def session_detail(request, pk):
    session = _session(request, pk)
    attendance = list(selectors.session_attendance(session))
    present = sum(1 for row in attendance if row.present)
    seat = selectors.seat_for(request.user, session)
    context = {
        "session": session,
        "attendance": attendance,
        "items": selectors.agenda_rows(session),
        "present": present,
        "quorum": quorum_holds(present=present, members=len(attendance)),
        "quorum_rule": QUORUM_RULE,
        **seat_flags(seat, user=request.user, session=session),
        "agenda_pack": selectors.agenda_pack(session),
        "my_row": next((row for row in attendance if seat and row.member_id == seat.pk), None),
        "protocol": getattr(session, "protocol", None),
        "designated": services.designated_presider(session),
    }
    if (
        seat is not None
        and seat.position == CouncilMember.Position.CHAIR
        and session.status != CouncilSession.Status.CLOSED
    ):
        # §2(18): the chair may designate a voting member (during the session, one in the room).
        if session.status == CouncilSession.Status.OPEN:
            candidates = [row.member for row in attendance if row.present and row.member_id != seat.pk]
        else:
            candidates = list(
                CouncilMember.objects.active_on(timezone.localdate(session.starts_at))
                .filter(council=session.council)
                .exclude(pk=seat.pk)
                .select_related("user")
                .order_by("user__last_name", "user__first_name", "id")
            )
        context["designate_candidates"] = candidates
    if session.status == CouncilSession.Status.SCHEDULED:
        context["my_intent"] = session.intents.filter(member=seat).first() if seat else None
        if context["officer"]:
            context.update(services.quorum_forecast(session))
    return render(request, "councils/session_detail.html", context)


@login_required
@require_POST
def presider_designate(request, pk):
    """§2(18), §14: the chair designates the member who presides in the chair's absence (empty: withdraw)."""
    session = _session(request, pk)
    raw = request.POST.get("member", "").strip()
    member = None
    if raw:
        member = CouncilMember.objects.filter(council=session.council, pk=int(raw) if raw.isdigit() else 0).first()
        if member is None:
            messages.error(request, _("Choose a voting member of this council other than the chair."))
            return redirect("councils:session", pk=session.pk)
    call_service(
        request,
        services.presider_designate,
        done=_("The presiding member is designated.") if member else _("The designation is withdrawn."),
        session=session,
        member=member,
    )
    return redirect("councils:session", pk=session.pk)


@login_required
@require_POST
def attendance_intent(request, pk):
    """A member answers the notice: "I will attend" or "I will not"."""
    session = _session(request, pk)
    seat = selectors.seat_for(request.user, session)
    if seat is None:
        raise Http404
    call_service(
        request,
        services.attendance_intent_set,
        done=_("Your answer is recorded."),
        session=session,
        member=seat,
        will_attend=request.POST.get("will_attend") == "1",
    )
    return redirect("councils:session", pk=session.pk)


@login_required
@require_GET
def session_calendar(request, pk):
    """The session as an .ics file (date, time, place, agenda) in the reader's language."""
    session = _session(request, pk)
    body = services.session_ics_for_reader(
        session, url=request.build_absolute_uri(reverse("councils:session", args=[session.pk]))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="council-session-{session.number}.ics"'
    return response


@login_required
@require_POST
def session_open(request, pk):
    session = _session(request, pk)
    call_service(request, services.session_open, done=_("The session is open."), session=session)
    return redirect("councils:session", pk=session.pk)


@login_required
@require_POST
def session_close(request, pk):
    session = _session(request, pk)
    call_service(
        request, services.session_close, done=_("The session is closed; the protocol is drafted."), session=session
    )
    return redirect("councils:session", pk=session.pk)


@login_required
@require_POST
def check_in(request, pk):
    """A member marks their own presence from the cabinet (§21)."""
    session = _session(request, pk)
    seat = selectors.seat_for(request.user, session)
    if seat is None:
        raise Http404
    present = request.POST.get("present", "1") == "1"
    call_service(request, services.attendance_mark, session=session, member=seat, present=present)
    return redirect("councils:session", pk=session.pk)


@login_required
@require_POST
def attendance_record(request, pk, row_pk):
    """The secretary records who is in the room (§21)."""
    session = _session(request, pk)
    row = get_object_or_404(session.attendance.select_related("member__user"), pk=row_pk)
    present = request.POST.get("present", "1") == "1"
    call_service(request, services.attendance_mark, session=session, member=row.member, present=present)
    return redirect("councils:session", pk=session.pk)
