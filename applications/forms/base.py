"""Shared machinery of the section forms: strict ("save and continue") or lenient ("save draft")."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms.help import HELP, THOUSAND_TENGE
from applications.models import ApplicationDetails
from registry.forms_bounds import DbBoundsMixin

REQUIRED = _("This field is required.")
NOT_IN_FUTURE = _("The date cannot be in the future.")


class SectionForm(DbBoundsMixin, forms.ModelForm):
    """A section of the Appendix. ``strict`` demands every field the section needs.

    Saving a draft checks the format of what was typed but not completeness, so
    a person can stop half-way and come back (the section is then "in progress").
    """

    required: tuple[str, ...] = ()

    class Meta:
        model = ApplicationDetails
        fields: list[str] = []

    def __init__(self, *args, application, strict: bool = True, today: date, **kwargs):
        self.application = application
        self.strict = strict
        self.today = today
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = strict and name in self.required
        style_fields(self)

    def require(self, *names: str) -> None:
        """Strict mode: mark each named field missing if it is empty."""
        if not self.strict:
            return
        for name in names:
            value = self.cleaned_data.get(name)
            if value in (None, "", []) and name not in self.errors:
                self.add_error(name, REQUIRED)

    def not_in_future(self, *names: str) -> None:
        for name in names:
            value = self.cleaned_data.get(name)
            if value and value > self.today:
                self.add_error(name, NOT_IN_FUTURE)

    def application_values(self) -> dict:
        """Cleaned values that belong on the core Application row."""
        return {}

    def details_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data}

    def planned_user_rows(self) -> list[tuple[str, str]]:
        """The project's planned users (Appendix item 5); other sections have none."""
        return []


def style_fields(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (no inline styles under the strict CSP)."""
    for name, field in form.fields.items():
        if not field.help_text and name in HELP:
            field.help_text = HELP[name]
        widget = field.widget
        if name in THOUSAND_TENGE:
            widget.attrs.setdefault("data-thousand-tenge", "1")
        if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
