"""Appendix item 7 and §18: PDF attachments and the declared ТЭН exemption."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from applications.models import DocumentKind
from applications.pdfcheck import PdfRefused, check_pdf

from .base import SectionForm


class TenExemptionForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["ten_exempt", "ten_exempt_reason"]
        widgets = {"ten_exempt_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        # §18(2): without a ТЭН the applicant says why none is required.
        if cleaned.get("ten_exempt") and not (cleaned.get("ten_exempt_reason") or "").strip():
            self.add_error("ten_exempt_reason", _("Say why the project does not require a ТЭН (§18.2)."))
        if not cleaned.get("ten_exempt"):
            cleaned["ten_exempt_reason"] = ""
        return cleaned


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices, widget=forms.HiddenInput)
    file = forms.FileField(label=_("PDF file"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF only, up to %(size)s.") % {
            "size": filesizeformat(settings.UPLOAD_MAX_BYTES)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_pdf(upload)
        except PdfRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        return upload
