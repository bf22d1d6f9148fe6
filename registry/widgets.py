"""Form widgets whose HTML is written in Python, the same as Django's templates write it (issue 19).

Django renders a ``<select>`` through its template engine: the select's template,
then one included template per option, each including the attributes' template. The
coordinator's inbox filters with three selects on every request (about 1.5 ms of its
rendering). ``PlainSelect`` writes the same text from the same context
(``Select.get_context``: the choices, the selected option and the attributes are
Django's) without the engine. ``tests/registry/test_listing.py`` compares it with
Django's output, character for character.
"""

from __future__ import annotations

from django import forms
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_SELECT = forms.Select.template_name
_OPTION = forms.Select.option_template_name


class _Slow(Exception):
    """A value the fast path does not write exactly as the templates would: Django renders the widget."""


def _text(value) -> str:
    """``{{ value }}`` for text (and lazy text): escaped unless already safe."""
    if isinstance(value, str):
        return conditional_escape(value)
    if isinstance(value, Promise):
        return escape(str(value))
    raise _Slow


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the value as ``str`` writes it, escaped unless it was safe."""
    if isinstance(value, tuple) or not isinstance(value, str | int | Promise | forms.models.ModelChoiceIteratorValue):
        raise _Slow
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """``forms.Select`` with ``django/forms/widgets/select.html`` (and its option template) written in Python."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        if self.template_name == _SELECT and self.option_template_name == _OPTION:
            try:
                return mark_safe(self._select(self.get_context(name, value, attrs)["widget"]))
            except _Slow:
                pass
        return super().render(name, value, attrs, renderer)

    def _select(self, widget: dict) -> str:
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                if option["template_name"] != _OPTION:
                    raise _Slow
                parts.append(
                    f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the template's last newline: the renderer strips it
        return "".join(parts)
