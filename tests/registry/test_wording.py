"""People read paragraphs as the law cites them («19-т.» / «п. 19»), never «§»; actions by name."""

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from registry.templatetags.portal import ACTIONS, action_label, paragraph

BASE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("kk", "§19", "19-т."),
        ("ru", "§19", "п. 19"),
        ("kk", "§2(3)", "2-т. 3) тармақша"),
        ("ru", "§2(3)", "пп. 3) п. 2"),
        ("ru", "§5 §7", "п. 5 п. 7"),
        ("kk", "Appendix 9", "Appendix 9"),
        ("kk", "", ""),
        ("ru", None, ""),
    ],
)
def test_paragraph_cites_as_the_law_does(language, value, expected):
    with translation.override(language):
        assert paragraph(value) == expected


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_journal_action_has_a_name_in_both_languages(language):
    with translation.override(language):
        for code in ACTIONS:
            label = action_label(code)
            assert label and label != code and "_" not in label
    with translation.override("kk"):
        assert action_label("application_submit") == "Өтінімге қол қойылып, жіберілді"
        assert action_label("eligibility 5-oked accepted").startswith("Сәйкестік")
        assert action_label("something_new") == "something_new"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_catalogue_translation_carries_the_section_sign(language):
    text = (BASE / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, re.M)
    offending = [b for b in blocks if "§" in b]
    assert offending == []


def test_check_catalogues_fails_on_a_section_sign(tmp_path):
    """scripts/check_catalogues.sh (run by `make test`) refuses «§» in a translation."""
    root = tmp_path / "tree"
    for language in ("kk", "ru"):
        target = root / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        po = (BASE / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        if language == "ru":
            po += '\nmsgid "Check me"\nmsgstr "Проверка по §19"\n'
        (target / "django.po").write_text(po, encoding="utf-8")
    (root / "scripts").mkdir()
    script = root / "scripts" / "check_catalogues.sh"
    script.write_text((BASE / "scripts" / "check_catalogues.sh").read_text(encoding="utf-8"))
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "ru/LC_MESSAGES/django.po: 1 translation(s) with «§»" in result.stderr
    assert "kk/LC_MESSAGES/django.po: " not in result.stderr


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("kk", 1234567, "thousand", "1\xa0234\xa0567 мың теңге"),
        ("ru", "1234.5", "thousand", "1\xa0234,5 тыс. тенге"),
        ("ru", 999, "tenge", "999 тенге"),
        ("kk", None, "thousand", "—"),
    ],
)
def test_amounts_carry_their_unit_and_a_space_between_thousands(language, value, unit, expected):
    from decimal import Decimal

    from registry.templatetags.portal import amount

    with translation.override(language):
        assert amount(Decimal(value) if isinstance(value, str) else value, unit) == expected


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_one_date_style_in_both_languages(language):
    from datetime import date, datetime

    from django.utils.formats import date_format

    with translation.override(language):
        assert date_format(date(2026, 3, 2)) == "02.03.2026"
        assert date_format(date(2026, 3, 2), "SHORT_DATE_FORMAT") == "02.03.2026"
        assert date_format(datetime(2026, 3, 2, 9, 5), "SHORT_DATETIME_FORMAT") == "02.03.2026 09:05"


@pytest.mark.parametrize(
    ("language", "month", "alone", "of_year"),
    [
        ("kk", 1, "қаңтар", "2026 жылғы қаңтар"),
        ("kk", 12, "желтоқсан", "2026 жылғы желтоқсан"),
        ("ru", 1, "январь", "январь 2026"),
        ("ru", 5, "май", "май 2026"),
    ],
)
def test_a_month_standing_alone_is_named_in_the_readers_language(language, month, alone, of_year):
    """A load reading's month, a financing plan's month, a report period: «қаңтар» / «январь» (nominative)."""
    from datetime import date

    from registry.templatetags.portal import month_name, month_year

    with translation.override(language):
        assert month_name(month) == alone
        assert month_name(date(2026, month, 1)) == alone
        assert month_year(date(2026, month, 1)) == of_year
        assert month_year(None) == month_name(13) == "—"


# A date in the templates: dd.mm.yyyy (with its time), the language's formats, or a time alone; a month
# standing alone goes through |month_year / |month_name, never as "m.Y".
DATE_STYLES = {"d.m.Y", "d.m.Y H:i", "d.m.Y H:i:s", "H:i", "DATE_FORMAT", "DATETIME_FORMAT"} | {
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
}


def test_every_template_writes_dates_in_the_one_style():
    found = {}
    for path in (BASE / "templates").rglob("*.*"):
        for style in re.findall(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8")):
            if style not in DATE_STYLES:
                found.setdefault(style, []).append(str(path.relative_to(BASE)))
    assert found == {}


@pytest.mark.rule("§22")
@pytest.mark.parametrize(
    ("language", "can", "cannot"),
    [
        ("kk", "Инфрақұрылым беру мүмкін", "Инфрақұрылым беру мүмкін емес"),
        ("ru", "Предоставление инфраструктуры возможно", "Предоставление инфраструктуры невозможно"),
    ],
)
def test_s22_the_councils_decision_reads_as_the_rules_word_it(language, can, cannot):
    """§22(3): the ӨҮК decides «инфрақұрылым беру мүмкіндігі (немесе мүмкін еместігі) туралы»; TERMS.md gives
    «инфрақұрылым беру мүмкін / мүмкін емес» and «предоставление инфраструктуры возможно / невозможно»."""
    from applications.models import Status
    from councils.models import AgendaItem

    text = BASE.parent / "shared" / "rules" / "rules-kk.txt"  # the team's copy of the law, beside the checkouts
    if text.exists():
        rules = " ".join(text.read_text(encoding="utf-8").split())
        assert "инфрақұрылым беру мүмкіндігі (немесе мүмкін еместігі) туралы шешім" in rules
    with translation.override(language):
        assert str(AgendaItem.Decision.APPROVED.label) == can
        assert str(AgendaItem.Decision.REJECTED.label) == cannot
        assert str(Status.APPROVED.label).endswith(can[1:]) and str(Status.REJECTED.label).endswith(cannot[1:])
    catalogue = (BASE / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for paraphrase in ("ұсынуға болады", "ұсынуға болмайды", "ӨҮК мақұлдады", "может быть предоставлена", "Одобрена"):
        assert paraphrase not in catalogue
