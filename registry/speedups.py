"""Three of Django's per-call costs that the busy pages pay hundreds of times a request (issue 19).

Both are exact: the answer is the one Django gives, computed once from what the code
declares (model choices and their translations, URL patterns) instead of again on every call. Nothing here
holds data: what a page shows still comes from the database on every request.

* ``get_<field>_display()``: Django rebuilds the field's whole choices dictionary
  (``dict(make_hashable(field.flatchoices))``) on every call, about 17 µs; a list of
  50 projects or 100 agenda items calls it hundreds of times. The dictionary is kept
  per field here, for fields whose choices are a fixed list (every ``TextChoices``),
  with its labels translated once per language (the catalogues are code too); a
  field with callable choices is left to Django.
* ``localize`` of a plain ``int`` in a template: Django looks up three number formats
  (each asking for the active language) to write it as ``str`` does whenever
  ``USE_THOUSAND_SEPARATOR`` is off; an agenda's orders, ids and counts are hundreds of
  such calls. The template engine's ``localize`` answers those at once, as Django's
  own fast path would after the look-ups; every other value takes Django's path.
* ``{% url %}`` (``registry.templatetags.fast_url``, a template builtin): see there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.template import base as template_base
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

_choices: dict[models.Field, dict | None] = {}
_labels: dict[tuple[models.Field, str | None], dict] = {}


def _fixed_choices(field: models.Field) -> dict | None:
    """The field's choices as a dictionary, or None when they are callable (they may change)."""
    try:
        return _choices[field]
    except KeyError:
        pass
    fixed = isinstance(field.choices, list | tuple)
    mapping = _choices[field] = dict(make_hashable(field.flatchoices)) if fixed else None
    return mapping


_django_get_field_display = models.Model._get_FIELD_display  # type: ignore[attr-defined]  # private in the stubs


def _language_labels(field: models.Field, choices: dict) -> dict:
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        # The labels in this language (each lazy label translated once, as force_str would).
        labels = _labels[key] = {choice: force_str(label, strings_only=True) for choice, label in choices.items()}
    return labels


def display_labels(field: models.Field) -> dict:
    """The field's choice labels in the active language, as ``get_<field>_display()`` answers them.

    For a list's rows read as values (``registry.listing``): for a text or ``None`` value ``v``,
    ``labels.get(v, v)`` is what an instance holding ``v`` displays.
    """
    choices = _fixed_choices(field)
    if choices is None:  # callable choices: read now, not kept
        return {
            choice: force_str(label, strings_only=True)
            for choice, label in dict(make_hashable(field.flatchoices)).items()
        }
    return _language_labels(field, choices)


def _get_field_display(self, field):
    choices = _fixed_choices(field)
    if choices is None:
        return _django_get_field_display(self, field)
    value = getattr(self, field.attname)
    labels = _language_labels(field, choices)
    try:
        return labels[value]
    except KeyError:
        return force_str(value, strings_only=True)
    except TypeError:  # an unhashable value (a dict or list in a JSON field): Django's way
        return _django_get_field_display(self, field)


def _localize(value, use_l10n=None):
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return mark_safe(str(value))  # what numberformat.format answers for it, without the look-ups
    return formats.localize(value, use_l10n=use_l10n)


def install() -> None:
    """Called once from ``RegistryConfig.ready``, when every model is loaded: each model's
    ``get_<field>_display`` that Django made (a ``partialmethod`` of ``Model._get_FIELD_display``)
    becomes the same partial of the function above. A method a model defines itself is kept."""
    from functools import partialmethod

    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is _django_get_field_display:
                setattr(model, name, partialmethod(_get_field_display, field=field))
    template_base.localize = _localize  # type: ignore[attr-defined]  # imported there from django.utils.formats
