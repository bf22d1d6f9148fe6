"""No text printed over other text in the monitoring PDFs (§30, §31, §32), in kk and ru: every word's box
from ``pdftotext -bbox`` is compared with its neighbours'."""

import re
import shutil
import subprocess
from decimal import Decimal
from html import unescape

import pytest

from applications.models import Status
from monitoring.reports import funds_section, s32_rows
from monitoring.services.reports import report_generate, reports_open
from monitoring.services.results import funds_record, year_result_report
from registry.models import GeneratedDocument
from registry.pdf import pdf_text

from .factories import AT, plan_month
from .factories import project as project_of
from .test_reports import seed_reports

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")]

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r"<page .*?</page>", re.S)
# Glyph boxes of neighbouring words on one line may touch; a real overprint overlaps by much more.
TOLERANCE = 0.5


def word_boxes(data: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word with its box (x0, y0, x1, y1, text) in points."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [
        [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in WORD.findall(page)]
        for page in PAGE.findall(html)
    ]


def overlaps(page: list[tuple]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes intersect by more than the tolerance both ways (a sweep over x)."""
    found, boxes = [], sorted(page)
    for i, (x0, y0, x1, y1, text) in enumerate(boxes):
        for a0, b0, a1, b1, other in boxes[i + 1 :]:
            if a0 >= x1 - TOLERANCE:
                break
            if min(x1, a1) - max(x0, a0) > TOLERANCE and min(y1, b1) - max(y0, b0) > TOLERANCE:
                found.append((text, other))
    return found


def test_overlap_detector_sees_an_overprint():
    page = [(10, 10, 60, 20, "Пайдаланушылар"), (40, 12, 90, 22, "жұмыс"), (95, 10, 110, 20, "бар")]
    assert overlaps(page) == [("Пайдаланушылар", "жұмыс")]


def _generate(report, kind, language, user, capture):
    with capture(execute=True):
        document = report_generate(report=report, kind=kind, language=language, by=user)
    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.DONE, document.error
    return document.file.read()


@pytest.mark.rule("§31")
@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("kind", ["monitoring_s30", "monitoring_s31", "monitoring_s32"])
def test_s31_no_text_overlaps_in_monitoring_pdfs(
    region, budget_admin, planning, kind, language, django_capture_on_commit_callbacks
):
    seed_reports(region, budget_admin)
    s30, s31, s32 = reports_open(region=region, year=2026, at=AT)
    report = {"monitoring_s30": s30, "monitoring_s31": s31, "monitoring_s32": s32}[kind]
    data = _generate(report, kind, language, planning, django_capture_on_commit_callbacks)
    pages = word_boxes(data)
    assert sum(len(p) for p in pages) > 50
    problems = [pair for page in pages for pair in overlaps(page)]
    assert problems == [], problems


@pytest.mark.rule("§31")
def test_s31_3_lists_each_project_with_its_financing_plan_sum_execution_and_reason(region, budget_admin, planning):
    done, ongoing = seed_reports(region, budget_admin)
    regional = project_of(region)  # financed from the regional budget: not in §31(3)
    funds_record(
        application=regional,
        year=2026,
        source="regional",
        allocated=Decimal(900),
        disbursed=Decimal(100),
        unspent_reason="Кешікті",
        by=budget_admin,
        at=AT,
    )
    # The plan sums come from the financing plans (payments of 2026), not from the "allocated" figures.
    plan_month(
        done, budget_admin, year=2026, month=3, obligations=Decimal(100), payments=Decimal(100)
    )  # done: 1500 + 100 planned, 1500 executed
    plan_month(
        ongoing, budget_admin, year=2027, month=1, obligations=Decimal(5), payments=Decimal(5)
    )  # another year: not counted
    section = funds_section(region, 2026)
    rows = {r["project"]: r for r in section["rows"]}
    assert set(rows) == {"Жылыжай кешені", "Сүт өңдеу цехы"}
    assert rows["Жылыжай кешені"]["planned"] == Decimal(1600) and rows["Жылыжай кешені"]["completed"]
    assert rows["Жылыжай кешені"]["unspent"] == Decimal(100)  # allocated 1500 = disbursed: the plan decides
    ongoing_row = rows["Сүт өңдеу цехы"]
    assert ongoing_row["planned"] == Decimal(2000) and ongoing_row["executed"] == Decimal("1250.50")
    assert ongoing_row["unspent"] == Decimal("749.50") and ongoing_row["reason"] == "Мердігер мерзімді бұзды"
    assert not ongoing_row["completed"]
    assert (section["projects"], section["completed"]) == (2, 1)
    assert section["planned"] == Decimal(3600) and section["unspent"] == Decimal("849.50")


@pytest.mark.rule("§32")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s32_lists_every_project_and_shows_the_unreported(
    region, budget_admin, planning, coordinator, language, django_capture_on_commit_callbacks
):
    done, ongoing = seed_reports(region, budget_admin)
    silent = project_of(region, status=Status.IN_MONITORING, project_name="Үнсіз жоба")
    from monitoring.models import YearResult

    year_result_report(
        result=YearResult.objects.get(application=done, year=2026), by=done.applicant, at=AT, jobs_permanent=9
    )
    rows = {r["application"].project_name: r for r in s32_rows(region, 2026)}
    assert set(rows) == {"Жылыжай кешені", "Сүт өңдеу цехы", "Үнсіз жоба"}
    assert rows["Жылыжай кешені"]["reported"] and not rows["Үнсіз жоба"]["reported"]
    _s30, _s31, s32 = reports_open(region=region, year=2026, at=AT)
    text = pdf_text(_generate(s32, "monitoring_s32", language, coordinator, django_capture_on_commit_callbacks))
    assert "Үнсіз" in text  # a name may wrap inside its cell
    marker = {"kk": "бермеді", "ru": "отчитался"}[language]  # one word: a cell may wrap
    assert text.count(marker) == 2  # the silent project and the one with a plan but no report
    assert silent.pk in {r["application"].pk for r in s32_rows(region, 2026) if not r["reported"]}
