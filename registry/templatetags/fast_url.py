"""``{% url %}`` as Django's, answered from a per-process table of the URLs it has reversed (issue 19).

A template builtin (``TEMPLATES[...]["OPTIONS"]["builtins"]``), so it replaces Django's
tag in every template with no ``{% load %}``. Reversing costs about 20 µs (namespaces,
the language prefix, the pattern's candidates); the layout reverses ten URLs on every
page and the lists one or two a row (110 on a council session's agenda).

Exact by construction: the table is keyed by everything ``reverse`` depends on besides
the arguments (view name, current app, urlconf, script prefix, language), and holds
* for a tag without arguments, the URL itself;
* for one non-negative ``int`` argument, the URL reversed with a sentinel number in
  its place, kept only when reversing with the sentinel and with a small number give
  the same text around the number (so the converter writes the number as ``str`` does
  and admits both); the row's URL is that text with the number put in.
Anything else (keyword arguments, several arguments, strings, ``as var``, a pattern
that refuses the sentinel) takes Django's path unchanged. ``int_url`` answers the same
URLs to Python code that builds a list's rows (``registry.listing``). The table only grows with
the templates' distinct tags (URL patterns are code, not data).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

SENTINEL = 8_765_432_109
_SENTINEL = str(SENTINEL)
_PROBE = 7
_SLOW = object()
_table: dict[tuple, object] = {}


def _current_app(context):
    # As URLNode.render finds it.
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


def _entry(view_name: str, current_app, with_arg: bool):
    key = (view_name, current_app, with_arg, get_urlconf(), get_script_prefix(), get_language())
    entry = _table.get(key)
    if entry is None:
        entry = _SLOW
        try:
            if not with_arg:
                entry = reverse(view_name, current_app=current_app)
            else:
                pattern = reverse(view_name, args=[SENTINEL], current_app=current_app)
                probe = reverse(view_name, args=[_PROBE], current_app=current_app)
                if pattern.count(_SENTINEL) == 1 and pattern.replace(_SENTINEL, str(_PROBE)) == probe:
                    entry = pattern.split(_SENTINEL)
        except NoReverseMatch:
            entry = _SLOW  # Django's own path raises (or answers "" with as-var) as it always did
        _table[key] = entry
    return entry


def int_url(view_name: str, current_app=None) -> Callable[[int], str]:
    """``{% url view_name pk %}`` for a list's rows: a function of ``pk``, looked up once a page
    (``registry.listing``). It answers the URL the tag would write (before escaping)."""
    entry = _entry(view_name, current_app, True)

    def url(pk: int) -> str:
        if entry is _SLOW or type(pk) is not int or pk < 0:
            return reverse(view_name, args=[pk], current_app=current_app)
        head, tail = cast(list, entry)
        return f"{head}{pk}{tail}"

    return url


class FastURLNode(URLNode):
    def render(self, context):
        if self.asvar is None and not self.kwargs and len(self.args) <= 1:
            arg = self.args[0].resolve(context) if self.args else None
            if not self.args or (type(arg) is int and arg >= 0):
                view_name = self.view_name.resolve(context)
                entry = _entry(view_name, _current_app(context), bool(self.args))
                if entry is not _SLOW:
                    url = entry if not self.args else f"{entry[0]}{arg}{entry[1]}"
                    return conditional_escape(url) if context.autoescape else url
        return super().render(context)


@register.tag
def url(parser, token):
    """Django's ``{% url %}`` (same syntax, same result), faster for the common forms."""
    node = django_url(parser, token)
    return FastURLNode(node.view_name, node.args, node.kwargs, node.asvar)
