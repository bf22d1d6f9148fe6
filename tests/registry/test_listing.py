"""registry.listing and registry.widgets write what Django's filters, tags and widget templates write (issue 19)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import engines
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from registry import listing
from registry.widgets import PlainSelect

LANGUAGES = ["kk", "ru", "en"]


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load portal %}" + source).render(context)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dmy_is_the_date_filter(language, settings):
    values = [date(2026, 3, 5), date(2026, 12, 31), date(999, 1, 2), datetime(2026, 3, 4, 20, 30, tzinfo=UTC), None, ""]
    with translation.override(language):
        for value in values:
            assert listing.dmy(value) == render('{{ v|date:"d.m.Y" }}', v=value), value
    # Late evening in UTC is the next day in Almaty (the filter reads local time).
    assert listing.dmy(datetime(2026, 3, 4, 20, 30, tzinfo=UTC)) == "05.03.2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_grouper_is_the_grouped_filter(language):
    values = [Decimal("1234567.89"), Decimal("0"), Decimal("-1500.5"), Decimal("999"), 1234567, 0, -12, 2.5]
    values += [None, "", "12345.60", "other effects", True, Decimal("1E+3")]
    with translation.override(language):
        write = listing.grouper()
        for value in values:
            assert write(value) == render("{{ v|grouped }}", v=value), value
    with translation.override("kk"):
        assert listing.grouper()(Decimal("1234567.89")) == "1\xa0234\xa0567,89"


def test_grouper_keeps_the_language_it_was_made_in():
    with translation.override("en"):
        write, english = listing.grouper(), render("{{ v|grouped }}", v=Decimal("1234.5"))
    with translation.override("kk"):
        assert write(Decimal("1234.5")) == english != render("{{ v|grouped }}", v=Decimal("1234.5"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_of_give_each_values_display(language):
    from applications.models import Application, Status
    from councils.models import AgendaItem

    with translation.override(language):
        for model, name in [(Application, "status"), (AgendaItem, "status"), (AgendaItem, "decision")]:
            labels = listing.labels_of(model, name)
            field = model._meta.get_field(name)
            for value in [v for v, _label in field.flatchoices] + ["not-a-choice"]:
                instance = model(**{name: value})
                assert labels.get(value, value) == getattr(instance, f"get_{name}_display")(), (model, value)
        assert listing.labels_of(Application, "status")[Status.SUBMITTED] == str(Status.SUBMITTED.label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_int_url_is_the_url_tag(language):
    with translation.override(language):
        for name in ["councils:item", "review:detail", "monitoring:project"]:
            url = listing.int_url(name)
            for pk in [0, 7, 123456]:
                assert url(pk) == reverse(name, args=[pk]) == render("{% url name pk %}", name=name, pk=pk)
        assert listing.int_url("councils:item")(7).startswith(f"/{language}/")


def test_html_values_print_as_the_raw_values_would():
    row = {"name": "ЖШС «Алма & <Бақ>» \"'", "n": 7, "none": None, "flag": True, "safe": mark_safe("<b>x</b>")}
    source = "{{ r.name }}|{{ r.n }}|{{ r.none }}|{{ r.flag }}|{{ r.safe }}|{% if r.flag %}y{% endif %}"
    assert render(source, r=listing.html_values(row)) == render(source, r=row)
    assert listing.html_values(row)["name"] == "ЖШС «Алма &amp; &lt;Бақ&gt;» &quot;&#x27;"


# PlainSelect against forms.Select: the same fields, rendered both ways.


def _label(text):
    return lazy(lambda: text, str)()


class PlainSelectMultiple(PlainSelect, forms.SelectMultiple):
    pass


class Both(forms.Form):
    plain = forms.ChoiceField(
        required=False,
        choices=[("", _label("All")), ("a", "Ана <б>"), ("b&c", mark_safe("<b>safe</b>")), (3, "three")],
        widget=PlainSelect(attrs={"class": "form-select", "data-x": 5, "autofocus": True, "hidden": False}),
    )
    django = forms.ChoiceField(
        required=False,
        choices=[("", _label("All")), ("a", "Ана <б>"), ("b&c", mark_safe("<b>safe</b>")), (3, "three")],
        widget=forms.Select(attrs={"class": "form-select", "data-x": 5, "autofocus": True, "hidden": False}),
    )
    plain_groups = forms.ChoiceField(
        choices=[("Топ «1»", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        widget=PlainSelect,
    )
    django_groups = forms.ChoiceField(
        choices=[("Топ «1»", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        widget=forms.Select,
    )
    plain_many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], widget=PlainSelectMultiple)
    django_many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.SelectMultiple)


def _same(form, plain, django):
    ours = str(form[plain]).replace(f'name="{plain}"', 'name="N"').replace(f"id_{plain}", "id_N")
    theirs = str(form[django]).replace(f'name="{django}"', 'name="N"').replace(f"id_{django}", "id_N")
    assert ours == theirs


@pytest.mark.parametrize("value", ["", "a", "b&c", "3", "missing"])
def test_plain_select_writes_djangos_select(value):
    many = ["x", "y"] if value else []
    form = Both(
        {
            "plain": value,
            "django": value,
            "plain_groups": "y",
            "django_groups": "y",
            "plain_many": many,
            "django_many": many,
        }
    )
    form.is_valid()
    for bound in (form, Both()):
        _same(bound, "plain", "django")
        _same(bound, "plain_groups", "django_groups")
        _same(bound, "plain_many", "django_many")


def test_plain_select_writes_the_selected_option_and_escapes(monkeypatch):
    def no_engine(*args, **kwargs):
        raise AssertionError("rendered through the template engine")

    monkeypatch.setattr("django.forms.renderers.DjangoTemplates.render", no_engine)
    html = str(Both({"plain": "b&c"})["plain"])
    assert '<option value="b&amp;c" selected><b>safe</b></option>' in html
    assert '<option value="a">Ана &lt;б&gt;</option>' in html
    assert html.startswith('<select name="plain" class="form-select" data-x="5" autofocus id="id_plain">')
    assert " hidden" not in html and html.endswith("\n</select>")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_inbox_filter_selects_read_as_djangos(language):
    from applications.review.forms import InboxFilterForm
    from tests.applications.review.factories import reference_rows

    category, _kind, _oked = reference_rows()
    data = {"status": "submitted", "priority": "no", "category": str(category.pk)}
    with translation.override(language):
        for form in (InboxFilterForm(), InboxFilterForm(data), InboxFilterForm({"status": "nonsense"})):
            form.is_valid()
            for name in ("status", "priority", "category"):
                widget = form.fields[name].widget
                assert isinstance(widget, PlainSelect)
                ours = str(form[name])
                widget.__class__ = forms.Select
                try:
                    assert ours == str(form[name]), name
                finally:
                    widget.__class__ = PlainSelect
        form = InboxFilterForm(data)
        assert f'<option value="{category.pk}" selected>{category}</option>' in str(form["category"])
