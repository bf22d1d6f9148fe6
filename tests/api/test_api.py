"""The read-only API: schema, public open data, per-user tokens within reach, revocation, log, limits."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from applications.models import Application, Status
from councils.models import AgendaItem
from monitoring.register import KEYS
from registry.models import ApiCall, ApiToken, AuditEvent
from registry.tokens import ACTIVE_TOKENS_MAX, api_token_create, token_hash
from tests.factories import UserFactory
from tests.monitoring.factories import project
from tests.monitoring.register_factories import decided
from tests.registry.deadline_factories import open_deadline

pytestmark = pytest.mark.django_db
TOKEN_ENDPOINTS = ("application", "decision", "project", "deadline")


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def _api(key: str | None = None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}") if key else Client()


def _key(user) -> str:
    return api_token_create(user=user, name="script", at=timezone.now())[1]


@pytest.fixture
def two_regions(region, other_region, coordinator, coordinator_elsewhere):
    """In each region: a submitted application, an approved project with its decision, a deadline."""
    objects = {}
    for r, staff in ((region, coordinator), (other_region, coordinator_elsewhere)):
        app = decided(r, status=Status.SENT_TO_BUDGET, project_name=f"Жоба {r.code}")
        submitted = project(r, status=Status.SUBMITTED, project_name=f"Өтінім {r.code}")
        objects[r.code] = {
            "app": app,
            "submitted": submitted,
            "item": app.agenda_items.get(),
            "deadline": open_deadline(region=r, responsible=[staff], due_on=timezone.now().date()),
        }
    return objects


def test_schema_is_generated_and_valid(client):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = set(schema["paths"])
    assert {
        "/api/v1/public/register/",
        "/api/v1/public/statistics/",
        "/api/v1/public/plans/",
        "/api/v1/applications/",
        "/api/v1/applications/{id}/",
        "/api/v1/decisions/",
        "/api/v1/projects/",
        "/api/v1/deadlines/",
    } <= paths
    assert "PersonalToken" in schema["components"]["securitySchemes"]
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200 and b"openapi" in response.content
    docs = client.get(reverse("api:docs")).content.decode()
    assert "swagger" in docs.lower()


def test_anonymous_reaches_only_the_public_endpoints(two_regions):
    anon = _api()
    assert anon.get(reverse("api:public_register")).status_code == 200
    assert anon.get(reverse("api:public_dictionary")).status_code == 200
    assert anon.get(reverse("api:public_statistics")).status_code == 200
    assert anon.get(reverse("api:public_plans")).status_code == 200
    for name in TOKEN_ENDPOINTS:
        assert anon.get(reverse(f"api:{name}-list")).status_code == 401, name
        detail = {"application": "submitted", "decision": "item", "project": "app", "deadline": "deadline"}[name]
        assert anon.get(reverse(f"api:{name}-detail", args=[two_regions["61"][detail].pk])).status_code == 401


def test_public_register_api_has_the_pages_rows_and_no_iin(client, region):
    decided(region, kind="individual", applicant_identifier="900101300017")
    decided(region, kind="legal")
    data = _api().get(reverse("api:public_register")).json()
    page = client.get(reverse("monitoring:register")).content.decode()
    assert len(data["results"]) == 2 and all(f'data-number="{r["number"]}"' in page for r in data["results"])
    assert set(data["results"][0]) == set(KEYS)
    assert "900101300017" not in str(data)
    assert _api().get(reverse("api:public_register") + "?region=99").json()["results"] == []


def test_coordinators_token_reads_only_their_region(coordinator, two_regions):
    api = _api(_key(coordinator))
    mine, theirs = two_regions["61"], two_regions["71"]
    applications = api.get(reverse("api:application-list")).json()["results"]
    assert {a["id"] for a in applications} == {mine["app"].pk, mine["submitted"].pk}
    decisions = api.get(reverse("api:decision-list")).json()["results"]
    assert [d["id"] for d in decisions] == [mine["item"].pk] and decisions[0]["votes_for"] == 6
    assert decisions[0]["decision"] == AgendaItem.Decision.APPROVED and decisions[0]["protocol_signed"] is True
    assert [p["id"] for p in api.get(reverse("api:project-list")).json()["results"]] == [mine["app"].pk]
    assert [d["id"] for d in api.get(reverse("api:deadline-list")).json()["results"]] == [mine["deadline"].pk]
    for name, key in (("application", "submitted"), ("decision", "item"), ("project", "app"), ("deadline", "deadline")):
        assert api.get(reverse(f"api:{name}-detail", args=[mine[key].pk])).status_code == 200
        assert api.get(reverse(f"api:{name}-detail", args=[theirs[key].pk])).status_code == 404, name


def test_entrepreneurs_token_reads_only_their_own_applications(entrepreneur, region, two_regions):
    own = project(region, applicant=entrepreneur, status=Status.SUBMITTED)
    draft = project(region, applicant=UserFactory(role="entrepreneur"), status=Status.DRAFT)
    api = _api(_key(entrepreneur))
    assert [a["id"] for a in api.get(reverse("api:application-list")).json()["results"]] == [own.pk]
    assert api.get(reverse("api:application-detail", args=[draft.pk])).status_code == 404
    assert api.get(reverse("api:decision-list")).json()["results"] == []


def test_api_is_read_only(coordinator, two_regions):
    api = _api(_key(coordinator))
    url = reverse("api:application-detail", args=[two_regions["61"]["submitted"].pk])
    assert api.post(reverse("api:application-list"), {}).status_code == 405
    assert api.delete(url).status_code == 405 and api.patch(url, {}).status_code == 405
    assert Application.objects.filter(pk=two_regions["61"]["submitted"].pk).exists()


def test_a_revoked_token_is_refused(client, coordinator, two_regions):
    key = _key(coordinator)
    api = _api(key)
    assert api.get(reverse("api:application-list")).status_code == 200
    token = ApiToken.objects.get(key_hash=token_hash(key))
    client.force_login(coordinator)
    assert client.get(reverse("registry:api_token_revoke", args=[token.pk])).status_code == 405
    assert client.post(reverse("registry:api_token_revoke", args=[token.pk])).status_code == 302
    response = api.get(reverse("api:application-list"))
    assert response.status_code == 401 and "applicant_name" not in response.content.decode()
    assert _api("not-a-token").get(reverse("api:application-list")).status_code == 401
    assert AuditEvent.objects.filter(action="api_token_revoked", object_id=str(token.pk)).count() == 1


def test_an_inactive_users_token_is_refused(coordinator):
    key = _key(coordinator)
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert _api(key).get(reverse("api:deadline-list")).status_code == 401


def test_every_call_is_logged_with_its_token_and_answer(coordinator, two_regions):
    key = _key(coordinator)
    token = ApiToken.objects.get(key_hash=token_hash(key))
    api = _api(key)
    api.get(reverse("api:deadline-list"))
    api.get(reverse("api:deadline-detail", args=[two_regions["71"]["deadline"].pk]))  # Astana's: 404
    _api().get(reverse("api:public_dictionary"))
    _api().get(reverse("api:application-list"))
    calls = list(ApiCall.objects.order_by("id").values_list("token_id", "user_id", "status", "method"))
    assert calls[0] == (token.pk, coordinator.pk, 200, "GET") and calls[1][:3] == (token.pk, coordinator.pk, 404)
    assert calls[2] == (None, None, 200, "GET") and calls[3] == (None, None, 401, "GET")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_lists_are_paginated_by_cursor(coordinator, region):
    for _i in range(3):
        project(region, status=Status.SUBMITTED)
    api = _api(_key(coordinator))
    first = api.get(reverse("api:application-list") + "?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"] and "cursor=" in first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {a["id"] for a in first["results"]}.isdisjoint({a["id"] for a in second["results"]})


def test_calls_over_the_rate_limit_are_refused(coordinator, settings):
    settings.API_RATE_USER = "2/min"
    settings.API_RATE_ANON = "1/min"
    api = _api(_key(coordinator))
    assert [api.get(reverse("api:deadline-list")).status_code for _i in range(3)] == [200, 200, 429]
    assert [_api().get(reverse("api:public_dictionary")).status_code for _i in range(2)] == [200, 429]


def test_cabinet_shows_a_new_key_once_and_keeps_only_its_hash(client, entrepreneur):
    client.force_login(entrepreneur)
    assert client.get(reverse("registry:api_token_create")).status_code == 405
    response = client.post(reverse("registry:api_token_create"), {"name": "Менің скриптім"})
    page = response.content.decode()
    key = page.split('<code class="text-break">')[1].split("</code>")[0]
    token = ApiToken.objects.get(user=entrepreneur)
    assert token.key_hash == token_hash(key) and key not in str(ApiToken.objects.values_list())
    assert key not in client.get(reverse("registry:api_tokens")).content.decode()
    assert client.post(reverse("registry:api_token_create"), {"name": "  "}).status_code == 400
    for _i in range(ACTIVE_TOKENS_MAX - 1):
        api_token_create(user=entrepreneur, name="x", at=timezone.now())
    refused = client.post(reverse("registry:api_token_create"), {"name": "one too many"})
    assert refused.status_code == 400 and ApiToken.objects.filter(user=entrepreneur).count() == ACTIVE_TOKENS_MAX


def test_another_users_token_cannot_be_revoked(client, entrepreneur, other_entrepreneur):
    token, _key_ = api_token_create(user=other_entrepreneur, name="x", at=timezone.now())
    client.force_login(entrepreneur)
    assert client.post(reverse("registry:api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_public_statistics_api_has_the_files_figures(client, region, other_region):
    decided(region)
    decided(other_region)
    data = _api().get(reverse("api:public_statistics") + f"?region={region.code}").json()
    body = b"".join(
        client.get(reverse("monitoring:statistics_region_download", args=[region.code, "json"])).streaming_content
    )
    assert data == json.loads(body)
    assert {(r["table"], r["region_code"], r["measure"]): r["value"] for r in data["rows"]}[
        ("by_region", region.code, "approved")
    ] == 1
    assert _api().get(reverse("api:public_statistics") + "?region=99").json()["rows"] == []


@pytest.mark.rule("§17")
def test_s17_public_plans_api_has_the_files_rows(client, region):
    from monitoring.models import FinancingPlan
    from tests.monitoring.register_factories import plan_of

    plan_of(decided(region), status=FinancingPlan.Status.PUBLISHED, months=((4, 500, 400),))
    plan_of(decided(region), year=2028, status=FinancingPlan.Status.APPROVED, months=((4, 1, 1),))
    data = _api().get(reverse("api:public_plans")).json()
    body = b"".join(client.get(reverse("monitoring:public_plans_download", args=["json"])).streaming_content)
    assert data == json.loads(body) and [r["payments"] for r in data["rows"]] == [400.0]
