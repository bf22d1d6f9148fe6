"""Rev. 2 §18–§20: every signed application reaches the coordinator; the refusal is the coordinator's
reasoned, signed act, possible at any stage of the review; the recommendation waits for the
acceptance notice and for every finding to be settled."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.canonical import canonical_document
from applications.models import EligibilityResult, Refusal, Status
from applications.review.services import application_recommend, recommend_blockers
from applications.services import application_submit
from councils.models import AgendaItem
from registry.documents import documents_for
from registry.pdf import pdf_text
from tests.applications.conftest import good_cms
from tests.applications.factories import complete_draft
from tests.applications.review.factories import ready_for_recommendation
from tests.applications.test_submission import FRIDAY_EVENING

pytestmark = pytest.mark.django_db


def _submit(application, user):
    return application_submit(
        application=application, cms=good_cms(canonical_document(application)), by=user, at=FRIDAY_EVENING
    )


@pytest.mark.rule("§20")
def test_s20_off_list_applicant_is_registered_and_refused_with_the_finding_in_their_language(
    client,
    entrepreneur,
    coordinator,
    region,
    ref,
    stand_in_verifier,
    review_signer,
    django_capture_on_commit_callbacks,
):
    entrepreneur.language = "ru"
    entrepreneur.save(update_fields=["language"])
    draft = complete_draft(entrepreneur, region, ref)
    draft.oked = ref["off_list"]  # 11.07: not under division 10, no priority direction
    draft.save(update_fields=["oked"])
    client.force_login(entrepreneur)
    check = client.get(f"/ru/applications/{draft.pk}/check/").content.decode()
    assert 'data-testid="warning-priority_list"' in check and 'data-testid="incomplete"' not in check

    with django_capture_on_commit_callbacks(execute=True):
        _submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.number and draft.review_due  # number, §19 clock
    assert documents_for(draft, "application_receipt").count() == 2  # the submission receipt, kk and ru
    finding = EligibilityResult.objects.get(application=draft, code="priority_list")
    assert finding.outcome == "fail" and finding.is_open

    client.force_login(coordinator)
    review = client.get(f"/ru/review/{draft.pk}/").content.decode()
    assert 'data-testid="refusal-grounds"' in review and "не входит в приоритетный перечень" in review
    signed = review_signer(
        draft, coordinator, category="not_eligible", reason="Вид деятельности не приоритетный", grounds=[finding.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("review:refuse", args=[draft.pk]), signed)
    assert response.status_code == 302
    refusal = Refusal.objects.get(application=draft)
    assert refusal.stage == Status.SUBMITTED and refusal.grounds[0]["code"] == "priority_list"
    assert refusal.signer_iin == coordinator.iin and refusal.document_sha256

    notice = documents_for(draft, "refusal_notice").get()
    assert notice.language == "ru"  # the applicant's language
    text = pdf_text(notice.file.read())
    assert draft.number in text and "Мотивированный отказ" in text and "п. 5" in text
    assert "не входит в приоритетный перечень" in text and "Вид деятельности не приоритетный" in text
    client.force_login(entrepreneur)
    page = client.get(f"/ru/applications/{draft.pk}/").content.decode()
    assert 'data-testid="document-refusal_notice-ru"' in page


@pytest.mark.rule("§20")
def test_s20_the_first_post_shows_the_notice_to_sign_and_changes_nothing(client, coordinator, submitted, review_signer):
    client.force_login(coordinator)
    response = client.post(
        reverse("review:refuse", args=[submitted.pk]), {"category": "unreliable", "reason": "Анықтама жалған"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="refuse-sign-form"' in html and "Анықтама жалған" in html
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not Refusal.objects.exists()


@pytest.mark.rule("§20")
def test_s20_a_refusal_signed_by_another_key_or_for_another_text_is_refused(
    client, coordinator, submitted, review_signer
):
    client.force_login(coordinator)
    signed = review_signer(submitted, coordinator, reason="Бірінші мәтін")
    signed["reason"] = "Басқа мәтін"  # the signature is for the first text
    response = client.post(reverse("review:refuse", args=[submitted.pk]), signed)
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not Refusal.objects.exists()


@pytest.mark.rule("§20")
def test_s20_refusal_from_recommended_records_the_stage(coordinator, submitted, refuse):
    ready_for_recommendation(submitted, by=coordinator)
    application_recommend(application=submitted, text="Қолдау", by=coordinator, at=timezone.now())
    refusal = refuse(submitted, by=coordinator, category="unreliable", reason="Анықтама жалған болып шықты")
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED and refusal.stage == Status.RECOMMENDED


@pytest.mark.rule("§20")
def test_s20_refusal_from_on_agenda_takes_the_item_off_the_agenda(
    client, coordinator, region, entrepreneur, council, refuse
):
    from tests.councils.factories import make_application, schedule

    applications = [make_application(region, entrepreneur) for _ in range(2)]
    session = schedule(council, coordinator, applications)
    target = applications[0]
    target.refresh_from_db()
    assert target.status == Status.ON_AGENDA
    refusal = refuse(target, by=coordinator, category="unreliable", reason="Жер телімінің құжаты жалған")
    assert refusal.stage == Status.ON_AGENDA
    item = AgendaItem.objects.get(session=session, application=target)
    assert item.status == AgendaItem.Status.REMOVED
    other = AgendaItem.objects.get(session=session, application=applications[1])
    assert other.status == AgendaItem.Status.PENDING  # the rest of the agenda stands
    member = session.council.members.select_related("user").first().user
    client.force_login(member)
    html = client.get(reverse("councils:item", args=[item.pk])).content.decode()
    assert 'data-testid="item-removed"' in html and "Жер телімінің құжаты жалған" in html


@pytest.mark.rule("§20")
def test_s20_no_refusal_while_the_council_votes_on_the_item(coordinator, region, entrepreneur, council, refuse):
    from django.core.exceptions import ValidationError

    from tests.councils.factories import make_application, schedule

    application = make_application(region, entrepreneur)
    session = schedule(council, coordinator, [application])
    AgendaItem.objects.filter(session=session).update(status=AgendaItem.Status.VOTING)
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        refuse(application, by=coordinator, reason="Жалған")
    application.refresh_from_db()
    assert application.status == Status.ON_AGENDA and not Refusal.objects.exists()


@pytest.mark.rule("§19")
def test_s19_no_recommendation_before_the_acceptance_notice_or_with_an_open_finding(client, coordinator, submitted):
    from applications.models import Recommendation

    client.force_login(coordinator)
    assert len(recommend_blockers(submitted)) == 2  # no acceptance notice, two open checks
    html = client.get(reverse("review:detail", args=[submitted.pk])).content.decode()
    assert 'data-testid="recommend-blockers"' in html and "хабарламаға қол қойыңыз" in html
    response = client.post(reverse("review:recommend", args=[submitted.pk]), {"text": "Қолдау"})
    assert response.status_code == 400 and not Recommendation.objects.exists()
    ready_for_recommendation(submitted, by=coordinator)
    line = EligibilityResult.objects.filter(application=submitted).first()
    line.decision = EligibilityResult.Decision.OPEN
    line.outcome = "fail"
    line.save()
    assert recommend_blockers(submitted) and "ашық" in recommend_blockers(submitted)[0]
    line.decision = EligibilityResult.Decision.CONFIRMED  # the finding holds: refuse, not recommend
    line.save()
    assert recommend_blockers(submitted)
    line.decision = EligibilityResult.Decision.REJECTED  # set aside with a comment
    line.save()
    assert recommend_blockers(submitted) == []
    assert client.post(reverse("review:recommend", args=[submitted.pk]), {"text": "Қолдау"}).status_code == 302


@pytest.mark.rule("§5")
def test_s5_priority_claims_are_confirmed_by_the_coordinator(
    client, coordinator, entrepreneur, region, ref, stand_in_verifier
):
    draft = complete_draft(entrepreneur, region, ref, aul_amanaty=True)
    _submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.priority and not draft.priority_confirmed  # claimed
    client.force_login(coordinator)
    inbox = client.get(reverse("review:inbox")).content.decode()
    assert 'data-testid="priority-claimed"' in inbox
    claim = EligibilityResult.objects.get(application=draft, code="priority_claim")
    client.post(reverse("review:eligibility", args=[draft.pk, claim.pk]), {f"e{claim.pk}-decision": "confirmed"})
    draft.refresh_from_db()
    assert draft.priority and draft.priority_confirmed
    assert 'data-testid="priority-confirmed"' in client.get(reverse("review:inbox")).content.decode()


@pytest.mark.rule("§5")
def test_s5_a_claim_not_confirmed_loses_the_priority(client, coordinator, entrepreneur, region, ref, stand_in_verifier):
    draft = complete_draft(entrepreneur, region, ref, aul_amanaty=True)
    _submit(draft, entrepreneur)
    claim = EligibilityResult.objects.get(application=draft, code="priority_claim")
    client.force_login(coordinator)
    client.post(
        reverse("review:eligibility", args=[draft.pk, claim.pk]),
        {f"e{claim.pk}-decision": "rejected", f"e{claim.pk}-comment": "Бағдарламада жоқ"},
    )
    draft.refresh_from_db()
    assert not draft.priority and not draft.priority_confirmed
    claim.refresh_from_db()
    assert not claim.is_ground  # losing the priority grounds no refusal


@pytest.mark.rule("§5")
def test_s5_a_cooperative_legal_entity_is_confirmed_priority_at_once(entrepreneur, region, ref, stand_in_verifier):
    from tests.applications.factories import make_bin

    draft = complete_draft(
        entrepreneur,
        region,
        ref,
        kind="legal",
        bin=make_bin(8),
        head_iin=entrepreneur.iin,
        head_full_name="Асанов Асан",
        cooperative=True,
    )
    _submit(draft, entrepreneur)
    draft.refresh_from_db()
    assert draft.priority and draft.priority_confirmed
