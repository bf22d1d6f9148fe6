"""403, 404, 500 and CSRF-failure pages in the portal's layout and the reader's language, with a way back.

Django's handlers render bare English pages (500 even without a request); these
render the portal's ``base.html`` in the language the request's URL (or the
visitor's earlier choice) selected. The 500 page must not fail in turn: if the
full layout cannot be drawn (the database is the usual reason), a plain page
that needs nothing but the translation catalogues is sent.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request, status: int, title: str, message: str):
    return render(request, "errors/error.html", {"status": status, "title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _page(
        request,
        400,
        _("The request could not be read"),
        _("The page received data it could not read. Go back and try again."),
    )


def permission_denied(request, exception=None):
    return _page(
        request,
        403,
        _("You have no access to this page"),
        _(
            "This page belongs to another role, region or account. If you think you should see it, ask the regional coordinator."
        ),
    )


def page_not_found(request, exception=None):
    return _page(request, 404, _("Page not found"), _("The address may be mistyped, or the page was moved or removed."))


def server_error(request):
    title = _("Something went wrong on our side")
    message = _(
        "The error is recorded and will be looked at. Nothing you sent was half-saved: try again in a few minutes."
    )
    try:
        return _page(request, 500, title, message)
    except Exception:  # the layout needs the database; the plain page does not
        logger.exception("the 500 page could not be drawn in the layout")
        body = render_to_string("errors/plain.html", {"status": 500, "title": title, "message": message})
        return HttpResponseServerError(body)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form expired (an old tab, a session that ended); nothing was changed."""
    return _page(
        request,
        403,
        _("The form has expired"),
        _(
            "Nothing was changed. The page was open too long or you signed in again in another tab. Go back, reload the page and send the form again."
        ),
    )
