"""Short help with an example for the Appendix fields people get wrong (issue 14).

Applied by ``style_fields`` to a field that has no help text of its own, so
every form of the Appendix gets the same words for the same field.
"""

from django.utils.translation import gettext_lazy as _

HELP = {
    "bin": _("12 digits, as in the registration certificate, e.g. 240140012345."),
    "bank_bin": _("The bank's BIN: 12 digits, e.g. 920140000084."),
    "iin": _("12 digits from the identity card, e.g. 900101300017."),
    "head_iin": _("12 digits from the identity card, e.g. 900101300017."),
    "iban": _("KZ and 18 letters or digits, e.g. KZ86 125K ZT50 0410 0100; spaces may be typed."),
    "bic": _("8 letters, e.g. HSBKKZKX."),
    "kbe": _("2 digits: 17 for a company (legal entity), 19 for an individual entrepreneur."),
    "construction_cost": _("In thousands of tenge: 1500 means 1 500 000 tenge."),
    "project_cost": _("In thousands of tenge: 1500 means 1 500 000 tenge."),
    "tax_regime": _(
        "The regime under which you pay taxes now, as registered with the tax authority, e.g. the "
        "special regime based on a simplified declaration, or the generally established regime."
    ),
    "oked": _(
        "Type the code or a word of your activity, e.g. 10.51 or milk, and choose a line from the list; "
        "the code is what is saved."
    ),
}

# Appendix item 6: the direct results the project promises, shown under each row of the grid.
EFFECT_HELP = {
    "jobs": _("New permanent jobs, in people, e.g. 5. Fact: jobs you have now; forecast: after the object is built."),
    "tax": _("Taxes and payments to the budget, in thousands of tenge: 1200 means 1 200 000 tenge."),
    "output": _("Goods and services produced, in thousands of tenge: 15000 means 15 000 000 tenge."),
    "other": _("In words, if any, e.g. “water for 3 neighbouring farms”."),
}

# Amounts typed in thousands of tenge: portal.js shows the value in tenge beside them.
THOUSAND_TENGE = frozenset({"construction_cost", "project_cost"})
