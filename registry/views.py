from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from registry.cabinet import panels_for
from registry.models import Notification
from registry.notifications import notifications_mark_read
from registry.reach import scope


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
        {"panels": panels_for(request), "latest_notifications": notifications},
    )


@login_required
@require_GET
def notification_list(request):
    notifications = scope(request.user, Notification.objects.all())[:100]
    return render(request, "registry/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notifications_mark_read(recipient=request.user, ids=ids)
    return redirect("registry:notifications")


@require_POST
def set_language(request):
    """Django's language switch; the middleware then remembers the choice on the user."""
    return django_set_language(request)


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
