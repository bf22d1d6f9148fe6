"""registry.speedups and the {% url %} builtin answer exactly what Django answers (issue 19)."""

from decimal import Decimal
from functools import partialmethod

import pytest
from django.apps import apps
from django.template import Context, Engine, engines
from django.template.defaulttags import URLNode
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import formats, translation

from registry import speedups
from registry.templatetags.fast_url import FastURLNode

LANGUAGES = ["kk", "ru", "en"]


def choice_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.choices and isinstance(model.__dict__.get(f"get_{field.name}_display"), partialmethod):
                yield model, field


def test_every_choice_fields_display_is_djangos_in_every_language():
    fields = list(choice_fields())
    assert len(fields) > 20
    for model, field in fields:
        method = model.__dict__[f"get_{field.name}_display"]
        assert method.func is speedups._get_field_display, (model, field.name)
        for language in LANGUAGES:
            with translation.override(language):
                for value in [value for value, _label in field.flatchoices] + ["not-a-choice", None]:
                    instance = model()
                    setattr(instance, field.attname, value)
                    fast = getattr(instance, f"get_{field.name}_display")()
                    assert fast == speedups._django_get_field_display(instance, field), (model, field.name, value)
                    assert type(fast) is type(speedups._django_get_field_display(instance, field))


def test_display_follows_the_active_language():
    from applications.models import Application, Status

    application = Application(status=Status.SUBMITTED)
    shown = {}
    for language in LANGUAGES:
        with translation.override(language):
            shown[language] = application.get_status_display()
            assert shown[language] == str(Status.SUBMITTED.label)
    assert len(set(shown.values())) == 3


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("grouping", [False, True])
def test_numbers_in_templates_read_as_djangos(settings, language, grouping):
    settings.USE_THOUSAND_SEPARATOR = grouping
    template = engines["django"].from_string("{{ v }}|{% load l10n %}{% localize off %}{{ v }}{% endlocalize %}")
    plain = Engine(libraries={"l10n": "django.templatetags.l10n"}).from_string(
        "{{ v }}|{% load l10n %}{% localize off %}{{ v }}{% endlocalize %}"
    )
    values = [0, 7, -42, 1234567, True, False, Decimal("1234567.50"), 2.5, "12345", None]
    with translation.override(language):
        for value in values:
            from django.template import base

            ours = template.render({"v": value})
            base.localize, saved = formats.localize, base.localize
            try:
                djangos = plain.render(Context({"v": value}))
            finally:
                base.localize = saved
            assert ours == djangos, (value, ours, djangos)


def url_names():
    """Every named route of the portal, with its namespace."""
    resolver = get_resolver()
    names = [name for name in resolver.reverse_dict if isinstance(name, str)]
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        names += [f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)]
    return sorted(set(names))


@pytest.mark.parametrize("language", LANGUAGES)
def test_url_tag_gives_djangos_url_for_every_route(language):
    engine = engines["django"]
    checked = 0
    with translation.override(language):
        for name in url_names():
            for args in ([], [7], [2026], [123456]):
                try:
                    expected = reverse(name, args=args)
                except NoReverseMatch:
                    expected = None
                source = "{% url name " + " ".join(str(a) for a in args) + " %}"
                template = engine.from_string(source)
                if expected is None:
                    with pytest.raises(NoReverseMatch):
                        template.render({"name": name})
                else:
                    assert template.render({"name": name}) == expected.replace("&", "&amp;"), (name, args)
                    checked += 1
    assert checked > 100


def test_url_tag_keeps_djangos_other_forms():
    engine = engines["django"]
    template = engine.from_string(
        "{% url 'councils:item' pk=5 %}|{% url 'monitoring:settle' 2026 5 %}|"
        "{% url 'no-such-route' as missing %}[{{ missing }}]|{% url 'councils:item' '12' %}"
    )
    assert template.render({}) == "|".join(
        [reverse("councils:item", kwargs={"pk": 5}), reverse("monitoring:settle", args=[2026, 5]), "[]"]
        + [reverse("councils:item", args=["12"])]
    )
    with pytest.raises(NoReverseMatch):
        engine.from_string("{% url 'no-such-route' %}").render({})
    node = engine.from_string("{% url 'registry:cabinet' %}").template.nodelist[0]
    assert isinstance(node, FastURLNode) and isinstance(node, URLNode)
