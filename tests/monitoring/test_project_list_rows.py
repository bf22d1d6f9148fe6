"""The administrator's projects list (§25; issue 19: rows built as values): what each row reads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from applications.models import Status
from monitoring.models import BudgetRequest, FinancingPlan, YearResult

from .factories import AT, file_request, project

pytestmark = pytest.mark.django_db

WORDS = {
    "kk": {
        Status.SENT_TO_BUDGET: "Бюджеттік бағдарлама әкімшісіне жіберілді",
        Status.FUNDED: "Қаржыландырылды",
        Status.IN_MONITORING: "Мониторингте",
        "submitted": "Жоспарлау органының қарауында",
        "returned": "Қараусыз қайтарылды",
        "approved": "Бекітілді, жариялауды күтуде",
        "published": "Жарияланды",
        "region": "Түркістан облысы",
    },
    "ru": {
        Status.SENT_TO_BUDGET: "Направлена администратору бюджетной программы",
        Status.FUNDED: "Профинансирована",
        Status.IN_MONITORING: "На мониторинге",
        "submitted": "На рассмотрении органа планирования",
        "returned": "Возвращена без рассмотрения",
        "approved": "Утверждён, ожидает публикации",
        "published": "Опубликован",
        "region": "Туркестанская область",
    },
}


@pytest.fixture
def projects(region, budget_admin):
    filed = project(region, project_name="Су құбыры <1> & Ко", submitted_at=AT)
    unnumbered = project(region, status=Status.FUNDED, submitted_at=AT + timedelta(hours=1))
    unnumbered.number = None
    unnumbered.save(update_fields=["number"])
    returned = project(region, status=Status.IN_MONITORING, submitted_at=AT + timedelta(hours=2))
    file_request(budget_admin, [filed])
    BudgetRequest.objects.filter(pk=file_request(budget_admin, [returned]).pk).update(status="returned")
    for plan_status, app in (("approved", filed), ("published", returned)):
        plan = FinancingPlan.objects.create(
            administrator=budget_admin.administrator, year=2027 if app is filed else 2028, status=plan_status
        )
        plan.projects.add(app)
    for year in (2027, 2028):
        YearResult.objects.create(application=filed, year=year, status=YearResult.Status.REPORTED)
    YearResult.objects.create(application=returned, year=2027, status=YearResult.Status.CONFIRMED)
    return filed, unnumbered, returned


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_each_project_row_reads_its_link_names_region_and_three_states(client, budget_admin, projects, language):
    filed, unnumbered, returned = projects
    client.force_login(budget_admin)
    with translation.override(language):
        page = client.get(reverse("monitoring:projects"))
        links = [reverse("monitoring:project", args=[p.pk]) for p in projects]
    assert page.status_code == 200
    html = page.content.decode()
    tree = lxml_html.fromstring(html)
    rows = tree.xpath('//table[@data-testid="projects"]/tbody/tr')
    w = WORDS[language]
    expected = [
        [
            filed.number,
            filed.project_name,
            filed.applicant_name,
            w["region"],
            w[Status.SENT_TO_BUDGET],
            w["submitted"],
            w["approved"],
            "2",
        ],
        [
            str(unnumbered.pk),
            unnumbered.project_name,
            unnumbered.applicant_name,
            w["region"],
            w[Status.FUNDED],
            "—",
            "—",
            "",
        ],
        [
            returned.number,
            returned.project_name,
            returned.applicant_name,
            w["region"],
            w[Status.IN_MONITORING],
            w["returned"],
            w["published"],
            "",
        ],
    ]
    assert [[cell.text_content().strip() for cell in row.xpath("./td")] for row in rows] == expected
    assert [row.xpath("./td[1]/a")[0].get("href") for row in rows] == links
    assert [bool(row.xpath('./td[8]/span[@class="badge badge-due-soon"]')) for row in rows] == [True, False, False]
    assert "Су құбыры &lt;1&gt; &amp; Ко" in html
