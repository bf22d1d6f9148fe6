"""Forms of the coordinator's review: they validate input; the services enforce the rules."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import RefusalCategory, Status
from registry.models import InfrastructureCategory
from registry.widgets import PlainSelect


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search: number, name, BIN or IIN"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + [c for c in Status.choices if c[0] != Status.DRAFT],
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    priority = forms.ChoiceField(
        label=_("Priority (§5)"),
        required=False,
        choices=[("", _("All")), ("yes", _("Priority only")), ("no", _("Not priority"))],
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    category = forms.ModelChoiceField(
        label=_("Infrastructure category"),
        required=False,
        queryset=InfrastructureCategory.objects.order_by("order"),
        empty_label=_("All"),
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    overdue = forms.BooleanField(
        label=_("Overdue only"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)


class RefusalForm(forms.Form):
    """§20: both the category and the free-text reason are required; findings may be taken as grounds.

    The coordinator signs the reasoned notice with ЭЦҚ: the first post shows the notice to sign,
    the second carries the CMS (NCALayer) or the demo flag.
    """

    category = forms.ChoiceField(
        label=_("Reason category"),
        choices=[("", "—"), *RefusalCategory.choices],
        error_messages={"required": _("Choose the reason category.")},
    )
    grounds = forms.MultipleChoiceField(
        label=_("Findings taken as grounds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose grounds among the findings of this application.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Write the reason for the refusal.")},
    )
    cms = forms.CharField(required=False, widget=forms.HiddenInput)
    demo = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["grounds"]).choices = [
            (str(line.pk), f"{line.rule} {line.text}") for line in findings
        ]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Write the reason for the refusal."), code="required")
        return reason

    @property
    def signed(self) -> bool:
        return bool(self.cleaned_data.get("cms") or self.cleaned_data.get("demo"))


class RecommendationForm(forms.Form):
    """§19(2): the recommendation text is required; conditions are optional."""

    text = forms.CharField(
        label=_("Recommendation for the council (ӨҮК)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Write the recommendation for the council.")},
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )


class EligibilityDecisionForm(forms.Form):
    """The coordinator's answer to an open check: confirm, or reject with a comment."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("confirmed", _("Confirm")), ("rejected", _("Reject"))],
        error_messages={"required": _("Choose confirm or reject.")},
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "rejected" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say why the check is rejected."))
        return data


class AcceptanceForm(forms.Form):
    """Appendix item 9: the CMS from NCALayer, or the demo signer for demo users."""

    cms = forms.CharField(required=False, widget=forms.HiddenInput)
    demo = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("cms") and not data.get("demo"):
            raise forms.ValidationError(_("Sign the acceptance notice with your ЭЦҚ."), code="required")
        return data
