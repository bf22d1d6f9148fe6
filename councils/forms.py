from datetime import date
from typing import cast

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from councils.models import CouncilMember, Vote
from registry.forms_bounds import DbBoundsMixin
from registry.models import Role, User

# A term's end is followed by "the next day" in the §21 checks: the last date has none.
BEFORE_THE_LAST_DAY = MaxValueValidator(date(9999, 12, 30))


class AgendaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} — {obj.applicant_name}: {obj.project_name}"


class ScheduleForm(forms.Form):
    """§19.4: date, time, place or link, and the recommended applications."""

    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    applications = AgendaChoiceField(
        label=_("Applications for the agenda"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["applications"]).queryset = applications

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("place") and not data.get("online_link"):
            raise forms.ValidationError(_("Give the place or the online link."))
        return data


class MemberAddForm(forms.Form):
    user: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(label=_("Person"), queryset=None)
    position = forms.ChoiceField(label=_("Position"), choices=CouncilMember.Position.choices)
    business_community = forms.BooleanField(label=_("Represents the business community"), required=False)
    term_from = forms.DateField(
        label=_("Term from"), validators=[BEFORE_THE_LAST_DAY], widget=forms.DateInput(attrs={"type": "date"})
    )
    term_until = forms.DateField(
        label=_("Term until"),
        required=False,
        validators=[BEFORE_THE_LAST_DAY],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = User.objects.filter(
            role=Role.COUNCIL_MEMBER, region=region, is_active=True
        )


class MemberEndForm(forms.Form):
    until = forms.DateField(
        label=_("Last day of the term"),
        validators=[BEFORE_THE_LAST_DAY],
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"})
    )


class RecordVoteForm(DbBoundsMixin, VoteForm):
    member = forms.IntegerField(widget=forms.HiddenInput)


class RecusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Conflict of interest"),
        max_length=300,
        required=False,
        error_messages={
            "max_length": _("Length limit of the reason (characters): %(limit_value)d; entered: %(show_value)d.")
        },
    )


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Secretary's notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the negative decision (§24)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CarryForm(forms.Form):
    reason = forms.CharField(label=_("Why the item is carried"), max_length=300)


class SignForm(forms.Form):
    cms = forms.CharField(label=_("Signature (CMS, base64)"), widget=forms.Textarea(attrs={"rows": 4}))


class NoticeForm(forms.Form):
    """§24: the text of the notice or of the reasoned answer, prefilled and editable."""

    text = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"})
    )
