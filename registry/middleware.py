import uuid
from contextvars import ContextVar

from django.http import HttpResponseBadRequest
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


class UserLanguageMiddleware:
    """Remembers the language a signed-in user reads in, for their notifications and e-mail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = getattr(request, "LANGUAGE_CODE", "")
        if user.is_authenticated and language and user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        return self.get_response(request)


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
