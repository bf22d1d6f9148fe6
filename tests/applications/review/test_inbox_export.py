"""The inbox's export: exactly the filtered rows (every page), in the reader's language, user text kept as text."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.applications.review.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db
INBOX = "/kk/review/"
MISSED_KK = "бұзылды"


def _xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [
        [c.value for c in row]
        for row in load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows()
    ]


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.rule("§19")
def test_s19_inbox_export_holds_exactly_the_filtered_rows(client, coordinator, region, elsewhere, today):
    SubmittedApplicationFactory(region=region, number="61-P", priority=True, applicant_name="Ауыл кооперативі")
    SubmittedApplicationFactory(region=region, number="61-Q", applicant_name="ЖК Сейтқали", review_due=date(2026, 3, 2))
    SubmittedApplicationFactory(region=region, number="61-R", applicant_name='=HYPERLINK("http://x","y")')
    today(date(2026, 3, 10))
    client.force_login(coordinator)
    rows = _xlsx(client.get(INBOX + "export.xlsx", {"overdue": "on"}))
    assert [r[0] for r in rows[1:]] == ["61-Q"]
    assert rows[1][10].date() == date(2026, 3, 2) and rows[1][13] == MISSED_KK  # §19 missed
    everything = _xlsx(client.get(INBOX + "export.xlsx"))
    assert [r[0] for r in everything[1:]] == ["61-P", "61-Q", "61-R"]  # §5: priority first; no other region
    assert everything[0][0] == "Тізілім нөмірі"  # the reader's language (kk)
    formula = next(r for r in everything if r[0] == "61-R")
    assert formula[2] == '=HYPERLINK("http://x","y")'
    csv_rows = _csv(client.get(INBOX + "export.csv", {"q": "Сейтқали"}))
    assert [r[0] for r in csv_rows[1:]] == ["61-Q"]
    assert "'=HYPERLINK" in "".join(",".join(r) for r in _csv(client.get(INBOX + "export.csv")))
    ru = _csv(client.get("/ru/review/export.csv", {"priority": "yes"}))
    assert ru[0][0] == "Номер в реестре" and [r[0] for r in ru[1:]] == ["61-P"]


def test_inbox_export_walks_past_the_first_page(client, coordinator, region):
    made = {SubmittedApplicationFactory(region=region).number for _i in range(30)}  # the page shows 25
    client.force_login(coordinator)
    assert {r[0] for r in _csv(client.get(INBOX + "export.csv"))[1:]} == made


def test_inbox_export_is_for_coordinators_and_known_formats_only(client, coordinator, entrepreneur, submitted):
    client.force_login(entrepreneur)
    assert client.get(INBOX + "export.csv").status_code == 403
    client.force_login(coordinator)
    assert client.get(INBOX + "export.pdf").status_code == 404
    assert client.post(INBOX + "export.csv").status_code == 405
