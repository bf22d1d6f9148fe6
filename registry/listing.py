"""A long list's rows as plain values: what the template would write, made once in Python (issue 19).

On a model instance the template engine resolves each ``{{ row.field }}`` by trying a
dictionary look-up (an exception), then ``getattr``, then a callable check; filters add
their format look-ups, ``get_<field>_display`` and ``{% translate %}`` a language look-up
each. A council's agenda of 106 items spent 0.15 ms a row that way. A row built here is a
``dict`` of text, numbers and booleans, the engine's fast path, its text escaped once here
(``html_values``), and the template only writes them.

Each helper answers exactly what the template it stands for wrote (``tests/registry/test_listing.py``
compares them with Django's filters and tags), in the language active when it is called: call it
while the request is being answered, never at import.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.defaultfilters import date as date_filter
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # Django's, not in the stubs
from django.utils.translation import get_language

from registry.speedups import display_labels
from registry.templatetags.fast_url import int_url
from registry.templatetags.portal import grouped

__all__ = ["display_labels", "dmy", "grouper", "html_values", "int_url", "labels_of"]


def labels_of(model: type[models.Model], name: str) -> dict:
    """``display_labels`` of the model's field ``name``: ``labels.get(value, value)`` is the row's label."""
    return display_labels(model._meta.get_field(name))  # type: ignore[arg-type]  # a concrete field


def dmy(value: Any) -> str:
    """``{{ value|date:"d.m.Y" }}``: «05.03.2026»; None is ""."""
    if type(value) is datetime.date:
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    # A datetime (the filter reads it in local time) or anything else: Django's way.
    return date_filter(template_localtime(value), "d.m.Y")


def grouper() -> Callable[[Any], str]:
    """``{{ value|grouped }}`` in the active language, with the language's number formats read once."""
    language = get_language()
    decimal_sep = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
    thousand_sep = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)

    def write(value: Any) -> str:
        if type(value) is Decimal or type(value) is int:
            # What formats.number_format(value, use_l10n=True, force_grouping=True) answers.
            return numberformat.format(
                value, decimal_sep, None, grouping, thousand_sep, force_grouping=True, use_l10n=True
            )
        return grouped(value)

    return write


def html_values(row: dict[str, Any]) -> dict[str, Any]:
    """The row with each text escaped now, as ``{{ value }}`` escapes it (Django's ``escape``), and marked
    safe, so that the template writes it as it is: Django's escaping of each value is about a third of a
    long table's rendering. Print these values; a filter that reads text (``truncatechars``, ``escapejs``)
    would read the escaped text. Numbers, booleans and None stay as they are."""
    return {key: SafeString(html.escape(value)) if type(value) is str else value for key, value in row.items()}
