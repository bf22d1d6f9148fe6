"""§29.1: load readings from the kk/ru XLSX template: preview every row's errors; save all or nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from monitoring.models import InfrastructureObject, LoadIndicator
from registry.models import AuditEvent

from .factories import object_type

pytestmark = pytest.mark.django_db
PAGE = "/kk/monitoring/objects/load-import/"


@pytest.fixture
def objects(region, other_region):
    kind = object_type(common_use=True)
    mine = [
        InfrastructureObject.objects.create(region=region, name=n, location="Сайрам", object_type=kind)
        for n in ("Қойма", "Цех")
    ]
    theirs = InfrastructureObject.objects.create(
        region=other_region, name="Астана қоймасы", location="Астана", object_type=kind
    )
    return mine, theirs


def _file(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "month", "occupancy", "served", "volume"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("load.xlsx", out.getvalue())


def _preview_errors(response) -> dict[int, str]:
    page = response.content.decode()
    rows = {}
    for chunk in page.split('data-testid="import-row" data-line="')[1:]:
        line = int(chunk.split('"', 1)[0])
        rows[line] = chunk.split("</tr>")[0].rsplit("<td>", 1)[1].replace("</td>", "")
    return rows


def test_template_in_kk_and_ru_lists_the_readers_objects(client, budget_admin, objects):
    mine, theirs = objects
    client.force_login(budget_admin)
    for language, header in (("kk", "Объект нөмірі"), ("ru", "Номер объекта")):
        sheet = load_workbook(
            io.BytesIO(client.get(f"/{language}/monitoring/objects/load-import/template.xlsx").content)
        ).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == header
        assert {r[0] for r in rows[1:]} == {o.pk for o in mine}


@pytest.mark.rule("§29")
def test_s29_an_xlsx_with_one_bad_row_saves_nothing_and_names_the_row(client, budget_admin, objects):
    (store, shop), theirs = objects
    client.force_login(budget_admin)
    upload = _file(
        [
            [store.pk, "Қойма", "01.2026", 40, 3, 10],
            [shop.pk, "Цех", "02.2026", -5, 2, 0],  # row 3: negative value
            [theirs.pk, "Астана", "02.2026", 10, 1, 0],  # row 4: another region's object
            [store.pk, "Қойма", "13.2026", 10, 1, 0],  # row 5: wrong month
            [store.pk, "Қойма", "01.2099", 10, 1, 0],  # row 6: a month that has not begun
            [shop.pk, "", None, None, None, None],  # a template row left empty: skipped
        ]
    )
    response = client.post(PAGE, {"file": upload})
    assert response.status_code == 400 and 'data-testid="import-errors"' in response.content.decode()
    errors = _preview_errors(response)
    assert set(errors) == {2, 3, 4, 5, 6} and errors[2].strip() == ""
    assert "теріс" in errors[3] and "Белгісіз объект" in errors[4]
    assert "ай" in errors[5].lower() and "ай" in errors[6].lower()
    assert 'data-testid="import-save"' not in response.content.decode()
    assert client.post(PAGE + "save/").status_code == 302  # nothing previewed cleanly: nothing to save
    assert not LoadIndicator.objects.exists()


@pytest.mark.rule("§29")
def test_s29_a_clean_file_is_previewed_then_saved_whole_and_journalled(client, budget_admin, objects):
    (store, shop), _theirs = objects
    LoadIndicator.objects.create(infrastructure_object=store, month=date(2026, 1, 1), occupancy=5, served=1)
    client.force_login(budget_admin)
    upload = _file([[store.pk, "Қойма", "01.2026", "40,5", 3, 10], [shop.pk, "Цех", date(2026, 2, 14), 100, 0, None]])
    response = client.post(PAGE, {"file": upload})
    assert response.status_code == 200 and 'data-testid="import-save"' in response.content.decode()
    assert LoadIndicator.objects.count() == 1  # the preview saves nothing
    assert client.post(PAGE + "save/").status_code == 302
    readings = {(r.infrastructure_object_id, r.month): r for r in LoadIndicator.objects.all()}
    assert readings[(store.pk, date(2026, 1, 1))].occupancy == 40.5  # the month is corrected, not doubled
    assert readings[(shop.pk, date(2026, 2, 1))].occupancy == 100 and len(readings) == 2
    assert AuditEvent.objects.filter(action="load_record").count() == 2
    assert client.post(PAGE + "save/").status_code == 302 and LoadIndicator.objects.count() == 2  # not twice


def test_not_a_workbook_is_refused_with_a_message(client, budget_admin, objects):
    client.force_login(budget_admin)
    response = client.post(PAGE, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert response.status_code == 400 and "XLSX" in response.content.decode()


def test_only_the_regions_recorders_import(client, entrepreneur, planning, objects):
    for user in (entrepreneur, planning):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.post(PAGE + "save/").status_code == 403


RESULTS = "/kk/monitoring/projects/results-import/"


def _results_file(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["number", "project", "year", "kind", "indicator", "unit", "plan", "fact"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("results.xlsx", out.getvalue())


@pytest.mark.rule("§29")
def test_s29_yearly_results_one_bad_row_saves_nothing_then_a_clean_file_saves_all(
    client, budget_admin, region, other_region
):
    from monitoring.models import ResultIndicator

    from .factories import project

    mine, theirs = project(region), project(other_region)
    client.force_login(budget_admin)
    template = load_workbook(
        io.BytesIO(client.get("/ru/monitoring/projects/results-import/template.xlsx").content)
    ).active
    assert [r[0] for r in template.iter_rows(min_row=2, values_only=True)] == [mine.number]
    bad = _results_file(
        [
            [mine.number, "", 2026, "direct", "Қызмет көрсетілген кәсіпкерлер", "адам", 10, 12],
            [theirs.number, "", 2026, "final", "Жұмыс орындары", "адам", 5, 5],  # row 3: another region's project
            [mine.number, "", 2026, "тікелей", "Көлем", "тонна", -1, None],  # row 4: negative plan
        ]
    )
    response = client.post(RESULTS, {"file": bad})
    assert response.status_code == 400
    errors = _preview_errors(response)
    assert errors[2].strip() == "" and "Белгісіз жоба" in errors[3] and "теріс" in errors[4]
    client.post(RESULTS + "save/")
    assert not ResultIndicator.objects.exists()
    good = _results_file(
        [
            [mine.number, "", 2026, "Тікелей нәтиже", "Қызмет көрсетілген кәсіпкерлер", "адам", 10, 12],
            [mine.number, "", 2026, "final", "Салық түсімі", "мың теңге", "150,5", None],
        ]
    )
    assert client.post(RESULTS, {"file": good}).status_code == 200
    assert client.post(RESULTS + "save/").status_code == 302
    saved = {i.name: i for i in ResultIndicator.objects.filter(application=mine, year=2026)}
    assert (
        saved["Қызмет көрсетілген кәсіпкерлер"].kind == "direct" and saved["Қызмет көрсетілген кәсіпкерлер"].fact == 12
    )
    assert saved["Салық түсімі"].plan == Decimal("150.5") and saved["Салық түсімі"].fact is None
    assert AuditEvent.objects.filter(action="indicator_set").count() == 2
