"""§19(3), §22(2) (rev. 2): every member of the council (and the coordinator) opens the full documents
of an agenda item: the application as submitted, every attachment, the recommendation and the
eligibility findings; each opening is journalled; members of another council get 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from councils.models import Protocol
from registry.models import AuditEvent
from tests.applications.factories import complete_draft, reference_data
from tests.councils.factories import first_item, make_council, schedule, seat, seats

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§22")]


@pytest.fixture
def item(council, coordinator, entrepreneur, region):
    application = complete_draft(entrepreneur, region, reference_data(region), project_name="Сүт цехы")
    application.status, application.number = Status.RECOMMENDED, f"{region.code}-2026-07777"
    application.save(update_fields=["status", "number"])
    return first_item(schedule(council, coordinator, [application]))


def _urls(item):
    yield reverse("councils:item_application", args=[item.pk])
    for attachment in item.application.attachments.all():
        yield reverse("councils:item_attachment", args=[item.pk, attachment.pk])


def test_s22_a_member_opens_every_document_and_each_opening_is_journalled(client, council, item):
    member = seats(council)[5].user
    client.force_login(member)
    page = client.get(reverse("councils:item", args=[item.pk])).content.decode()
    assert reverse("councils:item_application", args=[item.pk]) in page
    dossier = client.get(reverse("councils:item_application", args=[item.pk])).content.decode()
    assert 'data-testid="application-as-submitted"' in dossier and "Асанов Асан" in dossier  # Appendix sections
    attachments = list(item.application.attachments.all())
    assert len(attachments) == 3
    for attachment in attachments:
        assert attachment.sha256 in dossier
        url = reverse("councils:item_attachment", args=[item.pk, attachment.pk])
        assert url in dossier
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    opened = AuditEvent.objects.filter(action="council_document_open", actor=member)
    assert opened.count() == 4
    assert {e.reason.rsplit("(", 1)[-1].rstrip(")") for e in opened if "(" in e.reason} == {
        a.sha256 for a in attachments
    }


def test_s22_the_coordinator_reads_them_too(client, coordinator, item):
    client.force_login(coordinator)
    assert all(client.get(url).status_code == 200 for url in _urls(item))


def test_s22_another_regions_member_an_unseated_member_and_the_applicant_get_404(
    client, item, other_region, entrepreneur, region
):
    from tests.factories import UserFactory

    elsewhere = seat(make_council(other_region, prefix="astana"), "member").user
    unseated = UserFactory(username="no_seat", role="council_member", region=region)
    for user in (elsewhere, unseated, entrepreneur):
        client.force_login(user)
        assert [client.get(url).status_code for url in _urls(item)] == [404] * 4, user
    assert not AuditEvent.objects.filter(action="council_document_open").exists()


def test_s22_access_ends_a_year_after_the_signed_protocol(client, council, item):
    protocol = Protocol.objects.create(
        session=item.session,
        due_on=timezone.localdate(),
        drafted_at=timezone.now(),
        status="final",
        content_hash="0" * 64,
        signature="x",
        signed_at=timezone.now() - timedelta(days=364),
    )
    client.force_login(seats(council)[4].user)
    url = reverse("councils:item_application", args=[item.pk])
    assert client.get(url).status_code == 200
    Protocol.objects.filter(pk=protocol.pk).update(signed_at=timezone.now() - timedelta(days=366))
    assert client.get(url).status_code == 404


def _thread(item, coordinator, entrepreneur):
    """Issue 18: the coordinator asks (with a PDF), the applicant answers."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.services.messages import message_send
    from tests.applications.factories import pdf_bytes

    application = item.application
    application.submitted_at = timezone.now()
    application.save(update_fields=["submitted_at"])
    question = message_send(
        application=application,
        by=coordinator,
        kind="corrected_pdf",
        body="Сметаның 3-бетін түзетіңіз.",
        at=timezone.now(),
        upload=SimpleUploadedFile("смета.pdf", pdf_bytes("Estimate"), content_type="application/pdf"),
    )
    answer = message_send(application=application, by=entrepreneur, kind="answer", body="Түзетілді.", at=timezone.now())
    return question, answer


def test_members_read_the_applicant_coordinator_thread_and_open_its_pdf(
    client, council, coordinator, entrepreneur, item
):
    question, answer = _thread(item, coordinator, entrepreneur)
    member = seats(council)[6].user
    for reader in (member, coordinator):
        client.force_login(reader)
        page = client.get(reverse("councils:item_application", args=[item.pk])).content.decode()
        thread = page.split('data-testid="council-thread"', 1)[1]
        assert "Сметаның 3-бетін түзетіңіз." in thread and "Түзетілді." in thread
        assert "<form" not in thread and "<textarea" not in thread  # read-only
        url = reverse("councils:item_message_attachment", args=[item.pk, question.pk])
        assert url in thread and question.attachment_sha256 in thread
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert (
            AuditEvent.objects.filter(
                action="council_document_open", actor=reader, reason__contains=question.attachment_sha256
            ).count()
            == 1
        )
    # A message without a file has nothing to download.
    assert client.get(reverse("councils:item_message_attachment", args=[item.pk, answer.pk])).status_code == 404


def test_another_councils_member_gets_404_on_the_thread_pdf(client, coordinator, entrepreneur, item, other_region):
    question, _answer = _thread(item, coordinator, entrepreneur)
    client.force_login(seat(make_council(other_region, prefix="astana"), "member").user)
    assert client.get(reverse("councils:item_message_attachment", args=[item.pk, question.pk])).status_code == 404
    client.force_login(entrepreneur)  # the applicant downloads it from their own thread, not from here
    assert client.get(reverse("councils:item_message_attachment", args=[item.pk, question.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="council_document_open").exists()
