"""The session page's agenda table (issue 19: its rows are built as values): what the coordinator reads in each row."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html

from applications.models import Status
from councils.models import AgendaItem, CouncilSession
from tests.councils.factories import make_application

pytestmark = pytest.mark.django_db

# (status, decision, priority, construction cost) of each item, in agenda order: every label and branch.
ITEMS = [
    ("pending", "", True, Decimal("1234567.89")),
    ("voting", "", False, Decimal("0")),
    ("closed", "approved", False, Decimal("2800")),
    ("closed", "rejected", True, None),
    ("closed", "not_decided", False, Decimal("15.5")),
    ("carried", "", False, Decimal("999")),
    ("removed", "", False, Decimal("1000")),
]
WORDS = {
    "kk": {
        "pending": "Күтуде",
        "voting": "Дауыс беру жүріп жатыр",
        "closed": "Шешім қабылданды",
        "carried": "Келесі отырысқа ауыстырылды",
        "removed": "Күн тәртібінен алынды: үйлестіруші бас тартты",
        "": "Шешім жоқ",
        "approved": "Инфрақұрылым беру мүмкін",
        "rejected": "Инфрақұрылым беру мүмкін емес",
        "not_decided": "Шешім қабылданбады",
        "priority": "басымдық (5-т.)",
    },
    "ru": {
        "pending": "Ожидает",
        "voting": "Идёт голосование",
        "closed": "Решение принято",
        "carried": "Перенесено на следующее заседание",
        "removed": "Снят с повестки: отказ координатора",
        "": "Нет решения",
        "approved": "Предоставление инфраструктуры возможно",
        "rejected": "Предоставление инфраструктуры невозможно",
        "not_decided": "Решение не принято",
        "priority": "приоритет (п. 5)",
    },
}
# Costs are kept with two decimals (thousand tenge), written grouped; no cost is «—».
COSTS = ["1\xa0234\xa0567,89", "0,00", "2\xa0800,00", "—", "15,50", "999,00", "1\xa0000,00"]


@pytest.fixture
def agenda(council, coordinator, entrepreneur, region):
    session = CouncilSession.objects.create(
        council=council,
        number=7,
        starts_at=timezone.now() + timedelta(days=3),
        place="Зал",
        scheduled_by=coordinator,
        scheduled_at=timezone.now(),
    )
    items = []
    for order, (status, decision, priority, cost) in enumerate(ITEMS, start=1):
        application = make_application(region, entrepreneur, priority=priority, status=Status.ON_AGENDA)
        application.construction_cost = cost
        if order == 1:
            application.applicant_name = "ЖШС «Алма & <Бақ>»"
        application.save()
        items.append(
            AgendaItem.objects.create(
                session=session, application=application, order=order, status=status, decision=decision
            )
        )
    return session, items


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_each_agenda_row_reads_its_number_link_names_cost_status_and_decision(client, coordinator, agenda, language):
    session, items = agenda
    client.force_login(coordinator)
    with translation.override(language):
        page = client.get(reverse("councils:session", args=[session.pk]))
        links = [reverse("councils:item", args=[item.pk]) for item in items]
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.content.decode())
    rows = tree.xpath('//table[@data-testid="agenda"]/tbody/tr')
    assert len(rows) == len(ITEMS)
    words = WORDS[language]
    for row, item, (status, decision, priority, _cost), cost, link in zip(
        rows, items, ITEMS, COSTS, links, strict=True
    ):
        cells = [cell.text_content().strip() for cell in row.xpath("./td")]
        application = item.application
        number = application.number + (f" {words['priority']}" if priority else "")
        assert cells == [
            str(item.order),
            number,
            application.applicant_name,
            application.project_name,
            cost,
            words[status],
            words[decision],
        ]
        (anchor,) = row.xpath("./td[2]/a")
        assert anchor.get("href") == link and link.startswith(f"/{language}/councils/")
        assert anchor.get("data-testid") == f"item-link-{item.order}"
        assert bool(row.xpath('./td[2]/span[@class="badge bg-success"]')) is priority
    assert "ЖШС «Алма &amp; &lt;Бақ&gt;»" in page.content.decode()  # escaped as any text
