"""§29.1: upload a month's load readings as XLSX: template, preview with every row's errors, then save all or none."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring import imports
from monitoring.permissions import may_record_objects, may_record_results
from registry.exports import XLSX_TYPE
from registry.permissions import require
from registry.service_calls import call_service

SESSION_KEY = "monitoring_load_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in template (XLSX)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )


@login_required
@require_GET
def load_template(request):
    require(may_record_objects(request.user, request.user.region_id))
    response = HttpResponse(imports.load_template(user=request.user), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="load-template-{request.LANGUAGE_CODE}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def load_upload(request):
    """GET: the page; POST: read the file and show every row with its errors (nothing saved yet)."""
    require(may_record_objects(request.user, request.user.region_id))
    form = UploadForm(request.POST or None, request.FILES or None)
    rows, status = None, 200
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
        if form.is_valid():
            try:
                rows = imports.load_parse(form.cleaned_data["file"], user=request.user, today=timezone.localdate())
            except ValidationError as error:
                form.add_error("file", error)
            else:
                if rows and not any(r.errors for r in rows):
                    request.session[SESSION_KEY] = imports.rows_to_session(rows)
                elif not rows:
                    form.add_error("file", _("The file has no filled-in rows."))
        status = 400 if form.errors or (rows and any(r.errors for r in rows)) else 200
    return render(
        request,
        "monitoring/load_import.html",
        {
            "form": form,
            "rows": rows,
            "has_errors": rows is not None and any(r.errors for r in rows),
        },
        status=status,
    )


@login_required
@require_POST
def load_save(request):
    """Save the previewed readings, all of them or none."""
    require(may_record_objects(request.user, request.user.region_id))
    data = request.session.pop(SESSION_KEY, None)
    if not data:
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("monitoring:load_import")
    count = call_service(request, imports.load_import, rows=imports.rows_from_session(data))
    if count is None:
        return redirect("monitoring:load_import")
    messages.success(request, ngettext("Saved: %(n)s reading.", "Saved: %(n)s readings.", count) % {"n": count})
    return redirect("monitoring:objects")


RESULTS_KEY = "monitoring_results_import"


@login_required
@require_GET
def results_template(request):
    require(may_record_results(request.user, request.user.region_id))
    response = HttpResponse(imports.results_template(user=request.user), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="results-template-{request.LANGUAGE_CODE}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def results_upload(request):
    """§29.2: GET the page; POST read the file and show every row with its errors (nothing saved yet)."""
    require(may_record_results(request.user, request.user.region_id))
    form = UploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST":
        request.session.pop(RESULTS_KEY, None)
        if form.is_valid():
            try:
                rows = imports.results_parse(form.cleaned_data["file"], user=request.user, today=timezone.localdate())
            except ValidationError as error:
                form.add_error("file", error)
            else:
                if rows and not any(r.errors for r in rows):
                    request.session[RESULTS_KEY] = imports.results_to_session(rows)
                elif not rows:
                    form.add_error("file", _("The file has no filled-in rows."))
    has_errors = rows is not None and any(r.errors for r in rows)
    return render(
        request,
        "monitoring/results_import.html",
        {"form": form, "rows": rows, "has_errors": has_errors},
        status=400 if form.errors or has_errors else 200,
    )


@login_required
@require_POST
def results_save(request):
    require(may_record_results(request.user, request.user.region_id))
    data = request.session.pop(RESULTS_KEY, None)
    if not data:
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("monitoring:results_import")
    count = call_service(request, imports.results_import, rows=imports.results_from_session(data))
    if count is None:
        return redirect("monitoring:results_import")
    messages.success(request, ngettext("Saved: %(n)s indicator.", "Saved: %(n)s indicators.", count) % {"n": count})
    return redirect("monitoring:projects")
