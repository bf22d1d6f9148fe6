"""§23: the signed protocol as PDF in Kazakh and in Russian, read back with pdftotext."""

import pytest

from councils.documents import PROTOCOL
from registry.documents import documents_for
from registry.pdf import pdf_text
from tests.councils.factories import decided_session
from tests.councils.factories import sign_protocol as _sign

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§23")]

LABELS = {
    "kk": {
        "for": "Жақтап",
        "against": "Қарсы",
        "approved": "Инфрақұрылым беру мүмкін",
        "rejected": "Инфрақұрылым беру мүмкін емес",
        "title": "хаттамасы",
        "rule": "21-т.: шешім қатысушылардың кемінде үштен екісінің дауысымен қабылданады",
        # §21 in words: 6 of 8 for approves, 6 of 8 against refuses.
        "why_approved": "3 × 6 = 18 саны 2 × 8 = 16 санынан кем емес: қатысушылардың үштен екісі жақтап",
        "why_rejected": "3 × 6 = 18 саны 2 × 8 = 16 санынан кем емес: қатысушылардың үштен екісі қарсы",
    },
    "ru": {
        "for": "За",
        "against": "Против",
        "approved": "Предоставление инфраструктуры возможно",
        "rejected": "Предоставление инфраструктуры невозможно",
        "title": "Протокол заседания РКС",
        "rule": "п. 21: решение в ту или иную сторону принимается не менее чем двумя третями участвующих",
        "why_approved": "3 × 6 = 18 не меньше, чем 2 × 8 = 16: две трети участвующих проголосовали «за»",
        "why_rejected": "3 × 6 = 18 не меньше, чем 2 × 8 = 16: две трети участвующих проголосовали «против»",
    },
}


def test_s23_protocol_pdf_names_every_vote_and_the_decision_in_kazakh_and_russian(
    council, coordinator, entrepreneur, region, chair_key, django_capture_on_commit_callbacks
):
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Салық түсімі негізделмеген")
    with django_capture_on_commit_callbacks(execute=True):
        protocol = _sign(session.protocol, chair_key)
    documents = {d.language: d for d in documents_for(protocol, PROTOCOL)}
    assert set(documents) == {"kk", "ru"}
    for language, document in documents.items():
        document.refresh_from_db()
        assert document.state == "done", document.error
        text = pdf_text(document.file.read())
        lines = text.splitlines()
        labels = LABELS[language]
        assert labels["title"] in text and labels["approved"] in text and labels["rejected"] in text
        flat = " ".join(text.split())
        assert "Салық түсімі негізделмеген" in flat and labels["rule"] in flat
        assert labels["why_approved"] in flat and labels["why_rejected"] in flat
        for item in protocol.content["items"]:
            for vote in item["votes"]:
                label = labels[vote["choice"]]
                assert any(vote["name"] in line and line.rstrip().endswith(label) for line in lines), (language, vote)
        for member in protocol.content["members"]:
            assert member["name"] in text
