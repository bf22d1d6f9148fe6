"""The personal cabinet's API tokens: make one (the key is shown once), revoke one, see the last calls."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from registry.models import ApiCall, ApiToken
from registry.reach import get_for_user_or_404, scope
from registry.tokens import api_token_create, api_token_revoke

RECENT_CALLS = 20


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Token name (what it is for)"), max_length=100)


def _page(request, form, *, new_key: str = "", status: int = 200):
    tokens = scope(request.user, ApiToken.objects.all())
    calls = scope(request.user, ApiCall.objects.select_related("token"))[:RECENT_CALLS]
    return render(
        request,
        "registry/api_tokens.html",
        {"form": form, "tokens": tokens, "calls": calls, "new_key": new_key},
        status=status,
    )


@login_required
@require_GET
def token_list(request):
    return _page(request, TokenForm())


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            _token, key = api_token_create(user=request.user, name=form.cleaned_data["name"], at=timezone.now())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The key exists only in this answer: the portal keeps its hash.
            return _page(request, TokenForm(), new_key=key)
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_for_user_or_404(request.user, ApiToken.objects.all(), pk=pk)
    api_token_revoke(token=token, by=request.user, at=timezone.now())
    messages.success(request, _("The token is revoked: calls with it are refused from now on."))
    return redirect("registry:api_tokens")
