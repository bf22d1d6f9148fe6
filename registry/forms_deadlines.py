from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import Region, User
from registry.reach import scope


class DeadlineFilterForm(forms.Form):
    """The central body's region filter on the deadlines page."""

    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("All regions"),
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = scope(user, Region.objects.all())
