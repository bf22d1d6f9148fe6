"""§24 (rev. 2): after the protocol is signed the coordinator sends the decision notice and, for a
refusal, the reasoned answer: prefilled, editable, signed with the coordinator's ЭЦҚ, once each, in
the applicant's language. Until then the applicant reads "decision taken, notice being prepared"."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationDetails
from applications.signing import demo_sign
from councils import services
from councils.documents import DECISION_NOTICE
from councils.models import DecisionNotice
from registry.deadlines import deadlines_for
from registry.documents import documents_for
from registry.models import Deadline, Notification, User
from registry.pdf import pdf_text
from tests.councils.factories import SIGN_AT, decided_session, sign_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§24")]

REASONS = "Жұмыс орындарының болжамы негізделмеген"
APPROVED_KK = "Инфрақұрылым беру мүмкін"
REJECTED_KK = "Инфрақұрылым беру мүмкін емес"
SEND_AT = SIGN_AT + timedelta(hours=2)


@pytest.fixture
def coordinator_key(coordinator, chair_key, monkeypatch):
    """The coordinator holds a demo ЭЦҚ key too (made after the chair's, by the same command)."""
    coordinator.iin = "880515310009"
    coordinator.save(update_fields=["iin"])
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: datetime(2026, 1, 5, tzinfo=UTC))
        call_command("make_test_pki", stdout=StringIO())
    return coordinator


@pytest.fixture
def decided(council, coordinator, entrepreneur, region):
    """Item 1 (the entrepreneur's, kk) approved, item 2 (applicant2's, ru) rejected with reasons; unsigned."""
    session = decided_session(council, coordinator, entrepreneur, region, reasons=REASONS)
    approved, rejected = (item.application for item in session.items.order_by("order"))
    for application in (approved, rejected):
        ApplicationDetails.objects.create(application=application)  # every real application has its form
    return session, approved, rejected


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _send(item, kind, coordinator, *, text=None, at=SEND_AT):
    text = text if text is not None else services.notice_prefill(item=item, kind=kind)
    notice = services.notice_prepare(item=item, kind=kind, text=text, by=coordinator, at=at)
    cms = demo_sign(coordinator, services.notice_document(notice))
    return services.notice_send(notice=notice, cms=cms, by=coordinator, at=at)


def test_s24_before_the_protocol_is_signed_the_applicant_sees_no_decision(client, entrepreneur, decided):
    _session, approved, rejected = decided
    for user, application in ((entrepreneur, approved), (User.objects.get(username="applicant2"), rejected)):
        page = _page(client, user, application)
        assert 'data-testid="council-decision"' not in page and 'data-testid="council-notice-pending"' not in page
        assert APPROVED_KK not in page and REJECTED_KK not in page and REASONS not in page


def test_s24_after_signing_the_applicant_reads_notice_being_prepared_and_the_clock_starts(
    client, entrepreneur, decided, chair_key
):
    session, approved, _rejected = decided
    sign_protocol(session.protocol, chair_key)
    page = _page(client, entrepreneur, approved)
    assert 'data-testid="council-notice-pending"' in page and 'data-testid="council-decision"' not in page
    assert "үйлестіруші хабарламаны дайындап жатыр" in page
    assert not Notification.objects.filter(recipient=entrepreneur).exists()  # the portal does not notify by itself
    # The portal's own service standard: 3 working days from the signing (Thu 5 March; 9 March is
    # the holiday of 8 March moved from Sunday → Wed 11 March).
    item = session.items.get(order=1)
    deadline = deadlines_for(item).get(kind=Deadline.Kind.DECISION_NOTICE)
    assert (deadline.due_on, deadline.rule) == (date(2026, 3, 11), "§24")


def test_s24_the_coordinator_sends_the_notice_once_and_the_approved_applicant_sees_it(
    client, entrepreneur, decided, chair_key, coordinator_key
):
    session, approved, _rejected = decided
    sign_protocol(session.protocol, chair_key)
    item = session.items.get(order=1)
    prefill = services.notice_prefill(item=item, kind=DecisionNotice.Kind.NOTICE)
    assert (
        approved.number in prefill and f"{APPROVED_KK.lower()}." in prefill and "3 × 6 = 18" in prefill
    )  # kk: the applicant's language
    notice = _send(item, DecisionNotice.Kind.NOTICE, coordinator_key, text=prefill + "\n\nҚосымша: келісімшарт жобасы.")
    assert notice.is_sent and notice.language == "kk" and len(notice.content_hash) == 64
    with pytest.raises(ValidationError, match="24-т."):
        _send(item, DecisionNotice.Kind.NOTICE, coordinator_key)  # once
    assert DecisionNotice.objects.filter(item=item).count() == 1
    with pytest.raises(ValidationError):  # no reasoned answer for a positive decision
        _send(item, DecisionNotice.Kind.REASONED_ANSWER, coordinator_key)
    page = _page(client, entrepreneur, approved)
    assert page.count('data-testid="council-decision"') == 1 and "Қосымша: келісімшарт жобасы." in page
    assert Notification.objects.filter(recipient=entrepreneur, kind="council_notice").count() == 1
    assert deadlines_for(item).get(kind=Deadline.Kind.DECISION_NOTICE).met_on_time is True


def test_s24_the_refused_applicant_gets_notice_and_reasoned_answer_in_russian_with_a_pdf(
    client, decided, chair_key, coordinator_key, django_capture_on_commit_callbacks
):
    session, _approved, rejected = decided
    sign_protocol(session.protocol, chair_key)
    item = session.items.get(order=2)
    answer_text = services.notice_prefill(item=item, kind=DecisionNotice.Kind.REASONED_ANSWER)
    assert "Причины: " + REASONS in answer_text and "две трети участвующих проголосовали «против»" in answer_text
    _send(item, DecisionNotice.Kind.NOTICE, coordinator_key)
    assert deadlines_for(item).get(kind=Deadline.Kind.DECISION_NOTICE).met_at is None  # the answer is still due
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(item, DecisionNotice.Kind.REASONED_ANSWER, coordinator_key, text=answer_text)
    assert answer.language == "ru"
    assert deadlines_for(item).get(kind=Deadline.Kind.DECISION_NOTICE).met_at is not None
    document = documents_for(answer, DECISION_NOTICE).get()
    document.refresh_from_db()
    assert (document.language, document.state) == ("ru", "done")
    text = " ".join(pdf_text(document.file.read()).split())
    assert "Мотивированный ответ" in text and REASONS in text and "Подписано ЭЦП регионального координатора" in text
    page = _page(client, User.objects.get(username="applicant2"), rejected)
    assert 'data-testid="notice-reasoned_answer"' in page and REASONS in page
    notes = Notification.objects.filter(recipient__username="applicant2", kind="council_notice")
    assert notes.count() == 2 and notes.filter(subject__startswith="Мотивированный ответ").count() == 1


def test_s24_only_the_regions_coordinator_sends_and_only_after_signing(
    decided, chair_key, coordinator_key, coordinator_elsewhere, council
):
    session, _approved, _rejected = decided
    item = session.items.get(order=2)
    with pytest.raises(ValidationError):  # the protocol is not signed yet
        services.notice_prepare(item=item, kind="notice", text="x", by=coordinator_key, at=SEND_AT)
    sign_protocol(session.protocol, chair_key)
    for outsider in (coordinator_elsewhere, session.council.members.get(position="secretary").user):
        with pytest.raises(PermissionDenied):
            services.notice_prepare(item=item, kind="notice", text="x", by=outsider, at=SEND_AT)
    with pytest.raises(ValidationError):
        services.notice_prepare(item=item, kind="notice", text="   ", by=coordinator_key, at=SEND_AT)
    assert not DecisionNotice.objects.exists()


def test_s24_the_coordinator_sends_from_the_item_page(client, decided, chair_key, coordinator_key, settings):
    session, _approved, rejected = decided
    sign_protocol(session.protocol, chair_key)
    item = session.items.get(order=2)
    client.force_login(coordinator_key)
    url = reverse("councils:item", args=[item.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="notice-reasoned_answer"' in page and REASONS in page  # prefilled
    assert client.get(reverse("councils:item_notice_prepare", args=[item.pk, "notice"])).status_code == 405
    client.post(
        reverse("councils:item_notice_prepare", args=[item.pk, "reasoned_answer"]),
        {"reasoned_answer-text": "Өңделген мәтін. " + REASONS},
    )
    client.post(reverse("councils:item_notice_send", args=[item.pk, "reasoned_answer"]), {"demo": "1"})
    answer = DecisionNotice.objects.get(item=item, kind="reasoned_answer")
    assert answer.is_sent and answer.text.startswith("Өңделген мәтін.") and answer.sent_by == coordinator_key
    assert client.get(reverse("councils:item_notice_prepare", args=[item.pk, "bogus"])).status_code == 405
    assert client.post(reverse("councils:item_notice_prepare", args=[item.pk, "bogus"]), {}).status_code == 404
