"""The admin cannot bypass the workflow: workflow records are read-only there; reference data
stays editable and every admin change of it lands in the audit journal."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from applications.models import (
    Application,
    ApplicationDetails,
    ApplicationSignature,
    Attachment,
    EligibilityResult,
    PastPerformanceMark,
    Status,
)
from councils.models import CouncilSession, Protocol
from registry.audit import audit_verify
from registry.models import AuditEvent, CalendarOverride, Notification, TaxRegime
from tests.applications.factories import complete_draft, reference_data

pytestmark = pytest.mark.django_db

WORKFLOW = [
    Application,
    ApplicationDetails,
    ApplicationSignature,
    Attachment,
    EligibilityResult,
    PastPerformanceMark,
    CouncilSession,
    Protocol,
    Notification,
    AuditEvent,
]


@pytest.fixture
def superuser_client(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="root", role="central", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", WORKFLOW, ids=lambda m: m.__name__)
def test_workflow_models_are_read_only_in_the_admin(rf, model):
    from tests.factories import UserFactory

    request = rf.get("/")
    request.user = UserFactory(username="root2", role="central", is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_superuser_cannot_change_an_application_status_in_the_admin(superuser_client, entrepreneur, region):
    application = complete_draft(entrepreneur, region, reference_data(region))
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    url = reverse("admin:applications_application_change", args=[application.pk])
    assert superuser_client.get(url).status_code == 200  # still viewable
    response = superuser_client.post(url, {"status": Status.RECOMMENDED, "project_name": "x"})
    assert response.status_code == 403
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    delete = reverse("admin:applications_attachment_delete", args=[application.attachments.first().pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert application.attachments.count() >= 1


def test_reference_data_changes_in_the_admin_are_journalled(superuser_client):
    regime = TaxRegime.objects.order_by("pk").first()
    url = reverse("admin:registry_taxregime_change", args=[regime.pk])
    response = superuser_client.post(
        url,
        {
            "code": regime.code,
            "order": regime.order + 1,
            "name_kk": regime.name_kk,
            "name_ru": "Изменено",
            "name_en": regime.name_en if hasattr(regime, "name_en") else "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.get(action="admin_change", object_id=str(regime.pk))
    assert event.actor.username == "root" and '"changed"' in event.reason
    add = reverse("admin:registry_calendaroverride_add")
    before = AuditEvent.objects.filter(action="admin_add").count()
    response = superuser_client.post(
        add,
        {
            "day": "2026-12-31",
            "kind": CalendarOverride._meta.get_field("kind").choices[0][0],
            "reference": "Қаулы №1",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    override = CalendarOverride.objects.get(day="2026-12-31")
    assert AuditEvent.objects.filter(action="admin_add").count() == before + 1
    superuser_client.post(reverse("admin:registry_calendaroverride_delete", args=[override.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(action="admin_delete", object_id=str(override.pk)).exists()
    assert audit_verify() == []
