"""Monitoring's forms: input checks only; the rules live in the services."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms.project import OkedField
from applications.pdfcheck import PdfRefused, check_pdf
from monitoring.models import (
    FundsUse,
    InfrastructureObject,
    ResultIndicator,
    RetailObject,
    ShelfPlacement,
)
from registry.forms_bounds import DbBoundsMixin

if TYPE_CHECKING:
    from applications.models import Application
    from registry.models import BudgetProgramme


class Money(TypedDict):
    max_digits: int
    decimal_places: int
    min_value: Decimal


MONEY: Money = {"max_digits": 16, "decimal_places": 2, "min_value": Decimal(0)}


class StyledMixin:
    """Bootstrap classes on every widget (markup only; no inline styles)."""

    fields: dict[str, forms.Field]  # the form this is mixed into has them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = (
                "form-check-input"
                if getattr(widget, "input_type", "") == "checkbox"
                else ("form-select" if isinstance(widget, forms.Select) else "form-control")
            )
            widget.attrs.setdefault("class", css)


class Form(DbBoundsMixin, StyledMixin, forms.Form):
    pass


class ModelForm(DbBoundsMixin, StyledMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput)


class ConfirmForm(Form):
    """A button with nothing to fill in (publish, confirm, accept): refusals of the rule land here."""


CODE = r"^\d{3}$"


class ProjectChoiceField(forms.ModelChoiceField):
    """A project named by its number and name."""

    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.number} {obj.project_name}"


def code_field(label, message):
    return forms.RegexField(CODE, label=label, required=False, error_messages={"invalid": message})


class BudgetRequestForm(Form):
    """§26: a programme, a planning year, and the amount asked for each project included."""

    programme: forms.ModelChoiceField[BudgetProgramme] = forms.ModelChoiceField(
        label=_("budget programme"), queryset=None, empty_label=None
    )
    year = forms.IntegerField(label=_("budget year"), min_value=2026, max_value=2100)

    def __init__(self, *args, programmes=None, projects=(), initial_lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programmes
        self.projects = list(projects)
        initial_lines = initial_lines or {}
        for project in self.projects:
            line = initial_lines.get(project.pk)
            self.fields[f"amount_{project.pk}"] = forms.DecimalField(
                label=_("%(number)s: amount, thousand tenge") % {"number": project.number},
                required=False,
                max_digits=16,
                decimal_places=2,
                min_value=Decimal("0.01"),
                initial=line.amount if line else None,
            )
            self.fields[f"sub_{project.pk}"] = code_field(
                _("%(number)s: sub-programme code") % {"number": project.number},
                _("A sub-programme code has 3 digits."),
            )
            self.fields[f"sub_{project.pk}"].initial = line.subprogramme_code if line else ""
        for field in self.fields.values():  # the per-project fields came after StyledMixin
            field.widget.attrs.setdefault("class", "form-control")

    def project_rows(self):
        return [(p, self[f"amount_{p.pk}"], self[f"sub_{p.pk}"]) for p in self.projects]

    def lines(self):
        from monitoring.services.budget import RequestLine

        return [
            RequestLine(p, self.cleaned_data[f"amount_{p.pk}"], self.cleaned_data[f"sub_{p.pk}"] or "")
            for p in self.projects
            if self.cleaned_data.get(f"amount_{p.pk}")
        ]


class ReturnForm(Form):
    reason = forms.CharField(label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 3}))


class ConclusionForm(Form):
    conclusion = forms.CharField(
        label=_("conclusion to the budget commission"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(Form):
    """§26(3): the budget commission's decision: date, number, the amount approved for each project."""

    commission_date = date_field(_("budget commission decision date"))
    commission_number = forms.CharField(label=_("budget commission decision number"), max_length=50)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.request_lines = list(lines)
        for line in self.request_lines:
            self.fields[f"approved_{line.application_id}"] = forms.DecimalField(
                label=_("%(number)s: approved amount, thousand tenge") % {"number": line.application.number},
                initial=line.amount,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
                **MONEY,
            )

    def approved(self):
        return {
            line.application_id: self.cleaned_data[f"approved_{line.application_id}"] for line in self.request_lines
        }


class BudgetApprovalForm(Form):
    year = forms.IntegerField(label=_("budget year"), min_value=2026, max_value=2100)
    approved_on = date_field(_("local budget approved by the maslikhat"))


class ResolutionForm(Form):
    adopted_on = date_field(_("resolution date"))
    number = forms.CharField(label=_("resolution number"), max_length=50)


class PlanLineForm(Form):
    """§2(8): one month of a line by functional (programme, sub-programme) and economic (specifics)
    classification, for one project."""

    year = forms.IntegerField(label=_("year"), min_value=2026, max_value=2100)
    programme: forms.ModelChoiceField[BudgetProgramme] = forms.ModelChoiceField(
        label=_("budget programme"), queryset=None, empty_label=None
    )
    subprogramme_code = code_field(_("budget sub-programme code"), _("A sub-programme code has 3 digits."))
    specifics_code = code_field(_("specifics (economic classification)"), _("A specifics code has 3 digits."))
    application: forms.ModelChoiceField[Application] = forms.ModelChoiceField(
        label=_("project"), queryset=None, empty_label=None
    )
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12)
    obligations = forms.DecimalField(label=_("obligations, thousand tenge"), **MONEY)
    payments = forms.DecimalField(label=_("payments, thousand tenge"), **MONEY)

    def __init__(self, *args, programmes=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["programme"]).queryset = programmes
        cast(forms.ModelChoiceField, self.fields["application"]).queryset = projects


class PlanApproveForm(Form):
    approved_on = date_field(_("approved on"))


class TermForm(Form):
    starts_on = date_field(_("term starts"))
    ends_on = date_field(_("term ends"))


class ExtensionForm(Form):
    new_end = date_field(_("new end"))
    agreement = forms.CharField(label=_("agreement with the local executive body"), max_length=200)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class TermEndForm(Form):
    ended_on = date_field(_("term closed on"))


class FundsForm(Form):
    year = forms.IntegerField(label=_("year"), min_value=2026, max_value=2100)
    source = forms.ChoiceField(label=_("source"), choices=FundsUse.Source.choices)
    allocated = forms.DecimalField(label=_("allocated, thousand tenge"), **MONEY)
    disbursed = forms.DecimalField(label=_("disbursed, thousand tenge"), **MONEY)
    unspent_reason = forms.CharField(
        label=_("reason for the unspent sum"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IndicatorForm(Form):
    year = forms.IntegerField(label=_("year"), min_value=2026, max_value=2100)
    kind = forms.ChoiceField(label=_("kind"), choices=ResultIndicator.Kind.choices)
    name = forms.CharField(label=_("indicator"), max_length=300)
    unit = forms.CharField(label=_("unit"), max_length=40, required=False)
    plan = forms.DecimalField(label=_("plan"), max_digits=16, decimal_places=2)
    fact = forms.DecimalField(label=_("fact"), max_digits=16, decimal_places=2, required=False)


class YearPlanForm(Form):
    year = forms.IntegerField(label=_("year"), min_value=2026, max_value=2100)
    jobs_permanent = forms.IntegerField(label=_("permanent jobs, plan"), min_value=0)
    jobs_temporary = forms.IntegerField(label=_("temporary jobs, plan"), min_value=0)
    tax = forms.DecimalField(label=_("tax paid, plan, thousand tenge"), **MONEY)
    output = forms.DecimalField(label=_("output, plan, thousand tenge"), **MONEY)
    payroll_growth = forms.DecimalField(label=_("payroll growth, plan, %"), max_digits=7, decimal_places=2)
    other = forms.DecimalField(label=_("other indicators, plan"), **MONEY)


class YearFactForm(Form):
    jobs_permanent = forms.IntegerField(label=_("permanent jobs, fact"), min_value=0)
    jobs_temporary = forms.IntegerField(label=_("temporary jobs, fact"), min_value=0)
    tax = forms.DecimalField(label=_("tax paid, fact, thousand tenge"), **MONEY)
    output = forms.DecimalField(label=_("output, fact, thousand tenge"), **MONEY)
    payroll_growth = forms.DecimalField(label=_("payroll growth, fact, %"), max_digits=7, decimal_places=2)
    other = forms.DecimalField(label=_("other indicators, fact"), required=False, **MONEY)
    other_note = forms.CharField(label=_("other indicators: what"), max_length=300, required=False)


class ObjectForm(ModelForm):
    class Meta:
        model = InfrastructureObject
        fields = [
            "name",
            "object_type",
            "location",
            "capacity",
            "operator",
            "works_status",
            "commissioned_on",
            "projects",
        ]
        widgets = {"commissioned_on": DateInput}

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        object_type = cast(forms.ModelChoiceField, self.fields["object_type"])
        assert object_type.queryset is not None  # the model field's, set by ModelForm
        object_type.queryset = object_type.queryset.select_related("category")
        cast(forms.ModelMultipleChoiceField, self.fields["projects"]).queryset = projects


class ObjectUserForm(Form):
    identifier = forms.RegexField(
        label=_("BIN / IIN"), regex=r"^\d{12}$", error_messages={"invalid": _("A BIN / IIN has 12 digits.")}
    )
    name = forms.CharField(label=_("name"), max_length=300)
    used_from = date_field(_("uses from"))
    used_until = date_field(_("uses until"), required=False)


class LoadForm(Form):
    month = date_field(_("month"))
    occupancy = forms.DecimalField(label=_("occupancy, %"), max_digits=5, decimal_places=1, min_value=0, max_value=100)
    served = forms.IntegerField(label=_("entrepreneurs served"), min_value=0)
    volume = forms.DecimalField(label=_("volume processed"), max_digits=14, decimal_places=2, min_value=0)


class RetailObjectForm(ModelForm):
    class Meta:
        model = RetailObject
        fields = ["name", "address", "trade_area", "networks_by_state", "local_zone_area"]


class PlacementForm(ModelForm):
    class Meta:
        model = ShelfPlacement
        fields = [
            "producer_identifier",
            "producer_name",
            "producer_region",
            "producer_oked",
            "area",
            "shelf_metres",
            "starts_on",
            "ends_on",
            "cost",
            "compliance",
        ]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    # §10: the producer's ЭҚЖЖ code, typed as in the application ("CODE name" or the code alone).
    producer_oked = OkedField(
        label=_("producer's ЭҚЖЖ code"),
        max_length=600,
        help_text=_("Paragraph 10: a local producer working within the region's priority activity types."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer_region"].required = True


class PlacementExtendForm(Form):
    ends_on = date_field(_("new end"))


class ScanForm(Form):
    scan = forms.FileField(label=_("signed scanned PDF"))

    def clean_scan(self):
        """§30: the same check as every upload: a real, inert PDF within the size limit."""
        scan = self.cleaned_data["scan"]
        try:
            check_pdf(scan)
        except PdfRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        scan.seek(0)
        return scan


class SettleForm(Form):
    """§13: the coordinator's settlement of a funded project's year."""

    MET, NOT_MET = "met", "not_met"
    outcome = forms.ChoiceField(
        label=_("Direct results and counter-obligations"),
        choices=[(MET, _("Results met")), (NOT_MET, _("Results not met"))],
    )
    reason = forms.CharField(
        label=_("what the settlement rests on"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
