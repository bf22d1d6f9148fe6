"""Appendix item 5: the project, with §6 infrastructure, §7 term and common-use users, §5 flags."""

from decimal import Decimal
from typing import TypedDict

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applications.eligibility import BABO_CRITERIA
from applications.models import TERM_MONTHS_MAX, ApplicantKind
from registry.models import InfrastructureObjectType, OkedCode, Region
from registry.validators import compact, validate_iin_or_bin

from .base import SectionForm


class Money(TypedDict):
    max_digits: int
    decimal_places: int
    min_value: Decimal


MONEY: Money = {"max_digits": 16, "decimal_places": 2, "min_value": Decimal(0)}


def profile_direction_needed(region: Region | None, in_centre: bool) -> bool:
    """Appendix item 5: the profile direction is filled only for projects "in regional
    centres, Astana, Almaty, Shymkent and Semey" (rules-kk.txt: «облыс орталықтарында,
    Астана, Алматы, Шымкент және Семей қалаларында»). A city of republican significance
    is its own centre; in an oblast the applicant says whether the place is the oblast's
    centre (Semey is the centre of the Abai region, so it is covered by the same tick).
    """
    if region is None:
        return False
    return region.kind == Region.Kind.CITY or in_centre


class ObjectTypeSelect(forms.Select):
    """Options carry their §6 category and common-use flag, so the page can filter and show the §7 users."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-category"] = instance.category_id
            option["attrs"]["data-common-use"] = "1" if instance.common_use else "0"
        return option


class OkedField(forms.CharField):
    """ЭҚЖЖ: typed or picked from the search list as "CODE name"; the code is the first word."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = value.split()[0]
        oked = OkedCode.objects.filter(code=code).first()
        if oked is None:
            raise forms.ValidationError(_("Choose a code from the ЭҚЖЖ classifier."), code="oked")
        return oked


class ProjectForm(SectionForm):
    required = (
        "project_name",
        "description",
        "place",
        "category",
        "infrastructure_type",
        "justification",
        "construction_cost",
        "project_cost",
        "tax_regime",
        "sector",
        "oked",
        "employees",
        "term_months",
    )

    project_name = forms.CharField(label=_("Project name"), max_length=300)
    infrastructure_type = forms.ModelChoiceField(
        label=_("Infrastructure object type"),
        queryset=InfrastructureObjectType.objects.select_related("category"),
        widget=ObjectTypeSelect,
    )
    construction_cost = forms.DecimalField(label=_("Construction cost, thousand tenge"), **MONEY)
    project_cost = forms.DecimalField(label=_("Project cost (investment), thousand tenge"), **MONEY)
    oked = OkedField(label=_("ЭҚЖЖ code"), max_length=600)
    employees = forms.IntegerField(label=_("Number of hired employees"), min_value=0)
    # §7: support is given for up to 36 months.
    term_months = forms.IntegerField(label=_("Requested support term, months"), min_value=1, max_value=TERM_MONTHS_MAX)
    planned_users = forms.CharField(
        label=_("Planned users of the common-use object"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One business a line: BIN or IIN, then the name. At least 3 (§7)."),
    )

    class Meta(SectionForm.Meta):
        fields = [
            "description",
            "place",
            "in_centre",
            "profile_direction",
            "category",
            "justification",
            "tax_regime",
            "sector",
            "employees",
            "term_months",
            "aul_amanaty",
            "babo",
            "cooperative",
            *BABO_CRITERIA,
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "justification": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oked"].widget.attrs.update(
            {
                "list": "oked-options",
                "autocomplete": "off",
                "hx-get": reverse("applications:oked_search"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#oked-options",
            }
        )

    def clean_planned_users(self) -> list[tuple[str, str]]:
        rows, errors, seen = [], [], set()
        for number, line in enumerate((self.cleaned_data.get("planned_users") or "").splitlines(), start=1):
            if not line.strip():
                continue
            identifier, _sep, name = line.strip().partition(" ")
            identifier = compact(identifier)
            try:
                validate_iin_or_bin(identifier)
            except forms.ValidationError as error:
                errors.append(_("Line %(n)d: %(error)s") % {"n": number, "error": error.messages[0]})
                continue
            if identifier in seen:
                errors.append(_("Line %(n)d: this BIN / IIN is listed twice.") % {"n": number})
            seen.add(identifier)
            rows.append((identifier, name.strip() or identifier))
        if errors:
            raise forms.ValidationError(errors)
        return rows

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        object_type, category = cleaned.get("infrastructure_type"), cleaned.get("category")
        if object_type and category and object_type.category_id != category.pk:
            self.add_error("infrastructure_type", _("This object type belongs to another category (§6)."))
        if profile_direction_needed(cleaned.get("region") or self.application.region, bool(cleaned.get("in_centre"))):
            self.require("profile_direction")
        else:
            cleaned["profile_direction"] = ""
        # §7: fewer than three users of a common-use object is a finding of the pre-check (shown before
        # signing, settled by the coordinator), not a form error: rev. 2 §18–§20.
        # §2: an agricultural cooperative is a legal entity; an individual entrepreneur cannot claim it (§5).
        if cleaned.get("cooperative") and self.instance.kind == ApplicantKind.INDIVIDUAL:
            self.add_error(
                "cooperative",
                _(
                    "An agricultural cooperative is a legal entity: an individual "
                    "entrepreneur cannot claim this priority direction."
                ),
            )
        return cleaned

    def application_values(self) -> dict:
        names = ("project_name", "infrastructure_type", "construction_cost", "project_cost", "oked")
        return {name: self.cleaned_data.get(name) for name in names if name in self.cleaned_data}

    def planned_user_rows(self) -> list[tuple[str, str]]:
        return self.cleaned_data.get("planned_users") or []
