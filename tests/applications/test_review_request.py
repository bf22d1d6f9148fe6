"""Appendix item 2: the applicant requests that the submitted materials be reviewed.

The request is a required tick of the consents section, it is part of the signed document, the
application cannot be submitted without it, and the coordinator's page and the receipt restate it.
"""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.canonical import canonical_document
from applications.documents import receipts_for
from applications.models import Application, ApplicationDetails, SectionState, Status
from applications.services import application_submit
from registry.pdf import pdf_text
from tests.applications.conftest import good_cms
from tests.applications.factories import CONSENT_PAGE_TICKS, complete_draft
from tests.applications.test_sections import new_draft, section_url  # noqa: F401 - the fixture is shared

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 2")]

AT = datetime(2026, 3, 6, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))
# The Appendix's own words (rules-kk.txt), and the Russian form's.
REQUEST_KK = "конкурстық іріктеуге қатысу туралы ұсынылған материалдарды қарауды сұраймын"
REQUEST_RU = "Прошу рассмотреть представленные материалы для участия в конкурсном отборе"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_appendix2_the_request_is_a_required_tick_of_the_consents_section(client, new_draft):  # noqa: F811
    ticks_without_request = {name: "on" for name in CONSENT_PAGE_TICKS if name != "request_review"}
    response = client.post(section_url(new_draft, "consents"), {**ticks_without_request, "action": "continue"})
    page = response.content.decode()
    assert list(response.context["form"].errors) == ["request_review"]
    assert REQUEST_KK in _flat(page) and 'data-testid="review-request"' in page
    assert new_draft.details.state_of("consents") != SectionState.COMPLETE
    response = client.post(
        section_url(new_draft, "consents"), {**ticks_without_request, "request_review": "on", "action": "continue"}
    )
    assert response.status_code == 302
    details = ApplicationDetails.objects.get(application=new_draft)
    assert details.request_review and details.state_of("consents") == SectionState.COMPLETE


def test_appendix2_the_request_is_shown_in_russian(client, new_draft):  # noqa: F811
    page = client.get(section_url(new_draft, "consents", lang="ru")).content.decode()
    assert REQUEST_RU in _flat(page)


def test_appendix2_check_page_shows_the_request_and_the_signed_document_carries_it(client, entrepreneur, region, ref):
    draft = complete_draft(entrepreneur, region, ref)
    client.force_login(entrepreneur)
    page = client.get(reverse("applications:check", args=[draft.pk])).content.decode()
    assert REQUEST_KK in _flat(page)
    assert json.loads(canonical_document(draft))["form"]["request_review"] is True


def test_appendix2_no_submission_without_the_request(entrepreneur, region, ref, stand_in_verifier):
    # A draft whose consents were completed before the request was asked for.
    draft = complete_draft(entrepreneur, region, ref, request_review=False)
    with pytest.raises(ValidationError, match="Қосымшаның 2-тармағы"):
        application_submit(application=draft, cms=good_cms(canonical_document(draft)), by=entrepreneur, at=AT)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.number is None


def test_appendix2_coordinator_and_receipt_restate_the_request(
    client, entrepreneur, coordinator, region, ref, stand_in_verifier, django_capture_on_commit_callbacks
):
    draft = complete_draft(entrepreneur, region, ref)
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=draft, cms=good_cms(canonical_document(draft)), by=entrepreneur, at=AT)
    client.force_login(coordinator)
    page = client.get(reverse("review:detail", args=[draft.pk])).content.decode()
    assert 'data-testid="appendix-consents"' in page and REQUEST_KK in _flat(page)
    texts = {doc.language: _flat(pdf_text(doc.file.read())) for doc in receipts_for(draft)}
    # The row's label wraps beside the request in the table, so its lines are checked one by one.
    for fragment in (
        "Инфрақұрылымды қамтамасыз ету бойынша конкурстық іріктеуге қатысу",
        "материалдарды қарауды сұраймын.",
    ):
        assert fragment in texts["kk"]
    for fragment in (
        "Прошу рассмотреть представленные материалы для участия в конкурсном",
        "отборе по обеспечению инфраструктурой.",
    ):
        assert fragment in texts["ru"]


def test_appendix2_drafts_completed_before_the_request_reopen_their_consents(entrepreneur, region, ref):
    import importlib

    migration = importlib.import_module("applications.migrations.0051_details_request_review")
    draft = complete_draft(entrepreneur, region, ref, request_review=False)
    submitted = complete_draft(entrepreneur, region, ref, request_review=False)
    Application.objects.filter(pk=submitted.pk).update(status=Status.SUBMITTED)
    migration.reopen_consents(apps, None)
    assert ApplicationDetails.objects.get(application=draft).state_of("consents") == SectionState.IN_PROGRESS
    assert ApplicationDetails.objects.get(application=submitted).state_of("consents") == SectionState.COMPLETE
    assert ApplicationDetails.objects.get(application=draft).state_of("applicant") == SectionState.COMPLETE
