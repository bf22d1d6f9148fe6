"""The protocol (§23): signed by the chair with ЭЦҚ, frozen, decisions carried out (§22, §24), hand-over (§25)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from applications.signing import demo_sign
from councils import services
from councils.models import Handover
from registry.deadlines import deadlines_for
from registry.models import Deadline, Notification
from tests.councils.factories import SIGN_AT, decided_session, seat
from tests.councils.factories import sign_protocol as _sign

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§24")
def test_s24_protocol_cannot_be_signed_before_the_reasons_of_a_rejection(
    council, coordinator, entrepreneur, region, chair_key
):
    protocol = decided_session(council, coordinator, entrepreneur, region).protocol
    with pytest.raises(ValidationError, match="24-т."):
        _sign(protocol, chair_key)
    protocol.refresh_from_db()
    assert protocol.status == "draft"


@pytest.mark.rule("§22", "§23", "§24")
def test_s23_the_chair_signs_the_decisions_follow_and_each_applicant_is_told_once(
    council, coordinator, entrepreneur, region, chair_key
):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Жұмыс орындары негізделмеген")
    protocol = _sign(session.protocol, chair_key)
    assert protocol.status == "final" and protocol.signed_by == chair_key and len(protocol.content_hash) == 64
    approved, rejected = [i.application for i in session.items.order_by("order")]
    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert (approved.status, rejected.status) == ("approved", "rejected")
    # §24 (rev. 2): the coordinator sends the notices (see test_applicant_sees_decision); the clock starts.
    assert not Notification.objects.filter(recipient__in=[approved.applicant, rejected.applicant]).exists()
    assert all(deadlines_for(i).filter(kind=Deadline.Kind.DECISION_NOTICE).count() == 1 for i in session.items.all())
    # §23 met on time (due 10 March); §25's three working days open from the signing.
    kinds = {d.kind: d for d in deadlines_for(protocol)}
    assert kinds[Deadline.Kind.PROTOCOL].met_on_time is True
    assert kinds[Deadline.Kind.HANDOVER].due_on == date(2026, 3, 11)


@pytest.mark.rule("§23")
def test_s23_a_signature_with_someone_elses_key_is_refused(council, coordinator, entrepreneur, region, chair_key):
    protocol = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ").protocol
    secretary = seat(council, "secretary").user
    cms = demo_sign(secretary, services.protocol_document(protocol))
    with pytest.raises(ValidationError):
        services.protocol_finalise(protocol=protocol, cms=cms, by=chair_key, at=SIGN_AT)
    protocol.refresh_from_db()
    assert protocol.status == "draft"


@pytest.mark.rule("§23")
def test_s23_a_signed_protocol_is_frozen(council, coordinator, entrepreneur, region, chair_key):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    protocol = _sign(session.protocol, chair_key)
    secretary = seat(council, "secretary").user
    item = session.items.get(order=2)
    with pytest.raises(ValidationError):
        services.item_reasons_set(item=item, reasons="басқа", by=secretary, at=SIGN_AT)
    with pytest.raises(ValidationError):
        _sign(protocol, chair_key)
    protocol.refresh_from_db()
    assert protocol.content["items"][1]["reasons"] == "Негіз жоқ"


@pytest.mark.rule("§23")
def test_s23_records_changed_after_signing_are_refused(council, coordinator, entrepreneur, region, chair_key):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    cms = demo_sign(chair_key, services.protocol_document(session.protocol))
    services.item_notes_set(
        item=session.items.get(order=1), notes="кейін қосылды", by=seat(council, "secretary").user, at=SIGN_AT
    )
    with pytest.raises(ValidationError):
        services.protocol_finalise(protocol=session.protocol, cms=cms, by=chair_key, at=SIGN_AT)


@pytest.mark.rule("§25")
def test_s25_hand_over_happens_once_and_notifies_the_budget_administrator_once(
    council, coordinator, entrepreneur, region, chair_key, budget_admin
):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    protocol = _sign(session.protocol, chair_key)
    handover = services.handover_send(session=session, by=coordinator, at=SIGN_AT + timedelta(hours=3))
    with pytest.raises(ValidationError):
        services.handover_send(session=session, by=coordinator, at=SIGN_AT + timedelta(hours=4))
    assert Handover.objects.count() == 1
    approved = session.items.get(order=1).application
    approved.refresh_from_db()
    assert approved.status == "sent_to_budget"
    assert list(handover.applications.all()) == [approved]
    assert session.items.get(order=2).application.status == "rejected"
    notes = Notification.objects.filter(kind="council_handover")
    assert notes.count() == 1 and notes.get().recipient == budget_admin and approved.number in notes.get().body
    assert {d.kind: d for d in deadlines_for(protocol)}[Deadline.Kind.HANDOVER].met_on_time is True


@pytest.mark.rule("§25")
def test_s25_hand_over_needs_the_signed_protocol(council, coordinator, entrepreneur, region):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    with pytest.raises(ValidationError):
        services.handover_send(session=session, by=coordinator, at=SIGN_AT)
