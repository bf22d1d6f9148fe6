"""Appendix items 2 and 8 and §9: the request, then the declarations, undertakings and consents.

The Appendix wording is shown once, grouped, with one confirmation per group (issue 14); each
statement is still recorded on its own field and signed with its wording (applications/canonical.py).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import REVIEW_REQUEST

from .base import SectionForm

# Appendix item 2: the applicant asks for the materials to be reviewed; without it there is no application.
REQUEST = {"request_review": REVIEW_REQUEST}

# §9: what makes an applicant ineligible, declared by the applicant; not ticking
# one fails the pre-check rather than the form.
DECLARATIONS = {
    "decl_no_debt": _("I declare that I have no tax debt or debt on social payments to the budget (§9(1))."),
    "decl_no_bankruptcy": _(
        "I declare that I am not in bankruptcy or liquidation and that no enforced collection is applied to me (§9(2))."
    ),
    "decl_not_affiliated": _(
        "I declare that I am not affiliated with an operating entrepreneur who carries on a similar activity (§9(3))."
    ),
    "decl_not_excluded": _(
        "I declare that my activity is not among those listed in article 24, paragraph 4 of "
        "the Entrepreneurial Code (§9(4))."
    ),
}

# Appendix item 8, in its order and wording.
UNDERTAKINGS = {
    "undertake_disclose": _(
        "I undertake, at the regional coordinator's first request, to provide and disclose "
        "any information and documents containing bank and commercial secrets required "
        "within the review of this application."
    ),
    "undertake_report_changes": _(
        "I undertake to inform the regional coordinator at once if the data given in the application change."
    ),
    "consent_checks": _(
        "I agree that the regional coordinator and the regional coordination council (ӨҮК) will "
        "check the information submitted."
    ),
    "consent_no_verification": _(
        "I agree that the regional coordinator is not obliged to check the accuracy of the data given."
    ),
    "consent_purpose": _(
        "I agree that the information in this application and all the required documents are "
        "submitted only for financing missing engineering infrastructure."
    ),
    "consent_rejection": _(
        "I agree that if the data and information given prove unreliable, this application "
        "will be rejected at any stage of its review."
    ),
    "consent_sharing": _(
        "I agree that the regional coordinator may provide the information, data and documents "
        "of this application to interested third parties entitled to them by the laws of the "
        "Republic of Kazakhstan, to the authorized body for entrepreneurship, to the authorized "
        "body for regulation, control and supervision of the financial market and financial "
        "organisations, to “Baiterek” National Managing Holding JSC and to the National "
        "Chamber of Entrepreneurs of the Republic of Kazakhstan “Atameken”."
    ),
    "consent_no_obligation": _(
        "I agree that the acceptance of this application by the regional coordinator and "
        "the entrepreneur's possible expenses (for preparing the required documents, etc.) "
        "create no obligation of the regional coordinator to provide financing or to "
        "reimburse the entrepreneur's costs."
    ),
    "acknowledge_conditions": _(
        "I have read the conditions of the competition and the conditions and "
        "requirements for bringing engineering infrastructure."
    ),
    "confirm_reliability": _(
        "I confirm the reliability of the information submitted, I am aware of the "
        "liability for submitting unreliable information under the laws of the Republic of "
        "Kazakhstan, and I consent to the use of information constituting a secret protected "
        "by law and to the collection, processing, storage, export and use of personal data "
        "and other information."
    ),
}


# Appendix item 8 read as two groups: what the applicant undertakes to do, and what they agree to.
# The signed document keeps UNDERTAKINGS whole, in the Appendix's order.
UNDERTAKING_NAMES = ("undertake_disclose", "undertake_report_changes")
CONSENT_NAMES = tuple(name for name in UNDERTAKINGS if name not in UNDERTAKING_NAMES)


class Group:
    """One group of statements confirmed by a single tick."""

    def __init__(self, field: str, names: tuple[str, ...], title, label, error, *, required: bool):
        self.field, self.names, self.title, self.label, self.error = field, names, title, label, error
        self.required = required

    def texts(self) -> list:
        every = {**DECLARATIONS, **UNDERTAKINGS}
        return [every[name] for name in self.names]


GROUPS = (
    # §9: a declaration not made fails the pre-check, not the form: the group is not required here.
    Group(
        "confirm_declarations",
        tuple(DECLARATIONS),
        _("Declarations (§9)"),
        _("I make all the declarations above."),
        _("Confirm the declarations to continue."),
        required=False,
    ),
    # Appendix item 8: every undertaking and consent is required.
    Group(
        "confirm_undertakings",
        UNDERTAKING_NAMES,
        _("Undertakings"),
        _("I give all the undertakings above."),
        _("Confirm the undertakings to continue: tick “I give all the undertakings above”."),
        required=True,
    ),
    Group(
        "confirm_consents",
        CONSENT_NAMES,
        _("Consents"),
        _("I give all the consents above."),
        _("Confirm the consents to continue: tick “I give all the consents above”."),
        required=True,
    ),
)


class ConsentsForm(SectionForm):
    required = (*REQUEST, *(group.field for group in GROUPS if group.required))

    confirm_declarations = forms.BooleanField(required=False)
    confirm_undertakings = forms.BooleanField(required=False)
    confirm_consents = forms.BooleanField(required=False)

    class Meta(SectionForm.Meta):
        fields = [*REQUEST]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in REQUEST.items():
            self.fields[name].label = text
            self.fields[name].error_messages["required"] = _("Tick this box to continue.")
        for group in GROUPS:
            field = self.fields[group.field]
            field.label = group.label
            field.error_messages["required"] = group.error
            field.initial = all(getattr(self.instance, name) for name in group.names)

    def details_values(self) -> dict:
        """Each statement is recorded on its own field, set from its group's confirmation."""
        values = super().details_values()
        for group in GROUPS:
            if group.field in self.cleaned_data:
                values.update(dict.fromkeys(group.names, bool(self.cleaned_data[group.field])))
        return values

    def request(self):
        return [self[name] for name in REQUEST]

    def groups(self):
        return [(group, self[group.field]) for group in GROUPS]
