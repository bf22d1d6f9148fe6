"""Forms of the front door: the signed challenge (ЭЦҚ) and the sign-up form after the first ЭЦҚ sign-in."""

import base64
import binascii
import re

from django import forms
from django.utils.translation import gettext_lazy as _

_PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


class EcpSignInForm(forms.Form):
    """The base64 CMS that NCALayer returned over the challenge document."""

    cms = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200_000)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        try:
            cleaned["cms_bytes"] = base64.b64decode("".join((cleaned.get("cms") or "").split()), validate=True)
        except (binascii.Error, ValueError):
            cleaned["cms_bytes"] = b""
        if not cleaned["cms_bytes"]:
            raise forms.ValidationError(_("NCALayer did not return a signature. Is NCALayer running?"))
        return cleaned


class SignUpForm(forms.Form):
    """Only what an ЭЦҚ certificate does not hold: e-mail, phone, language, consent."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=20, help_text=_("For example +7 701 234 56 78"))
    language = forms.ChoiceField(label=_("Preferred language"), choices=[("kk", "Қазақша"), ("ru", "Русский")])
    consent = forms.BooleanField(
        label=_("I consent to the collection and processing of my personal data for the purposes of the portal."),
        required=True,
        error_messages={"required": _("Consent to the processing of personal data is required.")},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if not _PHONE.match(phone) or len(digits) != 11 or digits[0] not in "78":
            raise forms.ValidationError(_("Enter a Kazakhstan phone number of 11 digits, e.g. +7 701 234 56 78."))
        return "+7" + digits[1:]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data["email"],
            "phone": data["phone"],
            "language": data["language"],
            "consent": data["consent"],
        }
