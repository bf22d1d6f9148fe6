"""Issue 14: Russian plurals through ngettext where a number stands before a noun (kk has one form)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

from applications.findings import render


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "1 субъект "),
        (2, "2 субъекта "),
        (5, "5 субъектов "),
        (11, "11 субъектов "),
        (21, "21 субъект "),
        (24, "24 субъекта "),
    ],
)
def test_common_use_users_finding_reads_with_the_russian_plural(n, form):
    with translation.override("ru"):
        assert form in render("common_use_users", "fail", {"n": n})
    with translation.override("kk"):
        assert f"{n} субъект пайдаланады" in render("common_use_users", "fail", {"n": n})


@pytest.mark.parametrize(("jobs", "words"), [(1, "1 рабочее место"), (3, "3 рабочих места"), (7, "7 рабочих мест")])
def test_forecast_jobs_read_with_the_russian_plural(jobs, words):
    template = Template(
        "{% load i18n %}{% blocktranslate count jobs=jobs with tax=tax output=output %}"
        "Forecast over years 1–3: {{ jobs }} job, {{ tax }} thousand tenge of taxes, {{ output }} "
        "thousand tenge of output.{% plural %}Forecast over years 1–3: {{ jobs }} jobs, {{ tax }} "
        "thousand tenge of taxes, {{ output }} thousand tenge of output.{% endblocktranslate %}"
    )
    with translation.override("ru"):
        assert words in template.render(Context({"jobs": jobs, "tax": 1, "output": 2}))
    with translation.override("kk"):
        assert f"{jobs} жұмыс орны" in template.render(Context({"jobs": jobs, "tax": 1, "output": 2}))


@pytest.mark.rule("§21")
@pytest.mark.parametrize(("members", "words"), [(21, "из 21 члена"), (12, "из 12 членов"), (22, "из 22 членов")])
def test_s21_quorum_message_reads_with_the_russian_plural(members, words):
    one = "§21: the meeting has no quorum: %(p)d of %(m)d member are present, %(n)d needed."
    many = "§21: the meeting has no quorum: %(p)d of %(m)d members are present, %(n)d needed."
    with translation.override("ru"):
        text = ngettext(one, many, members) % {"p": 3, "m": members, "n": 14}
    assert words in text and "§" not in text


@pytest.mark.rule("§21")
def test_s21_the_tally_reads_with_the_russian_plural(client):
    from types import SimpleNamespace

    tally = SimpleNamespace(
        votes_for=1,
        votes_against=0,
        votes_abstain=0,
        participants=14,
        members=21,
        recused=0,
        needed_for=10,
        present=14,
        quorum=True,
        participation_low=False,
    )
    with translation.override("ru"):
        html = Template('{% include "councils/_tally.html" %}').render(
            Context({"tally": tally, "item": SimpleNamespace(status="voting")})
        )
    assert "из 21 члена" in " ".join(html.split())
