import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import timezone, translation
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
            translation.get_language_from_path(request.path_info)
            or chosen_language(request)
            or settings.LANGUAGE_CODE
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
