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


class BankForm(SectionForm):
    required = ("bank_name", "bic", "iban", "bank_bin", "kbe")

    # People type an IBAN in groups of four; the spaces go before it is checked and stored.
    iban = forms.CharField(label=_("IBAN (ЖСК)"), max_length=40)
    bic = forms.CharField(label=_("BIC (БСК)"), max_length=16)

    class Meta(SectionForm.Meta):
        fields = ["bank_name", "bic", "iban", "bank_bin", "kbe"]

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
