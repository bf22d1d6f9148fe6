import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.signing import NCALAYER_TEXTS
from councils import selectors, services
from councils.forms import (
    CarryForm,
    NotesForm,
    NoticeForm,
    ReasonsForm,
    RecordVoteForm,
    RecusalForm,
    SignForm,
    VoteForm,
)
from councils.models import AgendaItem, DecisionNotice, Vote
from councils.permissions import may_coordinate
from councils.rules import participation
from councils.views.common import seat_flags
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


def _item(request, pk) -> AgendaItem:
    return get_for_user_or_404(request.user, selectors.items_for(request.user), pk=pk)


def _back(item: AgendaItem):
    return redirect("councils:item", pk=item.pk)


def _tally_context(item: AgendaItem) -> dict:
    item = selectors.items_for_tally(item)
    return {"item": item, "tally": services.item_tally(item), "votes": list(item.votes.all())}


@login_required
@require_GET
def item_detail(request, pk):
    """The live page of one item: the discussion record (§22), recusals and votes (§21)."""
    item = _item(request, pk)
    seat = selectors.seat_for(request.user, item.session)
    tally = _tally_context(item)
    attendance = list(selectors.session_attendance(item.session).filter(present=True))
    recusals = list(item.recusals.select_related("member__user"))
    # §21: the one computation of who takes part, on the rows this page shows anyway.
    taking_part = participation(
        members=tally["tally"].members,
        present=[row.member_id for row in attendance],
        recused=[r.member_id for r in recusals],
    )
    takes_part = seat is not None and taking_part.takes_part(seat.pk)
    flags = seat_flags(seat, user=request.user, session=item.session)
    protocol = getattr(item.session, "protocol", None)
    my_vote = next((v for v in tally["votes"] if seat and v.member_id == seat.pk), None)
    conflict_flags = list(item.conflict_flags.select_related("member__user"))
    my_flag = next((f for f in conflict_flags if seat and f.member_id == seat.pk), None)
    context = {
        **tally,
        **flags,
        "my_vote": my_vote,
        "attendance": [row for row in attendance if taking_part.takes_part(row.member_id)],
        "recusals": recusals,
        "conflict_flags": conflict_flags,
        "my_flag": my_flag,
        "can_recuse_or_vote": takes_part and item.status in (AgendaItem.Status.PENDING, AgendaItem.Status.VOTING),
        "can_vote": takes_part
        and item.status == AgendaItem.Status.VOTING
        and not (my_flag and not my_flag.declared_at),
        "can_recuse": takes_part and item.status == AgendaItem.Status.PENDING,
        "frozen": bool(protocol and protocol.is_final),
        "vote_choices": Vote.Choice.choices,
        "vote_form": VoteForm(initial={"choice": my_vote.choice} if my_vote else None),
        "notes_form": NotesForm(initial={"notes": item.notes}),
        "reasons_form": ReasonsForm(initial={"reasons": item.reasons}),
        "carry_form": CarryForm(),
        "recusal_form": RecusalForm(),
        "notices": _notices_context(request, item, frozen=bool(protocol and protocol.is_final)),
        "ncalayer_texts": NCALAYER_TEXTS,
        # §22(2): members and the coordinator read the full documents (see views.dossier).
        "can_read_dossier": seat is not None or flags["is_coordinator"],
    }
    return render(request, "councils/item_detail.html", context)


def _notices_context(request, item: AgendaItem, *, frozen: bool) -> list[dict]:
    """§24: for the coordinator, each notice the decision needs: its draft (prefilled) or what was sent."""
    if not frozen or not may_coordinate(request.user, item.session.council):
        return []
    existing = {n.kind: n for n in item.notices.select_related("sent_by")}
    rows = []
    for kind in services.notices_required(item):
        notice = existing.get(kind)
        text = notice.text if notice else services.notice_prefill(item=item, kind=kind)
        rows.append(
            {
                "kind": kind,
                "label": DecisionNotice.Kind(kind).label,
                "notice": notice,
                "form": NoticeForm(initial={"text": text}, prefix=kind),
                "document_to_sign": base64.b64encode(services.notice_document(notice)).decode("ascii")
                if notice and not notice.is_sent
                else "",
                "demo_signing": getattr(settings, "SIGNATURE_DEMO_SIGNER", False),
            }
        )
    return rows


@login_required
@require_GET
def item_tally(request, pk):
    """The tally fragment the live page polls every 2 s (htmx)."""
    return render(request, "councils/_tally.html", _tally_context(_item(request, pk)))


def _my_seat(request, item):
    seat = selectors.seat_for(request.user, item.session)
    if seat is None:
        raise Http404
    return seat


@login_required
@require_POST
def item_recuse(request, pk):
    return _member_declares(request, pk, services.recusal_declare, done=_("Your conflict of interest is recorded."))


def _member_declares(request, pk, service, *, done):
    """A member's own declaration on an item (recusal, or no conflict), with its reason."""
    item = _item(request, pk)
    member = _my_seat(request, item)
    form = RecusalForm(request.POST)
    if not form.is_valid():
        # Nothing is saved: an over-long reason is refused, never cut or dropped.
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(item)
    call_service(request, service, done=done, item=item, member=member, reason=form.cleaned_data["reason"])
    return _back(item)


@login_required
@require_POST
def item_voting_open(request, pk):
    item = _item(request, pk)
    call_service(request, services.item_voting_open, done=_("The vote is open."), item=item)
    return _back(item)


@login_required
@require_POST
def item_vote(request, pk):
    """A member votes from the cabinet (§21)."""
    item = _item(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return _back(item)
    call_service(
        request,
        services.vote_cast,
        done=_("Your vote is recorded."),
        item=item,
        member=_my_seat(request, item),
        choice=form.cleaned_data["choice"],
    )
    return _back(item)


@login_required
@require_POST
def item_vote_record(request, pk):
    """The secretary records a member's show of hands (§21)."""
    item = _item(request, pk)
    form = RecordVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return _back(item)
    row = get_object_or_404(
        item.session.attendance.select_related("member__user"), member_id=form.cleaned_data["member"]
    )
    call_service(
        request,
        services.vote_cast,
        done=_("The vote is recorded."),
        item=item,
        member=row.member,
        choice=form.cleaned_data["choice"],
    )
    return _back(item)


@login_required
@require_POST
def item_close(request, pk):
    item = _item(request, pk)
    call_service(request, services.item_close, done=_("The vote is closed."), item=item)
    return _back(item)


@login_required
@require_POST
def item_carry(request, pk):
    item = _item(request, pk)
    form = CarryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the item is carried."))
        return _back(item)
    call_service(
        request, services.item_carry, done=_("The item is carried to a later session."), item=item, **form.cleaned_data
    )
    return _back(item)


@login_required
@require_POST
def item_notes(request, pk):
    item = _item(request, pk)
    form = NotesForm(request.POST)
    if form.is_valid():
        call_service(request, services.item_notes_set, done=_("The notes are saved."), item=item, **form.cleaned_data)
    return _back(item)


@login_required
@require_POST
def item_reasons(request, pk):
    item = _item(request, pk)
    form = ReasonsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reasons."))
        return _back(item)
    call_service(request, services.item_reasons_set, done=_("The reasons are saved."), item=item, **form.cleaned_data)
    return _back(item)


def _notice_kind(kind: str) -> str:
    if kind not in DecisionNotice.Kind.values:
        raise Http404
    return kind


@login_required
@require_POST
def item_notice_prepare(request, pk, kind):
    """§24: the coordinator saves the (edited) text of the notice or the reasoned answer."""
    item = _item(request, pk)
    form = NoticeForm(request.POST, prefix=_notice_kind(kind))
    if not form.is_valid():
        messages.error(request, _("Write the text of the notice."))
        return _back(item)
    call_service(
        request,
        services.notice_prepare,
        done=_("The text is saved; sign it to send."),
        item=item,
        kind=kind,
        text=form.cleaned_data["text"],
    )
    return _back(item)


@login_required
@require_POST
def item_notice_send(request, pk, kind):
    """§24: the coordinator signs the saved text with ЭЦҚ and sends it to the applicant, once."""
    from applications.signing import SignatureError, demo_sign

    item = _item(request, pk)
    notice = item.notices.filter(kind=_notice_kind(kind)).first()
    if notice is None:
        messages.error(request, _("Save the text of the notice first."))
        return _back(item)
    form = SignForm(request.POST)
    if request.POST.get("demo") and getattr(settings, "SIGNATURE_DEMO_SIGNER", False):
        try:
            cms = demo_sign(request.user, services.notice_document(notice))
        except SignatureError as error:
            messages.error(request, str(error.message))
            return _back(item)
        form = SignForm({"cms": base64.b64encode(cms).decode("ascii")})
    if not form.is_valid():
        messages.error(request, _("Sign the notice with ЭЦҚ."))
        return _back(item)
    call_service(
        request,
        services.notice_send,
        done=_("The notice is signed and sent to the applicant."),
        notice=notice,
        cms=form.cleaned_data["cms"],
    )
    return _back(item)


@login_required
@require_POST
def item_no_conflict(request, pk):
    """The flagged member declares, with a reason, that there is no conflict of interest."""
    return _member_declares(request, pk, services.conflict_declare_none, done=_("Your declaration is recorded."))
