"""Submission (§18 §19, Appendix item 9): number, account, due date, notice, audit, idempotence."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.canonical import canonical_document
from applications.models import ApplicationSignature, EligibilityResult, Status
from applications.services import application_submit, application_withdraw
from registry.audit import audit_for
from registry.deadlines import deadlines_for
from registry.models import Deadline, Notification, PersonalAccount
from tests.applications.factories import complete_draft

ALMATY = ZoneInfo("Asia/Almaty")
# Friday 6 March 2026, 21:00 local time (16:00 UTC).
FRIDAY_EVENING = datetime(2026, 3, 6, 21, 0, tzinfo=ALMATY)


def submit(application, user, at=FRIDAY_EVENING, cms=None):
    from tests.applications.conftest import good_cms

    return application_submit(
        application=application, cms=cms or good_cms(canonical_document(application)), by=user, at=at
    )


def test_canonical_document_is_stable_sorted_utf8_json(draft):
    first = canonical_document(draft)
    assert first == canonical_document(draft)
    data = json.loads(first.decode("utf-8"))
    assert list(data) == sorted(data)
    assert "Сүт цехы" in first.decode("utf-8")  # UTF-8, not \u escapes
    assert set(data["attachments"]) == {"business_plan", "ten", "design"}
    assert all(len(a["sha256"]) == 64 for a in data["attachments"].values())
    assert data["form"]["construction_cost"] == "1500.50"


@pytest.mark.rule("§19")
def test_s19_submit_numbers_dates_account_and_notifies(
    draft, entrepreneur, coordinator, coordinator_elsewhere, stand_in_verifier
):
    submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.number == "61-2026-000001"
    assert draft.received_on == date(2026, 3, 6)
    # Five working days counted from the next working day; 8 March (Sunday) is a holiday, moved to Monday 9th.
    assert draft.review_due == date(2026, 3, 16)
    assert draft.account == PersonalAccount.objects.get(identifier=entrepreneur.iin)
    assert ApplicationSignature.objects.get(application=draft).signer_iin == entrepreneur.iin
    assert Notification.objects.filter(recipient=coordinator, kind="application_submitted").count() == 1
    assert not Notification.objects.filter(recipient=coordinator_elsewhere).exists()
    assert [e.action for e in audit_for(draft)][-1] == "application_submit"
    open_checks = EligibilityResult.objects.filter(application=draft, outcome="coordinator")
    assert [(r.rule, r.decision) for r in open_checks] == [("§9(3)", "open")]


@pytest.mark.rule("§19")
def test_s19_submission_starts_the_review_clock_for_the_regions_coordinators(
    draft, entrepreneur, coordinator, coordinator_elsewhere, stand_in_verifier
):
    submit(draft, entrepreneur)
    (deadline,) = deadlines_for(draft)
    assert (deadline.kind, deadline.rule, deadline.due_on) == (Deadline.Kind.REVIEW, "§19", date(2026, 3, 16))
    assert list(deadline.responsible.all()) == [coordinator]
    assert deadline.url == reverse("review:detail", args=[draft.pk])


def test_submit_twice_gives_one_number(draft, entrepreneur, stand_in_verifier):
    submit(draft, entrepreneur)
    submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.number == "61-2026-000001"
    assert ApplicationSignature.objects.count() == 1


@pytest.mark.rule("§5")
def test_s5_priority_mark_for_programmes(entrepreneur, region, ref, stand_in_verifier):
    application = complete_draft(entrepreneur, region, ref, aul_amanaty=True)
    submit(application, entrepreneur)
    application.refresh_from_db()
    assert application.priority is True


def test_bad_signature_refused_and_nothing_changes(draft, entrepreneur, stand_in_verifier):
    with pytest.raises(ValidationError):
        submit(draft, entrepreneur, cms=b"tampered")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.number is None
    assert not ApplicationSignature.objects.exists() and not EligibilityResult.objects.exists()


@pytest.mark.rule("§18")
def test_s18_a_finding_does_not_block_registration(entrepreneur, region, ref, stand_in_verifier):
    # Rev. 2 §18–§20: the pre-check advises; the signed application is registered with its finding open.
    application = complete_draft(entrepreneur, region, ref, decl_no_bankruptcy=False)
    submit(application, entrepreneur)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.number
    line = EligibilityResult.objects.get(application=application, code="no_bankruptcy")
    assert line.outcome == "fail" and line.is_open and line.is_ground


def test_incomplete_draft_cannot_be_submitted(entrepreneur, region, ref, stand_in_verifier):
    application = complete_draft(entrepreneur, region, ref, sections={})
    with pytest.raises(ValidationError):
        submit(application, entrepreneur)


def test_sign_view_submits_and_shows_receipt(client, draft, entrepreneur, stand_in_verifier, monkeypatch):
    monkeypatch.setattr("applications.views.submission.demo_sign", lambda user, document: stand_in_verifier(document))
    client.force_login(entrepreneur)
    response = client.post(reverse("applications:sign", args=[draft.pk]), {"method": "demo"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    draft.refresh_from_db()
    assert draft.number in page and draft.review_due.strftime("%d.%m.%Y") in page
    # A resent POST lands on the same receipt, without a second number.
    again = client.post(reverse("applications:sign", args=[draft.pk]), {"method": "demo"})
    assert again.status_code == 302 and again.url == response.url


def test_sign_view_shows_refusal(client, draft, entrepreneur, stand_in_verifier):
    import base64

    client.force_login(entrepreneur)
    response = client.post(
        reverse("applications:sign", args=[draft.pk]),
        {"method": "ncalayer", "cms": base64.b64encode(b"forged").decode()},
    )
    assert response.status_code == 400
    assert 'data-testid="error-summary"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_withdraw_submitted_with_reason(draft, entrepreneur, coordinator, stand_in_verifier):
    submit(draft, entrepreneur)
    application_withdraw(application=draft, reason="Жоба өзгерді", by=entrepreneur, at=FRIDAY_EVENING)
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    event = audit_for(draft).last()
    assert event.action == "application_withdraw" and event.reason == "Жоба өзгерді"
    assert Notification.objects.filter(recipient=coordinator, kind="application_withdrawn").exists()
    assert deadlines_for(draft).get().cancelled_at is not None  # §19 stops running


def test_withdraw_not_possible_once_decided(draft, entrepreneur):
    draft.status = Status.REFUSED
    draft.save()
    with pytest.raises(ValidationError):
        application_withdraw(application=draft, reason="x", by=entrepreneur, at=FRIDAY_EVENING)


def test_withdraw_view(client, draft, entrepreneur):
    client.force_login(entrepreneur)
    response = client.post(reverse("applications:withdraw", args=[draft.pk]), {"reason": "Қажет емес"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_submitted_application_page_shows_the_answers_read_only(
    client, draft, entrepreneur, coordinator, stand_in_verifier
):
    submit(draft, entrepreneur)
    client.force_login(coordinator)
    page = client.get(reverse("applications:detail", args=[draft.pk])).content.decode()
    assert "KZ86125KZT5004100100" in page and "business_plan.pdf" in page
    assert "/section/" not in page  # nothing to change any more


@pytest.mark.rule("§20")
def test_s20_applicant_reads_the_refusal_on_their_own_page_in_their_language(
    client, draft, entrepreneur, coordinator, stand_in_verifier, refuse
):
    submit(draft, entrepreneur)
    refuse(draft, category="unreliable", reason="Смета қол қойылмаған", by=coordinator, at=FRIDAY_EVENING)
    client.force_login(entrepreneur)
    page = client.get(f"/ru/applications/{draft.pk}/").content.decode()
    assert 'data-testid="refusal"' in page
    assert "Смета қол қойылмаған" in page and "Документы или сведения недостоверны" in page
