"""§19.4: the members' agenda pack, one PDF in Kazakh and one in Russian (pdftotext)."""

import pytest

from councils.documents import AGENDA_PACK
from registry.documents import documents_for
from registry.pdf import pdf_text
from tests.councils.factories import make_application, schedule

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§19")]


def test_s19_agenda_pack_lists_every_item_in_kazakh_and_russian(
    council, coordinator, entrepreneur, region, django_capture_on_commit_callbacks
):
    applications = [make_application(region, entrepreneur), make_application(region, entrepreneur, priority=True)]
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(council, coordinator, applications)
    documents = {d.language: d for d in documents_for(session, AGENDA_PACK)}
    titles = {"kk": "ӨҮК-тің №1 отырысының күн тәртібі материалдары", "ru": "Материалы повестки заседания РКС №1"}
    assert set(documents) == {"kk", "ru"}
    for language, document in documents.items():
        document.refresh_from_db()
        text = " ".join(pdf_text(document.file.read()).split())
        assert titles[language] in text
        for application in applications:
            assert application.number in text and application.project_name in text
        # §5: the priority project is item 1.
        assert text.index(applications[1].number) < text.index(applications[0].number)


@pytest.mark.rule("§22")
def test_s22_agenda_pack_lists_each_document_with_its_sha256_and_link(
    council, coordinator, entrepreneur, region, django_capture_on_commit_callbacks
):
    from applications.models import Status
    from tests.applications.factories import complete_draft, reference_data

    application = complete_draft(entrepreneur, region, reference_data(region))
    application.status, application.number = Status.RECOMMENDED, f"{region.code}-2026-08888"
    application.save(update_fields=["status", "number"])
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(council, coordinator, [application])
    item = session.items.get()
    for document in documents_for(session, AGENDA_PACK):
        document.refresh_from_db()
        text = "".join(pdf_text(document.file.read()).split())  # long hashes and links may wrap
        for attachment in application.attachments.all():
            assert attachment.sha256 in text
            assert f"/{document.language}/councils/items/{item.pk}/attachments/{attachment.pk}/" in text
