from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from registry.cabinet import panels_for
from registry.documents import document_for_user_or_404, document_kind, public_copy, public_document_or_404
from registry.files import private_file_response
from registry.i18n import url_in_language
from registry.middleware import SessionIdleMiddleware
from registry.models import GeneratedDocument, Notification
from registry.notifications import notifications_mark_read
from registry.reach import scope
from registry.sessions import ACTING_BIN


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("registry:cabinet")
    return render(request, "registry/home.html")


@login_required
@require_GET
def cabinet(request):
    notifications = scope(request.user, Notification.objects.all())[:5]
    return render(
        request,
        "registry/cabinet.html",
        {
            "panels": panels_for(request),
            "latest_notifications": notifications,
            "entities": list(request.user.entities.all()),
            "acting_bin": request.session.get(ACTING_BIN, ""),
        },
    )


@login_required
@require_GET
def notification_list(request):
    notifications = scope(request.user, Notification.objects.all())[:100]
    return render(request, "registry/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notifications_read(request):
    # isdigit() admits other scripts' digits and superscripts ("٣", "²"): only ASCII digits, within bigint.
    # No id at all means "all"; ids that are all unusable mean none.
    posted = request.POST.getlist("id")
    ids = [int(i) for i in posted if i.isascii() and i.isdigit() and len(i) < 19] if posted else None
    notifications_mark_read(recipient=request.user, ids=ids)
    return redirect("registry:notifications")


@require_POST
def set_language(request):
    """The language switch: the one place (with the profile) where the stored language changes.

    Django's view translates ``next`` by resolving it in the language the
    request arrived in (cookie, then the browser's Accept-Language); from a
    ``/kk/`` page in a Russian browser that fails and reloads the Kazakh page.
    The target is built here from the path itself: its language prefix is
    swapped for the chosen one.
    """
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        # Django would accept any language it ships (``de``) and set the cookie.
        next_url = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
        return HttpResponseRedirect(next_url if safe and next_url.startswith("/") else "/")
    response = django_set_language(request)
    if not isinstance(response, HttpResponseRedirect):
        return response
    response["Location"] = url_in_language(response["Location"], language)
    if request.user.is_authenticated and request.user.language != language:
        # Notifications and e-mail are written in this language from now on.
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own (error pages, PDF tabs): answer with the real icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


@login_required
@require_POST
def session_keepalive(request):
    """ "Stay signed in": a request like any page view, so SessionIdleMiddleware pushes the end forward."""
    request.session[SessionIdleMiddleware.TOUCHED] = 0  # touch now, whatever the last refresh
    return HttpResponse(status=204)


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


@login_required
@require_GET
def document_status(request, pk: int):
    """The progress partial that htmx polls until the PDF is ready."""
    document = document_for_user_or_404(request.user, pk)
    return render(request, "registry/_document.html", {"document": document})


@login_required
@require_GET
def document_download(request, pk: int):
    document = document_for_user_or_404(request.user, pk)
    if document.state != GeneratedDocument.State.DONE:
        raise Http404
    filename = f"{document.number}-{document.kind}-{document.language}.pdf"
    return private_file_response(document.file, filename)


@require_GET
def document_verify(request, code: str):
    """Public: anyone holding a printed document can check it is genuine."""
    document = GeneratedDocument.objects.filter(verification_code=code, state=GeneratedDocument.State.DONE).first()
    kind = _kinds_title(document)
    # A kind with a public copy (the protocol, §23) shows the copy's text, personal data removed, never the
    # original's: the signed original stays within reach (document_download).
    public = public_copy(document, request.LANGUAGE_CODE) if document else None
    return render(
        request,
        "registry/document_verify.html",
        {"document": document, "kind_title": kind, "public": public},
        status=200 if document else 404,
    )


@require_GET
def document_public_download(request, code: str):
    """Public: the PDF of a public copy (personal data removed), by its verification code; nothing else."""
    document = public_document_or_404(code)
    filename = f"{document.number}-{document.kind}-{document.language}.pdf"
    return private_file_response(document.file, filename)


def _kinds_title(document):
    if document is None:
        return ""
    try:
        return document_kind(document.kind).title
    except KeyError:
        return document.kind
