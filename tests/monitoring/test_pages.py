"""Every monitoring page renders for the roles that use it, and hides what is outside their reach."""

from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import Status

from .factories import AT, file_request, plan_month, project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["budget_admin", "planning", "coordinator", "central"])
def test_project_page_renders_for_staff(client, request, region, budget_admin, persona):
    app = project(region, status=Status.SENT_TO_BUDGET)
    budget_request = file_request(budget_admin, [app])
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("monitoring:project", args=[app.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert app.project_name in page and page.count("<h1") == 1
    # §26: the project's line in its administrator's request; the acts are on the request's own page.
    assert reverse("monitoring:budget_request", args=[budget_request.pk]) in page
    assert 'name="commission_number"' not in page


def test_entrepreneur_sees_own_project_only(client, region, entrepreneur, other_entrepreneur):
    app = project(region, applicant=entrepreneur)
    client.force_login(entrepreneur)
    assert client.get(reverse("monitoring:project", args=[app.pk])).status_code == 200
    client.force_login(other_entrepreneur)
    assert client.get(reverse("monitoring:project", args=[app.pk])).status_code == 404


@pytest.mark.parametrize("name", ["objects", "object_create", "retail_list", "retail_create", "projects"])
def test_lists_and_forms_render(client, budget_admin, name):
    client.force_login(budget_admin)
    assert client.get(reverse(f"monitoring:{name}")).status_code == 200


@pytest.mark.parametrize("persona", ["budget_admin", "planning", "coordinator"])
def test_reports_page_and_cabinet_link(client, request, region, persona):
    client.force_login(request.getfixturevalue(persona))
    cabinet = client.get(reverse("registry:cabinet")).content.decode()
    assert 'data-testid="reports-link"' in cabinet
    page = client.get(reverse("monitoring:reports", args=[2026]))
    assert page.status_code == 200 and page.content.decode().count("<h1") == 1


def test_reports_page_not_for_entrepreneurs(client, entrepreneur):
    client.force_login(entrepreneur)
    assert client.get(reverse("monitoring:reports", args=[2026])).status_code == 404


def test_public_page_needs_no_login(client):
    assert client.get(reverse("monitoring:public_plans")).status_code == 200


def test_entrepreneur_cannot_create_objects(client, entrepreneur):
    client.force_login(entrepreneur)
    assert client.get(reverse("monitoring:object_create")).status_code == 403


@pytest.mark.rule("§31")
def test_s31_budget_admin_downloads_annual_pdfs_from_the_cabinet(
    client, region, budget_admin, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from monitoring.services.reports import (
        report_generate,
        reporting_year,
        reports_open,
    )

    _s30, s31, _s32 = reports_open(region=region, year=reporting_year(timezone.localdate()), at=AT)
    with django_capture_on_commit_callbacks(execute=True):
        for language in ("kk", "ru"):
            report_generate(report=s31, kind="monitoring_s31", language=language, by=budget_admin)
    client.force_login(budget_admin)
    page = client.get(reverse("registry:cabinet")).content.decode()
    assert 'data-testid="document-monitoring_s31-kk"' in page and 'data-testid="document-monitoring_s31-ru"' in page
    assert page.count('data-testid="download"') == 2


@pytest.mark.parametrize("rows", [1, 24])
def test_project_page_query_count_is_constant(client, region, budget_admin, django_assert_max_num_queries, rows):
    from monitoring.services.results import funds_record, year_result_plan

    app = project(region)
    for i in range(rows):
        plan_month(
            app, budget_admin, year=2027 + i // 12, month=i % 12 + 1, obligations=Decimal(1), payments=Decimal(1)
        )
        year_result_plan(application=app, year=2027 + i, by=budget_admin, at=AT, jobs_permanent=1)
        funds_record(
            application=app,
            year=2027 + i,
            source="regional",
            allocated=Decimal(5),
            disbursed=Decimal(5),
            unspent_reason="",
            by=budget_admin,
            at=AT,
        )
    client.force_login(budget_admin)
    # The project's request lines and its plans' sums: two queries, whatever the number of months.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("monitoring:project", args=[app.pk])).status_code == 200
