"""Amounts as people read them (issue 14): thousands separated by a space, each figure with its unit.

Every money field of the pages' objects is set to 1 234 567,89 thousand tenge,
then every main page of every role (the phone-layout test's list: the
parameterless pages and the IDOR matrix's pages, opened by their owner) is
read as text, in kk and ru. A figure written without its separators
("1234567,89") fails; a grouped figure of a million or more fails unless its
unit stands beside it: in its own cell or sentence, in its column's or row's
heading, or in its label (``<dt>``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from lxml import html as lxml_html

from tests.e2e.test_phone_layout import _addresses, world  # noqa: F401  (world: the pages' objects)
from tests.monitoring import factories as monitoring_factories

MARK = Decimal("1234567.89")
UNIT = {"kk": "мың теңге", "ru": "тыс. тенге"}
UNGROUPED = re.compile(r"(?<![\d.,])\d{4,}[.,]\d{1,2}(?!\d)")
MILLIONS = re.compile(r"\d{1,3}(?:[\xa0 ]\d{3}){2,},\d{2}")
HIDDEN = "//script|//style|//input|//textarea|//select|//svg|//template"


def _money_everywhere(built) -> None:
    """The objects behind the money figures, then every money field at MARK."""
    from applications.models import Application, ApplicationDetails
    from monitoring.models import (
        BudgetRequestLine,
        FinancingPlanLine,
        FundsUse,
        LoadIndicator,
        ShelfPlacement,
        YearResult,
    )

    project = built.project
    # §26 and §17: the administrator's request (decided) and plan for the project.
    decided_request = monitoring_factories.decide(built.budget_request, built.planning)
    BudgetRequestLine.objects.filter(request=decided_request).update(amount=MARK, approved_amount=MARK)
    FinancingPlanLine.objects.filter(plan=built.financing_plan).update(obligations=MARK, payments=MARK)
    FundsUse.objects.create(application=project, year=2027, allocated=MARK, disbursed=MARK)
    LoadIndicator.objects.create(
        infrastructure_object=built.infrastructure_object, month=date(2027, 1, 1), occupancy=50, served=3, volume=12
    )
    built.year_result  # noqa: B018  (built for the project page)
    money = {"construction_cost": MARK, "project_cost": MARK}
    Application.objects.update(**money)
    ApplicationDetails.objects.update(**{f"{row}_{y}": MARK for row in ("tax", "output") for y in range(4)})
    YearResult.objects.update(plan_tax=MARK, plan_output=MARK, fact_tax=MARK, fact_output=MARK)
    ShelfPlacement.objects.update(cost=MARK)


def _column_heading(cell) -> str:
    """The text of the <th> over a table cell's column, and of its row's <th>."""
    row = cell.getparent()
    index = sum(int(c.get("colspan", 1)) for c in cell.itersiblings(preceding=True))
    table = next((a for a in cell.iterancestors("table")), None)
    words = " ".join(th.text_content() for th in row.iterchildren("th"))
    if table is not None:
        for head in table.xpath(".//thead/tr"):
            heads = list(head.iterchildren("th", "td"))
            if index < len(heads):
                words += " " + heads[index].text_content()
    return words


def _unit_beside(node, unit: str) -> bool:
    """The figure's unit in its cell, sentence, column/row heading or label."""
    for element in [node, *node.iterancestors()]:
        if unit in element.text_content().replace("\xa0", " ") and element.tag in ("td", "th", "dd", "p", "li", "div"):
            return True
        if element.tag in ("td", "th"):
            return unit in _column_heading(element).replace("\xa0", " ")
        if element.tag == "dd":
            label = element.getprevious()
            return label is not None and unit in label.text_content().replace("\xa0", " ")
        if element.tag in ("p", "li", "section", "body"):
            return False
    return False


def figure_problems(page: str, unit: str) -> list[str]:
    """Money figures on a page without their separators or their unit."""
    tree = lxml_html.fromstring(page)
    for hidden in tree.xpath(HIDDEN):
        hidden.drop_tree()
    problems = []
    for text in tree.xpath("//text()"):
        problems += [f"no separators: {m}" for m in UNGROUPED.findall(str(text))]
        for figure in MILLIONS.findall(str(text)):
            if not _unit_beside(text.getparent(), unit):
                problems.append(f"no unit: {figure} in «{text.getparent().text_content().strip()[:80]}»")
    return problems


def test_the_scanner_sees_a_bare_figure_and_accepts_a_unit_in_the_heading():
    unit = UNIT["kk"]
    assert figure_problems("<p>Сомасы 1234567,89</p>", unit) == ["no separators: 1234567,89"]
    assert figure_problems("<p>Сомасы 1\xa0234\xa0567,89</p>", unit)[0].startswith("no unit")
    assert figure_problems("<p>Сомасы 1\xa0234\xa0567,89 мың теңге</p>", unit) == []
    table = "<table><thead><tr><th>Жыл</th><th>Төлемдер, мың теңге</th></tr></thead><tr><td>2027</td><td>1\xa0234\xa0567,89</td></tr></table>"
    assert figure_problems(table, unit) == []
    assert figure_problems(table.replace(", мың теңге", ""), unit)[0].startswith("no unit")
    assert figure_problems("<dl><dt>Құны, мың теңге</dt><dd>1\xa0234\xa0567,89</dd></dl>", unit) == []
    assert figure_problems('<input value="1234567.89"><p>2026</p>', unit) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_money_figure_of_every_main_page_has_its_separators_and_unit(world, language):  # noqa: F811
    addresses = _addresses(world, language)
    _money_everywhere(world)
    problems: list[str] = []
    opened = with_mark = 0
    for persona, urls in addresses.items():
        client = Client()
        client.force_login(getattr(world, persona))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            opened += 1
            page = response.content.decode()
            with_mark += "1\xa0234\xa0567,89" in page
            problems += [f"{persona} {url}: {p}" for p in figure_problems(page, UNIT[language])]
    assert opened > 40, f"only {opened} pages opened"
    assert with_mark >= 8, f"only {with_mark} pages show an amount"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_dossier_copy_writes_amounts_with_separators_and_unit(region, entrepreneur, language):
    """The dossier PDF's page (its HTML, before WeasyPrint lays it out)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from applications.models import Application, ApplicationDetails
    from applications.review.dossier import _dossier_context
    from tests.applications.factories import complete_draft, reference_data

    application = complete_draft(entrepreneur, region, reference_data(region))
    Application.objects.filter(pk=application.pk).update(construction_cost=MARK, project_cost=MARK)
    ApplicationDetails.objects.filter(application=application).update(tax_1=MARK, output_1=MARK)
    application = Application.objects.get(pk=application.pk)
    with translation.override(language):
        page = render_to_string("applications/review/pdf/dossier.html", _dossier_context(application, {}, language))
    assert page.count("1\xa0234\xa0567,89") == 6  # the core table, the Appendix summary, the effect table
    assert figure_problems(page, UNIT[language]) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("kind", ["monitoring_s30", "monitoring_s31", "monitoring_s32"])
def test_monitoring_pdfs_write_amounts_with_separators_and_unit(
    region, budget_admin, planning, kind, language, django_capture_on_commit_callbacks
):
    from monitoring.services.reports import report_generate, reports_open
    from registry.models import GeneratedDocument
    from registry.pdf import pdf_text
    from tests.monitoring.factories import AT
    from tests.monitoring.test_reports import seed_reports

    seed_reports(region, budget_admin)
    s30, s31, s32 = reports_open(region=region, year=2026, at=AT)
    report = {"monitoring_s30": s30, "monitoring_s31": s31, "monitoring_s32": s32}[kind]
    with django_capture_on_commit_callbacks(execute=True):
        document = report_generate(report=report, kind=kind, language=language, by=planning)
    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.DONE, document.error
    text = " ".join(pdf_text(document.file.read()).replace("\xa0", " ").split())
    assert UNGROUPED.findall(text) == []
    figure = {"monitoring_s30": "2 750,50", "monitoring_s31": "1 250,50"}.get(kind)  # §32's table: no amount seeded
    if figure:
        assert f"{figure} {UNIT[language]}" in text, text


def test_charts_write_figures_as_the_pages_do():
    """A million on a chart's axis or in its tooltip is «1 500 000», not "1.5e+06"."""
    from django.utils import translation

    from monitoring.charts import Series, bar_chart

    with translation.override("kk"):
        svg = str(bar_chart(["2026"], [Series("Жоспар", [1500000.0], "#6c757d")], title="Қаражат"))
    assert "1\xa0500\xa0000" in svg and "e+06" not in svg
