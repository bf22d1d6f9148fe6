"""The review page and its outcomes: §20 reasoned refusal, §19 recommendation, the coordinator's checks."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import (
    EligibilityResult,
    Recommendation,
    Refusal,
    ReviewAcceptance,
    Status,
)
from registry.models import AuditEvent, Notification
from tests.applications.review.factories import ready_for_recommendation

pytestmark = pytest.mark.django_db


def _url(name, application, *args):
    return reverse(f"review:{name}", args=[application.pk, *args])


def test_review_page_shows_the_application(client, coordinator, submitted):
    client.force_login(coordinator)
    response = client.get(_url("detail", submitted))
    html = response.content.decode()
    assert response.status_code == 200
    assert submitted.number in html and "ЖШС Алтын Дән" in html and submitted.applicant_identifier in html
    assert 'data-testid="refuse-form"' in html and 'data-testid="recommend-form"' in html


@pytest.mark.parametrize(
    "name,args",
    [
        ("detail", ()),
        ("history", ()),
        ("dossier", ()),
    ],
)
def test_pages_answer_404_outside_the_region(client, coordinator_elsewhere, submitted, name, args):
    client.force_login(coordinator_elsewhere)
    assert client.get(_url(name, submitted, *args)).status_code == 404


@pytest.mark.parametrize(
    "name,args",
    [
        ("refuse", ()),
        ("recommend", ()),
        ("accept", ()),
        ("dossier_prepare", ()),
    ],
)
def test_state_changes_are_post_only_and_404_outside(client, coordinator, coordinator_elsewhere, submitted, name, args):
    client.force_login(coordinator)
    assert client.get(_url(name, submitted, *args)).status_code == 405
    client.force_login(coordinator_elsewhere)
    assert (
        client.post(
            _url(name, submitted, *args), {"category": "unreliable", "reason": "x", "text": "x", "demo": "1"}
        ).status_code
        == 404
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_draft_is_not_the_coordinators_to_see(client, coordinator, submitted):
    from applications.models import Application

    Application.objects.filter(pk=submitted.pk).update(status=Status.DRAFT)
    client.force_login(coordinator)
    assert client.get(_url("detail", submitted)).status_code == 404
    assert client.get(_url("dossier", submitted)).status_code == 404


def test_the_entrepreneur_cannot_use_the_review(client, entrepreneur, submitted):
    client.force_login(entrepreneur)
    assert client.get(_url("detail", submitted)).status_code == 403
    assert client.post(_url("refuse", submitted), {"category": "unreliable", "reason": "x"}).status_code == 403


@pytest.mark.rule("§20")
@pytest.mark.parametrize(
    "language,missing",
    [
        ("kk", {"category": "unreliable"}),
        ("ru", {"reason": "Сметная документация не подписана"}),
        ("kk", {"category": "", "reason": "   "}),
    ],
)
def test_s20_refusal_needs_both_category_and_reason(client, coordinator, submitted, language, missing):
    client.force_login(coordinator)
    url = f"/{language}/review/{submitted.pk}/refuse/"
    response = client.post(url, missing)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-summary"' in html
    expected = {
        "kk": ("Бас тарту себебін жазыңыз", "Себеп санатын таңдаңыз"),
        "ru": ("Укажите причину отказа", "Выберите категорию причины"),
    }[language]
    assert any(message in html for message in expected)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not Refusal.objects.exists()
    assert not Notification.objects.filter(kind="review_refused").exists()


@pytest.mark.rule("§20")
def test_s20_refusal_moves_records_and_notifies_in_the_applicants_language(
    client, coordinator, submitted, django_capture_on_commit_callbacks, mailoutbox, review_signer
):
    submitted.applicant.language = "ru"
    submitted.applicant.save(update_fields=["language"])
    client.force_login(coordinator)
    signed = review_signer(submitted, coordinator, category="unreliable", reason="Сметa не подписана")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("refuse", submitted), signed)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED
    refusal = Refusal.objects.get(application=submitted)
    assert refusal.by == coordinator and refusal.reason == "Сметa не подписана"
    notice = Notification.objects.get(recipient=submitted.applicant, kind="review_refused")
    assert submitted.number in notice.subject and "Сметa не подписана" in notice.body
    assert "Документы или сведения недостоверны" in notice.body
    assert mailoutbox and mailoutbox[0].to == [submitted.applicant.email]
    event = AuditEvent.objects.get(object_id=str(submitted.pk), action="refuse")
    assert event.rule == "§20" and event.to_state == Status.REFUSED and event.actor == coordinator


@pytest.mark.rule("§19")
def test_s19_recommendation_needs_text(client, coordinator, submitted):
    client.force_login(coordinator)
    response = client.post(f"/ru/review/{submitted.pk}/recommend/", {"text": "  ", "conditions": "x"})
    assert response.status_code == 400
    assert "Напишите рекомендацию для совета" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not Recommendation.objects.exists()


@pytest.mark.rule("§19")
def test_s19_recommendation_moves_to_recommended(client, coordinator, submitted):
    ready_for_recommendation(submitted, by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        _url("recommend", submitted), {"text": "Жобаны қолдау ұсынылады", "conditions": "3 жұмыс орны"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RECOMMENDED
    html = client.get(_url("detail", submitted)).content.decode()
    assert "Жобаны қолдау ұсынылады" in html and "3 жұмыс орны" in html
    # Rev. 2 §20: a recommended application may still be refused with reasons; it cannot be recommended twice.
    assert 'data-testid="refuse-form"' in html and 'data-testid="recommend-form"' not in html


def test_a_second_outcome_is_refused_and_changes_nothing(client, coordinator, submitted, review_signer):
    client.force_login(coordinator)
    assert client.post(_url("refuse", submitted), review_signer(submitted, coordinator)).status_code == 302
    response = client.post(_url("recommend", submitted), {"text": "Қолдау"})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED and not Recommendation.objects.exists()
    assert client.post(_url("refuse", submitted), {"category": "unreliable", "reason": "x"}).status_code == 400
    assert Refusal.objects.count() == 1


@pytest.mark.rule("§13")
def test_s13_coordinator_confirms_or_rejects_open_checks_with_a_comment(client, coordinator, submitted):
    line = EligibilityResult.objects.get(application=submitted, code="past_performance")
    client.force_login(coordinator)
    url = _url("eligibility", submitted, line.pk)
    response = client.post(url, {f"e{line.pk}-decision": "rejected"})
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.decision == "open"
    response = client.post(
        url, {f"e{line.pk}-decision": "rejected", f"e{line.pk}-comment": "2025 жылы міндеттемелер орындалмаған"}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.decision == "rejected" and line.decided_by == coordinator
    html = client.get(_url("detail", submitted)).content.decode()
    assert "2025 жылы міндеттемелер орындалмаған" in html


def test_eligibility_decision_is_post_only_and_404_outside(client, coordinator, coordinator_elsewhere, submitted):
    line = EligibilityResult.objects.get(application=submitted, code="not_affiliated")
    client.force_login(coordinator)
    assert client.get(_url("eligibility", submitted, line.pk)).status_code == 405
    client.force_login(coordinator_elsewhere)
    assert (
        client.post(_url("eligibility", submitted, line.pk), {f"e{line.pk}-decision": "confirmed"}).status_code == 404
    )
    line.refresh_from_db()
    assert line.decision == "open"


def test_a_passed_line_needs_no_decision(client, coordinator, submitted):
    line = EligibilityResult.objects.get(application=submitted, code="priority_list")
    client.force_login(coordinator)
    response = client.post(_url("eligibility", submitted, line.pk), {f"e{line.pk}-decision": "confirmed"})
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.decision == ""


def test_review_page_links_the_attachments_through_the_reach_checked_view(
    client, coordinator, coordinator_elsewhere, submitted
):
    attachment = submitted.attachments.get()
    url = reverse("applications:attachment_download", args=[attachment.pk])
    client.force_login(coordinator)
    assert url in client.get(_url("detail", submitted)).content.decode()
    assert client.get(url).status_code == 200
    client.force_login(coordinator_elsewhere)
    assert client.get(url).status_code == 404


@pytest.mark.rule("§19")
def test_history_shows_each_event_with_its_paragraph(client, coordinator, submitted, review_signer):
    client.force_login(coordinator)
    line = EligibilityResult.objects.get(application=submitted, code="not_affiliated")
    client.post(_url("eligibility", submitted, line.pk), {f"e{line.pk}-decision": "confirmed"})
    client.post(
        _url("refuse", submitted),
        review_signer(submitted, coordinator, category="not_eligible", reason="ЭҚЖЖ басым тізімде жоқ"),
    )
    response = client.get(_url("history", submitted))
    rows = list(response.context["events"])
    assert [(r.event.action, r.event.rule) for r in rows] == [
        ("eligibility not_affiliated confirmed", "§9(3)"),
        ("refuse", "§20"),
    ]
    assert rows[1].to_label == "Үйлестіруші бас тартты"
    html = response.content.decode()
    assert "ЭҚЖЖ басым тізімде жоқ" in html and coordinator.full_name in html and "20-т." in html
    assert 'data-testid="s19-met"' in html  # refused long after its due date: shown as missed


@pytest.fixture
def demo_keys(coordinator, entrepreneur, settings):
    from io import StringIO

    from django.core.management import call_command

    coordinator.iin = "860904350504"
    coordinator.save(update_fields=["iin"])
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = []  # the demo CA
    settings.SIGNATURE_DEMO_SIGNER = True
    call_command("make_test_pki", stdout=StringIO())


@pytest.mark.rule("Appendix 9")
def test_appendix9_acceptance_notice_is_signed_with_the_coordinators_key(client, coordinator, submitted, demo_keys):
    client.force_login(coordinator)
    response = client.post(_url("accept", submitted), {"demo": "1"})
    assert response.status_code == 302
    acceptance = ReviewAcceptance.objects.get(application=submitted)
    assert acceptance.signer_iin == "860904350504" and acceptance.by == coordinator
    assert submitted.number.encode() in bytes(acceptance.document)
    html = client.get(_url("detail", submitted)).content.decode()
    assert 'data-testid="acceptance"' in html and "860904350504" in html
    assert Notification.objects.filter(recipient=submitted.applicant, kind="review_accepted").exists()
    assert client.post(_url("accept", submitted), {"demo": "1"}).status_code == 400  # once only


@pytest.mark.rule("Appendix 9")
def test_appendix9_someone_elses_key_is_refused(client, coordinator, entrepreneur, submitted, demo_keys):
    import base64

    from applications.review.services import acceptance_notice_text
    from applications.signing import demo_sign

    client.force_login(coordinator)
    document = acceptance_notice_text(application=submitted, by=coordinator, at=timezone.now())
    cms = base64.b64encode(demo_sign(entrepreneur, document)).decode()
    response = client.post(f"/ru/review/{submitted.pk}/accept/", {"cms": cms})
    assert response.status_code == 400 and not ReviewAcceptance.objects.exists()
    assert "ИИН" in response.content.decode()


@pytest.mark.rule("§19")
def test_s19_refusal_meets_the_review_deadline_and_recommendation_does_not(client, coordinator, region, refuse):
    from applications.review.services import application_recommend
    from registry.deadlines import deadline_open
    from registry.models import Deadline
    from tests.applications.review.factories import SubmittedApplicationFactory

    refused, recommended = SubmittedApplicationFactory.create_batch(2, region=region)
    for application in (refused, recommended):
        deadline_open(
            obj=application,
            kind=Deadline.Kind.REVIEW,
            due_on=application.review_due,
            region=region,
            responsible=[coordinator],
        )
    at = timezone.now()
    refuse(refused, category="non_compliant", reason="Жер телімі жоқ", by=coordinator, at=at)
    ready_for_recommendation(recommended, by=coordinator)
    application_recommend(application=recommended, text="Қолдау", by=coordinator, at=at)
    assert Deadline.objects.get(object_id=str(refused.pk)).met_at == at
    assert Deadline.objects.get(object_id=str(recommended.pk)).met_at is None
