"""The application's message thread: the coordinator asks, the applicant answers (with PDFs)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from applications.models import COORDINATOR_KINDS, ApplicationMessage, MessageKind, Status
from applications.permissions import may_review, may_write_message
from applications.selectors import application_for_user
from applications.services.messages import BODY_MAX, message_send
from registry.files import private_file_response
from registry.http import AuthenticatedHttpRequest
from registry.reach import get_for_user_or_404
from registry.service_calls import call_service


class MessageForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of message"), choices=[])
    body = forms.CharField(label=gettext_lazy("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(
        label=gettext_lazy("PDF file (if needed)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, coordinator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = COORDINATOR_KINDS if coordinator else (MessageKind.ANSWER,)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in kinds]
        self.fields["attachment"].help_text = _("PDF only, up to %(size)s.") % {
            "size": filesizeformat(settings.UPLOAD_MAX_BYTES)
        }


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    if application.status == Status.DRAFT:
        raise Http404  # §18: no thread before the application is sent
    coordinator = bool(may_review(request.user))
    form = MessageForm(request.POST or None, request.FILES or None, coordinator=coordinator)
    status = 200
    if request.method == "POST":
        if not may_write_message(request.user, application):
            raise Http404
        if form.is_valid() and call_service(
            request,
            message_send,
            form=form,
            done=_("The message is sent."),
            application=application,
            kind=form.cleaned_data["kind"],
            body=form.cleaned_data["body"],
            upload=form.cleaned_data["attachment"],
        ):
            return redirect("applications:messages", pk=application.pk)
        status = 400
    thread_rows = application.messages.select_related("author").order_by("sent_at", "id")
    return render(
        request,
        "applications/messages.html",
        {
            "application": application,
            "thread": thread_rows,
            "form": form,
            "may_write": bool(may_write_message(request.user, application)),
        },
        status=status,
    )


@login_required
@require_GET
def message_attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A message's PDF: private, within the reader's reach (the same as the application's)."""
    message = get_for_user_or_404(
        request.user, ApplicationMessage.objects.exclude(application__status=Status.DRAFT), pk=pk
    )
    if not message.attachment:
        raise Http404
    return private_file_response(message.attachment, message.attachment_name)
