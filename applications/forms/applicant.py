"""Appendix items 1 and 3: the region and the applicant (legal entity or individual entrepreneur)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import APPLICANT_FIELDS, ApplicantKind
from registry.models import Region
from registry.validators import compact, validate_bin, validate_iin

from .base import DateInput, SectionForm

FROM_CERTIFICATE = _("From your ЭЦҚ certificate")

LEGAL_FIELDS = ("name", "bin", "head_full_name", "head_iin")
INDIVIDUAL_FIELDS = ("name", "full_name", "iin", "id_number", "id_issuer", "id_issued_on", "notice_place", "notice_on")


class ApplicantForm(SectionForm):
    required = ("region", "kind", "address", "phone")

    region = forms.ModelChoiceField(label=_("Region of application"), queryset=Region.objects.all())

    class Meta(SectionForm.Meta):
        fields = list(APPLICANT_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "id_issued_on": DateInput(),
            "notice_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = ApplicantKind.choices
        self.fields["region"].initial = self.application.region_id
        for name in ("bin", "head_iin", "iin"):
            self.fields[name].widget.attrs.update(inputmode="numeric", autocomplete="off", maxlength="14")
        self._mark_from_certificate()

    def _mark_from_certificate(self) -> None:
        """Fields whose value is still the one the applicant's verified certificate gave are shown as such."""
        from applications.services.signin import certificate_values

        details = self.instance
        bin_ = details.bin if details.kind == ApplicantKind.LEGAL else ""
        certified = certificate_values(user=self.application.applicant, bin_=bin_)
        for name, value in certified.items():
            if name != "kind" and value and getattr(details, name, None) == value:
                field = self.fields[name]
                field.help_text = FROM_CERTIFICATE
                field.widget.attrs["data-from-certificate"] = "1"

    def clean_bin(self):
        return self._identifier("bin", validate_bin)

    def clean_head_iin(self):
        return self._identifier("head_iin", validate_iin)

    def clean_iin(self):
        return self._identifier("iin", validate_iin)

    def _identifier(self, name, validator):
        value = compact(self.cleaned_data.get(name))
        if value:
            validator(value)
        return value

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        kind = cleaned.get("kind")
        # Appendix item 3: a legal entity and an individual entrepreneur give different details.
        if kind == ApplicantKind.LEGAL:
            self.require(*LEGAL_FIELDS)
        elif kind == ApplicantKind.INDIVIDUAL:
            self.require(*INDIVIDUAL_FIELDS)
        self.not_in_future("id_issued_on", "notice_on")
        return cleaned

    def details_values(self) -> dict:
        values = super().details_values()
        # Only the chosen branch is kept, so the signed document carries no stale answers.
        other = INDIVIDUAL_FIELDS if values.get("kind") == ApplicantKind.LEGAL else LEGAL_FIELDS
        if values.get("kind"):
            for name in set(other) - {"name"}:
                values[name] = None if name in ("id_issued_on", "notice_on") else ""
        return values

    def application_values(self) -> dict:
        values = {}
        if self.cleaned_data.get("region"):
            values["region"] = self.cleaned_data["region"]
        kind = self.cleaned_data.get("kind")
        values["applicant_name"] = self.cleaned_data.get("name") or ""
        values["applicant_identifier"] = (
            self.cleaned_data.get("bin") if kind == ApplicantKind.LEGAL else self.cleaned_data.get("iin")
        ) or ""
        return values
