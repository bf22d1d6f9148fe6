"""The council's signed documents offered to eGov mobile (issue 13): the protocol the presiding member
signs (§23) and the coordinator's decision notice / reasoned answer (§24).

Registered with applications' generic mechanism from CouncilsConfig.ready (applications never
imports councils). The same bytes and the same services as the NCALayer path.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applications.signing.signables import Signable, register
from councils import selectors, services
from councils.models import DecisionNotice
from councils.services.common import require_coordinator, require_presiding
from registry.reach import get_for_user_or_404


def _protocol(user, pk):
    return get_for_user_or_404(user, selectors.protocols_for(user), pk=pk)


def _protocol_document(user, protocol, payload, at) -> bytes:
    # §23: only the presiding member signs, and only a protocol ready to be final.
    require_presiding(session=protocol.session, user=user)
    services.protocol_check_ready(protocol)
    return services.protocol_document(protocol)


def _protocol_complete(user, protocol, document, cms, payload, at) -> str:
    services.protocol_finalise(protocol=protocol, cms=cms, by=user, at=at)
    return reverse("councils:protocol", args=[protocol.pk])


def _notice(user, pk):
    notice = DecisionNotice.objects.filter(pk=pk).select_related("item").first()
    if notice is None:
        raise Http404
    get_for_user_or_404(user, selectors.items_for(user), pk=notice.item_id)  # the item's reach decides
    return notice


def _notice_document(user, notice, payload, at) -> bytes:
    # §24: the coordinator of the council signs a saved, unsent notice.
    require_coordinator(council=notice.item.session.council, user=user)
    if notice.is_sent:
        from django.core.exceptions import ValidationError

        raise ValidationError(_("§24: this notice has already been sent."), code="already_sent")
    return services.notice_document(notice)


def _notice_complete(user, notice, document, cms, payload, at) -> str:
    services.notice_send(notice=notice, cms=cms, by=user, at=at)
    return reverse("councils:item", args=[notice.item_id])


def register_signables() -> None:
    register(
        Signable(
            name="protocol",
            title=_("Protocol of the council session"),
            target=_protocol,
            document=_protocol_document,
            complete=_protocol_complete,
            back=lambda protocol: reverse("councils:protocol", args=[protocol.pk]),
            done=_("The protocol is signed; the applicants are notified."),
        )
    )
    register(
        Signable(
            name="notice",
            title=_("Notice of the council's decision"),
            target=_notice,
            document=_notice_document,
            complete=_notice_complete,
            back=lambda notice: reverse("councils:item", args=[notice.item_id]),
            done=_("The notice is signed and sent to the applicant."),
        )
    )
