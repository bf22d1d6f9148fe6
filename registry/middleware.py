import ipaddress
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

request_id_var: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdMiddleware:
    """Gives each request an id (or keeps the proxy's) that audit events record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = rid
        return response


class SessionIdleMiddleware:
    """A signed-in session ends after ``SESSION_COOKIE_AGE`` without a request; each request pushes the end forward.

    Django's ``SESSION_SAVE_EVERY_REQUEST`` does that with a committed database
    write on every page view. This pushes it at most once every
    ``SESSION_IDLE_REFRESH_SECONDS``, so the idle limit holds to within a minute
    and a reader clicking through pages costs no write. Sits just inside
    ``SessionMiddleware``, which saves the session the response marks modified.
    """

    TOUCHED = "_idle_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            now = int(timezone.now().timestamp())
            if now - session.get(self.TOUCHED, 0) >= settings.SESSION_IDLE_REFRESH_SECONDS:
                session[self.TOUCHED] = now
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that the browser's Accept-Language is never asked.

    Kazakh is the state language: a page without a language prefix (``/``)
    opens in the language the visitor chose before with the switcher (its
    cookie), otherwise in Kazakh, whatever the browser prefers. A prefixed URL
    always wins.
    """

    def process_request(self, request):
        language = (
            translation.get_language_from_path(request.path_info) or chosen_language(request) or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def chosen_language(request) -> str:
    """The language the visitor chose with the switcher (its cookie), or ''."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else ""


class NulQueryMiddleware:
    """A query string with a NUL character is refused (400) before any view reads it.

    No browser sends one; PostgreSQL refuses NUL in text, so a view filtering on
    a raw ``request.GET`` value would otherwise answer 500. Form posts are left
    to the forms, which refuse NUL with a message next to the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(_("The address contains a NUL character."), content_type="text/plain")
        return self.get_response(request)


def needs_second_factor(request) -> bool:
    """Staff signed in with a password, not yet past their TOTP or recovery code.

    Everyone who is not an entrepreneur, and anyone who may open the admin, is
    staff here. A session signed in with ЭЦҚ needs nothing more: the key and its
    PIN are already two factors.
    """
    from registry.sessions import AUTH_METHOD

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    staff = user.role != "entrepreneur" or user.is_staff or user.is_superuser
    if not staff or request.session.get(AUTH_METHOD) == "ecp":
        return False
    return not user.is_verified()


class StaffSecondFactorMiddleware:
    """Staff reach no page but the second-factor pages (and sign-out) until they pass it.

    Sits after django_otp's OTPMiddleware, which tells whether the session's
    device verified the user. Covers the Django admin too.
    """

    OPEN_NAMES = ("otp_verify", "otp_setup", "logout", "set_language", "healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request) and not self._open(request):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = reverse("otp_verify" if has_device else "otp_setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _open(self, request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                return True  # a 404 shows nothing
        return match.url_name in self.OPEN_NAMES and not match.namespace


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind ``TRUSTED_PROXY_COUNT`` proxies of our own,
    the address the outermost of them appended to X-Forwarded-For.

    Entries left of that one are whatever the client wrote and are never believed; without a
    trusted proxy the header is ignored altogether. django-axes keys its lockouts on this
    (``AXES_CLIENT_IP_CALLABLE``), together with the username.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class PrivateHtmlCacheMiddleware:
    """Pages shown to a signed-in user are never kept by a browser or a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, no_store=True, private=True)
        return response
