"""Integer form fields bounded to the database's range: one mechanism for every form.

A 25-digit number typed into a count would reach PostgreSQL and come back as
"integer out of range" (a 500). ``DbBoundsMixin`` gives every ``IntegerField`` of
a form, in ``__init__``, the range of PostgreSQL's ``integer`` (the widest the
portal's integer columns hold) unless the field is narrower already, so the user
sees Django's own translated "Ensure this value is less than or equal to …".
The project's form bases carry it (monitoring's ``Form``/``ModelForm``, the
Appendix ``SectionForm``, the council forms); ``tests/security/test_form_bounds.py``
fails for a form with an integer field that does not.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def bound_integer_field(field: forms.IntegerField) -> None:
    if field.max_value is None or (isinstance(field.max_value, int) and field.max_value > INT_MAX):
        field.max_value = INT_MAX
        field.validators.append(MaxValueValidator(INT_MAX))
        field.widget.attrs["max"] = INT_MAX
    if field.min_value is None or (isinstance(field.min_value, int) and field.min_value < INT_MIN):
        field.min_value = INT_MIN
        field.validators.append(MinValueValidator(INT_MIN))
        field.widget.attrs["min"] = INT_MIN


class DbBoundsMixin:
    fields: dict[str, forms.Field]  # the form this is mixed into has them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
                bound_integer_field(field)
