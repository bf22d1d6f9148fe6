"""Generated documents: each kind declares the roles that read it, and ``document_for_user_or_404``
enforces that for the status partial and the download alike.

The dossier and history copies hold the coordinator's ЖСН and the whole review: within reach of
the application or not, the entrepreneur, the planning bodies and the ӨҮК member get 404.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from applications.models import Application, Status
from registry.documents import KINDS
from registry.models import GeneratedDocument
from registry.reach import ALL_ROLES
from tests.applications.factories import complete_draft, reference_data

pytestmark = pytest.mark.django_db

DOSSIER_READERS = {"coordinator", "budget_admin"}
# A row per registered kind: a new kind fails here until it says who reads it.
KIND_READERS = {
    "application_receipt": ALL_ROLES,
    "application_dossier": DOSSIER_READERS,
    "application_history": DOSSIER_READERS,
    "council_agenda_pack": ALL_ROLES,
    "council_protocol": ALL_ROLES,
    # §23's public copy (personal data removed): anyone downloads it from its verification page as well.
    "council_protocol_public": ALL_ROLES,
    # Notices addressed to the applicant (§20, §24): whoever reaches the application reads them.
    "refusal_notice": ALL_ROLES,
    "council_decision_notice": ALL_ROLES,
    "monitoring_s30": ALL_ROLES,
    "monitoring_s31": ALL_ROLES,
    "monitoring_s32": ALL_ROLES,
}
PERSONAS = ["entrepreneur", "coordinator", "budget_admin", "planning", "central", "council_member"]
# The receipt follows the application's own reach (Application.REACH: no ӨҮК member outside an agenda).
RECEIPT_READERS = {"entrepreneur", "coordinator", "budget_admin", "planning", "central"}


def test_every_kind_declares_its_readers():
    declared = {code: set(kind.readers) for code, kind in KINDS.items() if code in KIND_READERS}
    portal_kinds = {code for code in KINDS if not code.startswith(("test_", "slow_", "reliability_"))}
    assert portal_kinds <= set(KIND_READERS), "a kind without a row here"
    assert declared == {code: set(readers) for code, readers in KIND_READERS.items()}


@pytest.fixture
def documents(entrepreneur, region):
    application = complete_draft(entrepreneur, region, reference_data(region))
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED, number="71-2026-000009")
    made = {}
    for kind in ("application_receipt", "application_dossier", "application_history"):
        document = GeneratedDocument(
            kind=kind, content_object=application, language="kk", params_key=kind, state=GeneratedDocument.State.DONE
        )
        document.file.save(f"{kind}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        document.save()
        made[kind] = document
    return made


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("kind", "readers"),
    [
        ("application_receipt", RECEIPT_READERS),
        ("application_dossier", DOSSIER_READERS),
        ("application_history", DOSSIER_READERS),
    ],
)
def test_document_kind_by_role(client, request, documents, kind, readers, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    pk = documents[kind].pk
    expected = 200 if persona in readers else 404
    assert client.get(reverse("registry:document_download", args=[pk])).status_code == expected
    assert client.get(reverse("registry:document_status", args=[pk])).status_code == expected


def test_an_undeclared_kind_reaches_nobody(client, documents, coordinator):
    GeneratedDocument.objects.filter(pk=documents["application_receipt"].pk).update(kind="unregistered")
    client.force_login(coordinator)
    assert (
        client.get(reverse("registry:document_download", args=[documents["application_receipt"].pk])).status_code == 404
    )
