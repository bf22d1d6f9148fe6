"""``manage.py import_oked``: the stat.gov.kz ЭҚЖЖ XLSX."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from registry.models import OkedCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Commands speak the active language (Kazakh by default); these tests read the English msgids."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _xlsx(tmp_path, rows, title=True):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["Экономикалық қызмет түрлерінің жалпы жіктеуіші (ЭҚЖЖ)"])
        sheet.append([])
        sheet.append(["Код", "Атауы (қазақ тілінде)", "Наименование (на русском языке)"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "oked.xlsx"
    book.save(path)
    return path


def test_import_creates_new_codes_with_level_section_and_parent(tmp_path):
    path = _xlsx(
        tmp_path,
        [
            ["A", "Ауыл, орман және балық шаруашылығы", "Сельское, лесное и рыбное хозяйство"],
            ["01.13", "Көкөністер өсіру", "Выращивание овощей"],
            ["01.13.1", "Қант қызылшасын өсіру", "Выращивание сахарной свеклы"],
            ["0114", "Қант қамысын өсіру", "Выращивание сахарного тростника"],
            ["", "", ""],
            ["Ескерту", None, None],
        ],
    )
    out = StringIO()
    call_command("import_oked", str(path), stdout=out)
    subclass = OkedCode.objects.select_related("parent__parent").get(code="01.13.1")
    assert (subclass.level, subclass.section, subclass.parent.code, subclass.parent.parent.code) == (
        "subclass",
        "A",
        "01.13",
        "01.1",
    )
    assert OkedCode.objects.get(code="01.14").name_ru == "Выращивание сахарного тростника"
    assert "3 created, 1 updated, 1 rows skipped" in out.getvalue()


def test_import_updates_names_and_running_twice_changes_nothing(tmp_path):
    path = _xlsx(tmp_path, [["62.01", "Компьютерлік бағдарламалау (жаңа)", "Компьютерное программирование (новое)"]])
    call_command("import_oked", str(path), stdout=StringIO())
    count = OkedCode.objects.count()
    out = StringIO()
    call_command("import_oked", str(path), stdout=out)
    assert OkedCode.objects.count() == count
    assert OkedCode.objects.get(code="62.01").name_kk == "Компьютерлік бағдарламалау (жаңа)"
    assert "0 created, 1 updated" in out.getvalue()


def test_import_without_header_reads_code_kk_ru_columns(tmp_path):
    path = _xlsx(tmp_path, [["10.52", "Балмұздақ өндіру", "Производство мороженого"]], title=False)
    call_command("import_oked", str(path), stdout=StringIO())
    assert OkedCode.objects.get(code="10.52").parent.code == "10.5"


@pytest.mark.parametrize("name", ["oked.xlsx", "oked.csv"])
def test_a_file_that_is_not_xlsx_is_refused_with_a_clear_message(tmp_path, name):
    path = tmp_path / name
    path.write_text("code;name\n01;x\n")
    with pytest.raises(CommandError, match="not a readable XLSX"):
        call_command("import_oked", str(path))


def test_a_sheet_without_codes_is_refused(tmp_path):
    path = _xlsx(tmp_path, [["жоқ", "нет", "none"]])
    with pytest.raises(CommandError, match="No ЭҚЖЖ codes found"):
        call_command("import_oked", str(path))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_oked", str(tmp_path / "absent.xlsx"))


def test_import_reads_columns_by_their_header_names(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["№", "Код ОКЭД", "Наименование на русском языке", "Атауы қазақ тілінде"])
    sheet.append([1, "0151", "Разведение верблюдов", "Түйе өсіру"])
    path = tmp_path / "oked.xlsx"
    book.save(path)
    call_command("import_oked", str(path), stdout=StringIO())
    camels = OkedCode.objects.get(code="01.51")
    assert (camels.name_kk, camels.name_ru, camels.level) == ("Түйе өсіру", "Разведение верблюдов", "class")
