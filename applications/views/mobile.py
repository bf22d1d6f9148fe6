"""The browser's side of eGov mobile QR signing: start a session, show its QR and links, follow its state."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from applications.canonical import canonical_document
from applications.models import MobileSigning, Status
from applications.services import application_submit
from applications.services.mobile_signing import MobileRefused, mobile_signing_start, mobile_signing_take
from applications.services.signin import Identity, SignInRefused, challenge_issue, user_for_identity
from applications.signing import egov_mobile, signables
from registry.http import AuthenticatedHttpRequest, HtmxHttpRequest

from .drafts import own_draft
from .signin import IDENTITY, log_in_with_ecp

SESSION_TOKEN = "egov_mobile_token"
STOP_POLLING = 286  # htmx stops polling on this status


def _qr_page(request: HtmxHttpRequest, session: MobileSigning, status_url: str, title, again: str = "") -> HttpResponse:
    import segno

    shown = egov_mobile.links(session)
    return render(
        request,
        "applications/egov_mobile.html",
        {
            "session": session,
            "links": shown,
            "status_url": status_url,
            "title": title,
            "again": again,
            "qr": segno.make(shown["qr"], error="m").svg_data_uri(scale=4),
        },
    )


def _done(request: HtmxHttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _refused(request: HtmxHttpRequest, message, again: str = "") -> HttpResponse:
    return render(
        request,
        "applications/_egov_mobile_state.html",
        {"message": message, "again": again},
        status=STOP_POLLING if request.htmx else 400,
    )


@require_POST
def sign_in_start(request: HtmxHttpRequest) -> HttpResponse:
    """ЭЦҚ sign-in on a phone: the same one-time challenge, signed in eGov mobile instead of NCALayer."""
    from django.utils.translation import gettext as _

    challenge = challenge_issue(current=None, at=timezone.now())
    session = mobile_signing_start(
        purpose=MobileSigning.Purpose.SIGN_IN, document=challenge.document(), at=timezone.now()
    )
    request.session[SESSION_TOKEN] = session.token  # only this browser may take the result
    return _qr_page(
        request, session, reverse("signin:egov_status", args=[session.token]), _("Sign in with eGov mobile")
    )


@require_GET
def sign_in_status(request: HtmxHttpRequest, token: str) -> HttpResponse:
    if request.session.get(SESSION_TOKEN) != token:
        raise Http404
    at = timezone.now()
    try:
        session = mobile_signing_take(token=token, purpose=MobileSigning.Purpose.SIGN_IN, at=at)
        if session is None:
            return render(request, "applications/_egov_mobile_state.html", {"waiting": True})
        identity = Identity.from_session({**session.signer, "roles": session.signer.get("roles") or []})
        assert identity is not None  # the portal wrote session.signer from a verified signature
        user = user_for_identity(identity=identity, at=at)
    except (MobileRefused, SignInRefused) as refusal:
        request.session.pop(SESSION_TOKEN, None)
        return _refused(request, refusal.message)
    request.session.pop(SESSION_TOKEN, None)
    if user is None:
        request.session[IDENTITY] = identity.as_session()
        return _done(request, reverse("signin:sign_up"))
    response = log_in_with_ecp(request, user, identity, "")
    return _done(request, response["Location"])


@login_required
@require_POST
def application_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The applicant signs the application on the phone (Appendix item 9)."""
    from django.utils.translation import gettext as _

    application = own_draft(request, pk)
    if application.status != Status.DRAFT:
        return redirect("applications:detail", pk)
    details = application.details
    session = mobile_signing_start(
        purpose=MobileSigning.Purpose.APPLICATION,
        document=canonical_document(application),
        at=timezone.now(),
        application=application,
        expected_iin=details.signer_iin,
        expected_bin=details.bin if details.kind == "legal" else "",
    )
    return _qr_page(
        request,
        session,
        reverse("applications:egov_status", args=[pk, session.token]),
        _("Sign the application with eGov mobile"),
    )


@login_required
@require_GET
def application_status(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    application = own_draft(request, pk)  # only the applicant, and only their own draft's sessions
    if not MobileSigning.objects.filter(token=token[:64], application=application).exists():
        raise Http404
    try:
        session = mobile_signing_take(token=token, purpose=MobileSigning.Purpose.APPLICATION, at=timezone.now())
        if session is None:
            return render(request, "applications/_egov_mobile_state.html", {"waiting": True})
        application_submit(application=application, cms=bytes(session.cms or b""), by=request.user, at=timezone.now())
    except MobileRefused as refusal:
        return _refused(request, refusal.message)
    except ValidationError as error:
        return _refused(request, error.messages[0])
    request.session.pop(SESSION_TOKEN, None)
    return _done(request, reverse("applications:receipt", args=[pk]))


# --- any registered document (acceptance, refusal, protocol, decision notice) ----------------------


@login_required
@require_POST
def document_start(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """The official signs the same bytes NCALayer would sign, on the phone; only their own key is accepted."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    signable = signables.signable(kind)
    obj = signable.target(request.user, pk)
    at = timezone.now()
    try:
        payload = signable.payload(request.POST, request.user, obj)
        document = signable.document(request.user, obj, payload, at)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(signable.back(obj))
    session = mobile_signing_start(
        purpose=MobileSigning.Purpose.DOCUMENT,
        document=document,
        at=at,
        kind=kind,
        object_id=obj.pk,
        started_by=request.user,
        expected_iin=request.user.iin or "",
        payload=payload,
    )
    return _qr_page(
        request,
        session,
        reverse("egov_sign:status", args=[kind, obj.pk, session.token]),
        _("Sign with eGov mobile: %(document)s") % {"document": signable.title},
        again=signable.back(obj),
    )


@login_required
@require_GET
def document_status(request: AuthenticatedHttpRequest, kind: str, pk: int, token: str) -> HttpResponse:
    from django.contrib import messages

    signable = signables.signable(kind)
    obj = signable.target(request.user, pk)
    token = token[:64]
    if not MobileSigning.objects.filter(
        token=token, purpose=MobileSigning.Purpose.DOCUMENT, kind=kind, object_id=obj.pk, started_by=request.user
    ).exists():
        raise Http404  # a session of another document, or of another person
    back = signable.back(obj)
    try:
        session = mobile_signing_take(
            token=token,
            purpose=MobileSigning.Purpose.DOCUMENT,
            at=timezone.now(),
            kind=kind,
            object_id=obj.pk,
            by=request.user,
        )
        if session is None:
            return render(request, "applications/_egov_mobile_state.html", {"waiting": True})
        url = signable.complete(
            request.user, obj, bytes(session.document), bytes(session.cms or b""), session.payload, timezone.now()
        )
    except MobileRefused as refusal:
        return _refused(request, refusal.message, again=back)
    except ValidationError as error:
        return _refused(request, error.messages[0], again=back)
    if signable.done:
        messages.success(request, signable.done)
    return _done(request, url)
