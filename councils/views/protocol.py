import base64

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications.signing import NCALAYER_TEXTS, SignatureError, demo_sign
from councils import selectors, services
from councils.documents import PROTOCOL_PUBLIC
from councils.forms import SignForm
from councils.models import Protocol
from councils.permissions import may_coordinate, standing
from councils.services.protocol import protocol_bytes
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


def _protocol(request, pk) -> Protocol:
    return get_for_user_or_404(request.user, selectors.protocols_for(request.user), pk=pk)


@login_required
@require_GET
def protocol_detail(request, pk):
    """§23: the draft as the records stand, or the frozen signed text."""
    return protocol_detail_page(request, _protocol(request, pk))


def protocol_detail_page(request, protocol: Protocol, form: SignForm | None = None, status: int = 200):
    session = protocol.session
    content = protocol.content if protocol.is_final else services.protocol_content(session)
    seat = selectors.seat_for(request.user, session)
    handover = getattr(session, "handover", None)
    context = {
        "protocol": protocol,
        "session": session,
        "content": content,
        "seat": seat,
        "handover": handover,
        "documents": selectors.protocol_documents(protocol),
        # §23: what anyone sees of it (personal data removed), so the staff know what is published.
        "public_documents": selectors.protocol_documents(protocol, PROTOCOL_PUBLIC),
        "missing_reasons": any(i["decision"] == "rejected" and not i["reasons"] for i in content["items"]),
        "can_hand_over": protocol.is_final and handover is None and bool(may_coordinate(request.user, session.council)),
        **_signing_context(request.user, protocol, seat, content, form),
    }
    return render(request, "councils/protocol_detail.html", context, status=status)


@login_required
@require_POST
def handover(request, pk):
    """§25: one action sends the approved projects, documents and protocol to the budget administrator."""
    protocol = _protocol(request, pk)
    call_service(
        request,
        services.handover_send,
        done=_("The approved projects are sent to the budget administrator."),
        session=protocol.session,
    )
    return redirect("councils:protocol", pk=protocol.pk)


def _signing_context(user, protocol: Protocol, seat, content: dict, form: SignForm | None = None) -> dict:
    """The chair signs a draft; the page offers NCALayer's document and, on a demo portal, the demo key."""
    # §23: the presiding member signs (the deputy chair when the chair was absent).
    if protocol.is_final or seat is None or not standing(user, protocol.session, seat=seat).presides:
        return {}
    return {
        "sign_form": form or SignForm(),
        "document_to_sign": base64.b64encode(protocol_bytes(content)).decode("ascii"),
        "demo_signing": getattr(settings, "SIGNATURE_DEMO_SIGNER", False),
        "ncalayer_texts": NCALAYER_TEXTS,
    }


def _demo_form(request, protocol: Protocol) -> SignForm:
    """DEMO ONLY: the chair's test key signs in place of NCALayer (SIGNATURE_DEMO_SIGNER)."""
    try:
        cms = demo_sign(request.user, services.protocol_document(protocol))
    except SignatureError as error:
        form = SignForm({"cms": ""})
        form.is_valid()
        form.add_error(None, str(error.message))
        return form
    return SignForm({"cms": base64.b64encode(cms).decode("ascii")})


@login_required
@require_POST
def protocol_sign(request, pk):
    """§23: the chair signs with ЭЦҚ; the protocol is frozen and the applicants told (§24)."""
    protocol = _protocol(request, pk)
    form = SignForm(request.POST)
    if request.POST.get("demo") and getattr(settings, "SIGNATURE_DEMO_SIGNER", False):
        form = _demo_form(request, protocol)
    if form.is_valid() and call_service(
        request,
        services.protocol_finalise,
        form=form,
        done=_("The protocol is signed; the applicants are notified."),
        protocol=protocol,
        cms=form.cleaned_data["cms"],
    ):
        return redirect("councils:protocol", pk=protocol.pk)
    return protocol_detail_page(request, protocol, form=form, status=400)
