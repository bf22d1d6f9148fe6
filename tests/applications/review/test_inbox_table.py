"""The inbox's table and filters (issue 19: rows built as values, selects written in Python): what the coordinator reads."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from applications.models import Status
from applications.workflow import application_move
from registry.models import InfrastructureObjectType
from tests.applications.review.factories import SubmittedApplicationFactory, reference_rows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 6)  # Monday

WORDS = {
    "kk": {
        "submitted": "Жіберілді",
        "recommended": "ӨҮК-ке ұсынылды",
        "refused": "Үйлестіруші бас тартты",
        "approved": "ӨҮК: инфрақұрылым беру мүмкін",
        "confirmed": "басымдық расталды",
        "claimed": "басымдық мәлімделді",
        "met": "орындалған уақыты",
        "missed": "бұзылды",
        "overdue": "мерзімі өтті",
        "today": "мерзімі бүгін",
        "tomorrow": "мерзімі ертең",
        "water": "Сумен жабдықтау",
        "all": "Барлығы",
    },
    "ru": {
        "submitted": "Подана",
        "recommended": "Рекомендована в РКС",
        "refused": "Отказано координатором",
        "approved": "РКС: предоставление инфраструктуры возможно",
        "confirmed": "приоритет подтверждён",
        "claimed": "приоритет заявлен",
        "met": "исполнен",
        "missed": "нарушен",
        "overdue": "просрочено",
        "today": "срок сегодня",
        "tomorrow": "срок завтра",
        "water": "Водоснабжение",
        "all": "Все",
    },
}


@pytest.fixture
def inbox(region, coordinator, today):
    _category, _kind, _oked = reference_rows()
    russian_only = InfrastructureObjectType.objects.create(
        code="road", category=_category, name_kk="", name_ru="Дорога"
    )
    received = date(2026, 3, 30)
    made = {
        "today": SubmittedApplicationFactory(
            region=region,
            number="61-A",
            priority=True,
            priority_confirmed=True,
            applicant_name="ЖШС «Алма & <Бақ>»",
            applicant_identifier="240140000001",
            construction_cost=Decimal("1234567.89"),
            project_cost=Decimal("2500000"),
            received_on=received,
            review_due=date(2026, 4, 6),
        ),
        "tomorrow": SubmittedApplicationFactory(
            region=region,
            number="61-B",
            priority=True,
            oked=None,
            infrastructure_type=None,
            construction_cost=None,
            project_cost=None,
            received_on=received,
            review_due=date(2026, 4, 7),
        ),
        "overdue": SubmittedApplicationFactory(
            region=region,
            number="61-C",
            infrastructure_type=russian_only,
            construction_cost=Decimal("15.5"),
            project_cost=Decimal("0"),
            received_on=received,
            review_due=date(2026, 4, 2),
        ),
        "met": SubmittedApplicationFactory(region=region, number="61-D", received_on=received, review_due=TODAY),
        "running": SubmittedApplicationFactory(
            region=region, number="61-E", status=Status.RECOMMENDED, received_on=received, review_due=date(2026, 4, 9)
        ),
        "no dates": SubmittedApplicationFactory(
            region=region,
            number="61-F",
            status=Status.APPROVED,
            received_on=None,
            review_due=None,
            submitted_at=datetime(2026, 3, 30, 9, tzinfo=UTC),
        ),
    }
    application_move(
        application=made["met"],
        allowed_from=[Status.SUBMITTED],
        to=Status.REFUSED,
        by=coordinator,
        action="refuse",
        rule="§20",
        reason="x",
        at=datetime(2026, 4, 1, 6, tzinfo=UTC),
    )
    today(TODAY)
    return made


def _rows(client, language, **query):
    with translation.override(language):
        page = client.get(reverse("review:inbox"), query)
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.content.decode())
    rows = {}
    for row in tree.xpath('//table[@data-testid="inbox"]/tbody/tr[@data-testid="inbox-row"]'):
        cells = [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        rows[row.get("data-number")] = (cells, row)
    return rows, tree, page.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_each_inbox_row_reads_as_the_coordinator_expects(client, coordinator, inbox, language):
    client.force_login(coordinator)
    rows, _tree, html = _rows(client, language)
    w = WORDS[language]
    # Registry number (and priority), applicant / BIN, ЭҚЖЖ, type, costs, received, due, days left (and badge),
    # status, §19 met.
    expected = {
        "61-A": [
            "61-A " + w["confirmed"],
            "ЖШС «Алма & <Бақ>»240140000001",
            "10.71",
            w["water"],
            "1 234 567,89 / 2 500 000,00",
            "30.03.2026",
            "06.04.2026",
            "0 " + w["today"],
            w["submitted"],
            "—",
        ],
        "61-B": [
            "61-B " + w["claimed"],
            None,
            "—",
            "—",
            "— / —",
            "30.03.2026",
            "07.04.2026",
            "1 " + w["tomorrow"],
            w["submitted"],
            "—",
        ],
        "61-C": [
            "61-C",
            None,
            "10.71",
            "Дорога",
            "15,50 / 0,00",
            "30.03.2026",
            "02.04.2026",
            "-2 " + w["overdue"],
            w["submitted"],
            w["missed"],
        ],
        "61-D": [
            "61-D",
            None,
            "10.71",
            w["water"],
            "120 000,00 / 150 000,00",
            "30.03.2026",
            "06.04.2026",
            "",
            w["refused"],
            w["met"],
        ],
        "61-E": [
            "61-E",
            None,
            "10.71",
            w["water"],
            "120 000,00 / 150 000,00",
            "30.03.2026",
            "09.04.2026",
            "3",
            w["recommended"],
            "—",
        ],
        "61-F": ["61-F", None, "10.71", w["water"], "120 000,00 / 150 000,00", "—", "—", "", w["approved"], "—"],
    }
    assert set(rows) == set(expected)
    for number, cells in expected.items():
        got, row = rows[number]
        assert len(got) == 10
        for i, value in enumerate(cells):
            if value is not None:
                assert got[i] == value, (number, i, got[i], value)
        application = inbox[
            {
                "61-A": "today",
                "61-B": "tomorrow",
                "61-C": "overdue",
                "61-D": "met",
                "61-E": "running",
                "61-F": "no dates",
            }[number]
        ]
        with translation.override(language):
            assert row.xpath("./td[1]/a")[0].get("href") == reverse("review:detail", args=[application.pk])
        badge = row.xpath('.//span[@data-testid="badge"]')
        classes = {"61-A": "badge badge-due-soon", "61-B": "badge bg-secondary", "61-C": "badge badge-overdue"}
        assert [b.get("class") for b in badge] == ([classes[number]] if number in classes else [])
    assert "ЖШС «Алма &amp; &lt;Бақ&gt;»" in html
    assert 'data-testid="priority-confirmed"' in html and 'data-testid="priority-claimed"' in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_filter_selects_keep_the_readers_choice(client, coordinator, inbox, language):
    client.force_login(coordinator)
    category = reference_rows()[0]
    rows, tree, _html = _rows(client, language, status="submitted", priority="yes", category=str(category.pk), q="61")
    assert set(rows) == {"61-A"}  # 61-B has no infrastructure type, so no category
    w = WORDS[language]
    with translation.override(language):
        category_name = str(category)
    for name, selected in (("status", w["submitted"]), ("priority", None), ("category", category_name)):
        (select,) = tree.xpath(f'//form[@data-testid="inbox-filters"]//select[@name="{name}"]')
        assert select.get("id") == f"id_{name}" and select.get("class") == "form-select"
        options = select.xpath("./option")
        assert options[0].get("value") == "" and options[0].text == w["all"]
        chosen = [o for o in options if o.get("selected") is not None]
        assert len(chosen) == 1
        if selected:
            assert chosen[0].text == selected
    (status,) = tree.xpath('//select[@name="status"]')
    assert "draft" not in [o.get("value") for o in status.xpath("./option")]
    rows, tree, _html = _rows(client, language)
    for name in ("status", "priority", "category"):
        (select,) = tree.xpath(f'//select[@name="{name}"]')
        assert [o.get("value") for o in select.xpath("./option[@selected]")] == [""]


def test_review_page_badge_reads_as_in_the_inbox(client, coordinator, inbox):
    client.force_login(coordinator)
    html = client.get(reverse("review:detail", args=[inbox["overdue"].pk])).content.decode()
    assert '<span class="badge badge-overdue" data-testid="badge">мерзімі өтті</span>' in html
    html = client.get(reverse("review:detail", args=[inbox["running"].pk])).content.decode()
    assert 'data-testid="badge"' not in html
