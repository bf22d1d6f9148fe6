from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from councils import selectors, services
from councils.models import Protocol
from councils.views.common import call_service
from registry.reach import get_for_user_or_404


def _protocol(request, pk) -> Protocol:
    return get_for_user_or_404(request.user, selectors.protocols_for(request.user), pk=pk)


@login_required
@require_GET
def protocol_detail(request, pk):
    """§23: the draft as the records stand, or the frozen signed text."""
    protocol = _protocol(request, pk)
    session = protocol.session
    content = protocol.content if protocol.is_final else services.protocol_content(session)
    context = {
        "protocol": protocol,
        "session": session,
        "content": content,
        "seat": selectors.seat_for(request.user, session),
        "handover": getattr(session, "handover", None),
    }
    return render(request, "councils/protocol_detail.html", context)


@login_required
@require_POST
def handover(request, pk):
    """§25: one action sends the approved projects, documents and protocol to the budget administrator."""
    protocol = _protocol(request, pk)
    call_service(
        request, services.handover_send, done=_("The approved projects are sent to the budget administrator."),
        session=protocol.session,
    )
    return redirect("councils:protocol", pk=protocol.pk)
