"""The front door: sign in with ЭЦҚ (NCALayer) or a password (staff), sign up from a certificate."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applications.forms.signin import EcpSignInForm, SignUpForm
from applications.services.signin import (
    Challenge,
    Identity,
    SignInRefused,
    acting_entity_choose,
    challenge_issue,
    challenge_redeem,
    entrepreneur_sign_up,
    user_for_identity,
)
from applications.signing import NCALAYER_TEXTS, SignatureError, demo_sign
from registry.accounts import session_method_set
from registry.forms_auth import LoginForm
from registry.http import AuthenticatedHttpRequest
from registry.models import User
from registry.sessions import ACTING_BIN, AUTH_METHOD
from registry.signed_in import BACKEND as SIGNED_IN_BACKEND

CHALLENGE = "ecp_challenge"
IDENTITY = "ecp_identity"
NEXT = "ecp_next"


def _challenge_context(request: HttpRequest) -> dict:
    challenge = challenge_issue(current=request.session.get(CHALLENGE), at=timezone.now())
    request.session[CHALLENGE] = challenge.as_session()
    return {"challenge_b64": base64.b64encode(challenge.document()).decode(), "ncalayer_texts": NCALAYER_TEXTS}


class PortalLoginView(auth_views.LoginView):
    """One page, three doors: ЭЦҚ via NCALayer, ЭЦҚ via eGov mobile, username + password (staff)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_challenge_context(self.request))
        context["ecp_form"] = kwargs.get("ecp_form") or EcpSignInForm()
        context["demo_signer"] = settings.SIGNATURE_DEMO_SIGNER
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # A password alone is one factor: staff pass the second before any staff page (registry.middleware).
        self.request.session[AUTH_METHOD] = "password"
        session_method_set(session_key=self.request.session.session_key, method="password")
        return response


def _safe_next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def log_in_with_ecp(request: HttpRequest, user, identity: Identity, next_url: str) -> HttpResponse:
    login(request, user, backend=SIGNED_IN_BACKEND)
    request.session[AUTH_METHOD] = "ecp"  # the ЭЦҚ is the strong factor: no TOTP asked
    session_method_set(session_key=request.session.session_key, method="ecp")
    if identity.bin:
        request.session[ACTING_BIN] = identity.bin
    return redirect(next_url or "registry:cabinet")


@require_POST
def ecp_sign_in(request: HttpRequest) -> HttpResponse:
    """Verifies the CMS over the session's nonce; a known ЖСН signs in, a new one goes on to sign up."""
    form = EcpSignInForm(request.POST)
    challenge = request.session.pop(CHALLENGE, None)  # one attempt per nonce, whatever happens
    next_url = _safe_next(request, request.POST.get("next", ""))
    if form.is_valid():
        at = timezone.now()
        try:
            identity = challenge_redeem(challenge=challenge, cms=form.cleaned_data["cms_bytes"], at=at)
            user = user_for_identity(identity=identity, at=at)
        except SignInRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if user is not None:
                return log_in_with_ecp(request, user, identity, next_url)
            request.session[IDENTITY] = identity.as_session()
            request.session[NEXT] = next_url
            return redirect("signin:sign_up")
    view = PortalLoginView(request=request, kwargs={})
    view.setup(request)
    context = view.get_context_data(form=LoginForm(request), ecp_form=form, next=next_url)
    return render(request, "registration/login.html", context, status=400)


@require_POST
def demo_sign_in(request: HttpRequest) -> HttpResponse:
    """DEMO ONLY: the server signs the session's nonce with a seed_demo user's test key, then the usual check.

    Exists only where the demo signer is on; the verifier, the nonce and the account lookup are the real ones.
    """
    if not settings.SIGNATURE_DEMO_SIGNER:
        raise Http404
    challenge = request.session.get(CHALLENGE)
    current = Challenge.from_session(challenge) if challenge else None
    user = User.objects.filter(username=request.POST.get("username", "")[:150], is_active=True).first()
    cms = b""
    if current is not None and user is not None:
        try:
            cms = demo_sign(user, current.document())
        except SignatureError:
            cms = b""
    mutable = request.POST.copy()
    mutable["cms"] = base64.b64encode(cms).decode() if cms else ""
    request.POST = mutable  # type: ignore[assignment]  # django-stubs' _ImmutableQueryDict exists only in the stubs
    return ecp_sign_in(request)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """First ЭЦҚ sign-in: asks only what the certificate does not hold."""
    identity = Identity.from_session(request.session.get(IDENTITY) or {})
    if identity is None or not identity.iin:
        messages.error(request, _("Sign in with ЭЦҚ first: your account is made from your certificate."))
        return redirect("login")
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            user = entrepreneur_sign_up(identity=identity, at=timezone.now(), **form.service_values())
        except SignInRefused as refusal:
            request.session.pop(IDENTITY, None)
            messages.error(request, refusal.message)
            return redirect("login")
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            next_url = request.session.pop(NEXT, "")
            request.session.pop(IDENTITY, None)
            messages.success(request, _("Your account is ready. Welcome to the portal."))
            return log_in_with_ecp(request, user, identity, next_url)
    return render(
        request, "registration/sign_up.html", {"form": form, "identity": identity}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def choose_entity(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The cabinet's choice: act for one of the legal entities the person's certificates named, or as oneself."""
    try:
        link = acting_entity_choose(user=request.user, bin_=request.POST.get("bin", "")[:12])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        request.session[ACTING_BIN] = link.bin if link else ""
        messages.success(
            request,
            _("You now act for %(name)s.") % {"name": link.name or link.bin}
            if link
            else _("You now act as an individual entrepreneur."),
        )
    return redirect("registry:cabinet")
