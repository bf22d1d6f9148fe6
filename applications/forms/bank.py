"""Appendix item 4: the current account in a second-tier bank."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.validators import (
    compact,
    normalize_iban,
    validate_bic,
    validate_bin,
    validate_kbe,
    validate_kz_iban,
)

from .base import SectionForm

BANK_FIELDS = ("bank_name", "bic", "iban", "bank_bin", "kbe")


class BankForm(SectionForm):
    """Appendix item 4 ("бар-жоғы"): the applicant says whether they have a current account; only then its details."""

    required = ("has_bank_account",)

    has_bank_account = forms.TypedChoiceField(
        label=_("Do you have a current account in a second-tier bank?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes, I have one")), ("no", _("No, I have none"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )

    # People type an IBAN in groups of four; the spaces go before it is checked and stored.
    iban = forms.CharField(label=_("IBAN (ЖСК)"), max_length=40)
    bic = forms.CharField(label=_("BIC (БСК)"), max_length=16)

    class Meta(SectionForm.Meta):
        fields = ["has_bank_account", *BANK_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.has_bank_account is not None:
            self.initial["has_bank_account"] = "yes" if self.instance.has_bank_account else "no"

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("has_bank_account"):
            self.require(*BANK_FIELDS)
        elif cleaned.get("has_bank_account") is False:
            for name in BANK_FIELDS:  # no account: no details kept
                cleaned[name] = ""
                self.errors.pop(name, None)
        return cleaned

    def clean_bic(self):
        value = compact(self.cleaned_data.get("bic")).upper()
        if value:
            validate_bic(value)
        return value

    def clean_iban(self):
        value = normalize_iban(self.cleaned_data.get("iban"))
        if value:
            validate_kz_iban(value)
        return value

    def clean_bank_bin(self):
        value = compact(self.cleaned_data.get("bank_bin"))
        if value:
            validate_bin(value)
        return value

    def clean_kbe(self):
        value = compact(self.cleaned_data.get("kbe"))
        if value:
            validate_kbe(value)
        return value
