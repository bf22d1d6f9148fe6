"""The staff's second factor (TOTP and recovery codes) and the user's signed-in sessions."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.accounts import sessions_end_all, sessions_live
from registry.audit import audit_record
from registry.http import AuthenticatedHttpRequest

RECOVERY_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    value = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return value
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The code of the authenticator app, or one of the recovery codes (each works once)."""
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            audit_record(
                actor=request.user,
                obj=request.user,
                action="user_second_factor",
                reason=type(device).__name__,
                at=timezone.now(),
            )
            return redirect(_next(request) or "registry:cabinet")
        form.add_error("token", _("The code is wrong or has expired. Enter the current code."))
    return render(
        request,
        "registration/otp_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


def new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First password sign-in of a staff member: bind an authenticator app, get recovery codes once."""
    import segno

    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("otp_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(request.user)
                audit_record(actor=request.user, obj=request.user, action="user_second_factor_setup", at=timezone.now())
            otp_login(request, device)
            return render(request, "registration/otp_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", _("The code is wrong or has expired. Enter the current code."))
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "registration/otp_setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    sessions = list(sessions_live(user=request.user, at=timezone.now())[:50])
    return render(request, "registry/sessions.html", {"sessions": sessions, "current": request.session.session_key})


@login_required
@require_POST
def logout_everywhere(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ends this and every other session of the user (a lost phone, a shared computer)."""
    user = request.user
    sessions_end_all(user=user, at=timezone.now())
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("login")


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's, answering 404 to a used or forged link (as any unknown object does)."""

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)
