"""Per view: the right role works, POST-only views refuse GET, foreign objects answer 404, lists stay flat."""

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationDetails

POST_ONLY = ["sign", "withdraw", "attachment_upload", "ten_exemption"]
OWNER_PAGES = [
    ("detail", ()),
    ("section", ("applicant",)),
    ("section", ("project",)),
    ("documents", ()),
    ("check", ()),
    ("canonical", ()),
]


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_views_refuse_get(client, entrepreneur, draft, name):
    client.force_login(entrepreneur)
    assert client.get(reverse(f"applications:{name}", args=[draft.pk])).status_code == 405


@pytest.mark.parametrize(("name", "extra"), OWNER_PAGES)
def test_owner_pages_work(client, entrepreneur, draft, name, extra):
    client.force_login(entrepreneur)
    assert client.get(reverse(f"applications:{name}", args=[draft.pk, *extra])).status_code == 200


@pytest.mark.parametrize("persona", ["other_entrepreneur", "coordinator_elsewhere", "council_member"])
@pytest.mark.parametrize(("name", "extra"), OWNER_PAGES)
def test_others_get_404_on_the_draft(client, draft, persona, name, extra, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(f"applications:{name}", args=[draft.pk, *extra])).status_code == 404


@pytest.mark.parametrize("name", POST_ONLY)
def test_others_get_404_on_post_views(client, draft, other_entrepreneur, name):
    client.force_login(other_entrepreneur)
    assert client.post(reverse(f"applications:{name}", args=[draft.pk]), {"reason": "x"}).status_code == 404


def test_coordinator_of_the_region_reads_submitted_but_not_drafts(client, draft, coordinator):
    client.force_login(coordinator)
    detail = reverse("applications:detail", args=[draft.pk])
    assert client.get(detail).status_code == 404  # a draft is the applicant's own
    draft.status, draft.number = "submitted", "61-2026-000009"
    draft.save()
    assert client.get(detail).status_code == 200
    assert client.get(reverse("applications:section", args=[draft.pk, "bank"])).status_code == 404
    assert "61-2026-000009" in client.get(reverse("applications:list")).content.decode()


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("applications:detail", args=[draft.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_only_entrepreneurs_start_applications(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("applications:new")).status_code == 404


def test_oked_search_finds_by_code_and_name(client, entrepreneur, ref):
    client.force_login(entrepreneur)
    page = client.get(reverse("applications:oked_search"), {"oked": "10.5"}).content.decode()
    assert "10.51" in page
    word = ref["dairy"].name_ru.split()[0]
    page = client.get(reverse("applications:oked_search"), {"oked": word}).content.decode()
    assert "10.51" in page


def make_drafts(user, region, n):
    for i in range(n):
        application = Application.objects.create(region=region, applicant=user, project_name=f"P{i}")
        ApplicationDetails.objects.create(application=application)


@pytest.mark.parametrize("url_name", ["applications:list", "registry:cabinet"])
def test_list_query_count_is_constant(client, entrepreneur, region, django_assert_max_num_queries, url_name):
    client.force_login(entrepreneur)
    make_drafts(entrepreneur, region, 1)
    client.get(reverse(url_name))  # warm caches (session, content types)
    with django_assert_max_num_queries(12) as one:
        assert client.get(reverse(url_name)).status_code == 200
    make_drafts(entrepreneur, region, 49)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(reverse(url_name)).content.decode()
    assert "P48" in page


def test_cabinet_panel_lists_applications_with_next_step(client, entrepreneur, draft):
    client.force_login(entrepreneur)
    page = client.get(reverse("registry:cabinet")).content.decode()
    assert draft.project_name in page and 'data-testid="new-application"' in page
