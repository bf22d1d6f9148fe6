"""Small forms: starting a draft, signing, withdrawing."""

import base64
import binascii

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms.base import style_fields
from registry.models import Region


class NewApplicationForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region of application"), queryset=Region.objects.all())
    project_name = forms.CharField(label=_("Project name"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)  # the first step looks like every other step


class SignForm(forms.Form):
    """How the applicant signs: the demo signer, a .p12 file with its password, or NCALayer's CMS."""

    METHODS = [
        ("demo", _("Demo signer (test key)")),
        ("p12", _("Key file (.p12) and password")),
        ("ncalayer", _("NCALayer")),
    ]

    method = forms.ChoiceField(label=_("Signing method"), choices=METHODS, widget=forms.HiddenInput)
    p12 = forms.FileField(label=_("Key file (.p12)"), required=False)
    password = forms.CharField(label=_("Key password"), required=False, widget=forms.PasswordInput)
    cms = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        method = cleaned.get("method")
        if method == "p12":
            if not cleaned.get("p12"):
                self.add_error("p12", _("Choose your key file."))
            if not cleaned.get("password"):
                self.add_error("password", _("Enter the key password."))
        if method == "ncalayer":
            try:
                cleaned["cms_bytes"] = base64.b64decode(cleaned.get("cms") or "", validate=True)
            except (binascii.Error, ValueError):
                cleaned["cms_bytes"] = b""
            if not cleaned["cms_bytes"]:
                self.add_error(None, _("NCALayer did not return a signature. Is NCALayer running?"))
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
