"""§23: the protocol's public copy, personal data removed (councils.public), as PDF in kk and ru and on the
public verification page; the signed original stays within reach."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from applications.models import ApplicationDetails
from councils.documents import PROTOCOL, PROTOCOL_PUBLIC
from councils.public import protocol_public_content, scrub
from registry.documents import documents_for
from registry.pdf import pdf_text
from registry.validators import control_digit
from tests.councils.factories import decided_session
from tests.councils.factories import sign_protocol as _sign
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§23")]


def _valid(first11: str) -> str:
    return first11 + str(control_digit(first11))


PERSON_IIN = _valid("85071540012")  # an individual entrepreneur, born 15.07.1985
HEAD_IIN = _valid("79030230045")  # a person named inside a free text
COMPANY_BIN = _valid("15034000112")  # a legal entity registered in March 2015
PERSON = "ДК Сәрсенов Бақыт"
COMPANY = "ЖШС Алтын Дән"
REASONS = f"Салық түсімі негізделмеген; басшы {HEAD_IIN}, тел. +7 701 123 45 67, e-mail head@altyn.kz"
FIGURES = {
    "kk": ("Жақтап: 6, қарсы: 2, қалыс қалғандар: 0; қатысушылар: 8.", "Инфрақұрылым беру мүмкін"),
    "ru": ("За: 6, против: 2, воздержались: 0; участвовали: 8.", "Предоставление инфраструктуры возможно"),
}


def _details(application, *, kind, name, identifier):
    application.applicant_name, application.applicant_identifier = name, identifier
    application.save(update_fields=["applicant_name", "applicant_identifier"])
    ApplicationDetails.objects.create(
        application=application,
        kind=kind,
        name=name,
        bin=identifier if kind == "legal" else "",
        iin=identifier if kind == "individual" else "",
    )


@pytest.fixture
def signed(council, coordinator, entrepreneur, region, chair_key, django_capture_on_commit_callbacks):
    """Item 1: an individual entrepreneur, approved (6 of 8); item 2: a legal entity, refused, with reasons."""
    session = decided_session(council, coordinator, entrepreneur, region, reasons=REASONS)
    first, second = (item.application for item in session.items.order_by("order"))
    _details(first, kind="individual", name=PERSON, identifier=PERSON_IIN)
    _details(second, kind="legal", name=COMPANY, identifier=COMPANY_BIN)
    with django_capture_on_commit_callbacks(execute=True):
        protocol = _sign(session.protocol, chair_key)
    return protocol


def _flat(text: str) -> str:
    return " ".join(text.split())


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def test_s23_public_copy_pdf_in_kk_and_ru_has_the_decision_and_figures_and_no_iin(signed):
    copies = {d.language: d for d in documents_for(signed, PROTOCOL_PUBLIC)}
    originals = {d.language: d for d in documents_for(signed, PROTOCOL)}
    assert set(copies) == set(originals) == {"kk", "ru"}
    for language, document in copies.items():
        document.refresh_from_db()
        assert document.state == "done", document.error
        text = _flat(pdf_text(document.file.read()))
        # The ЖСН never appears, however the text is cut: not even as a run of digits across a line break.
        assert PERSON_IIN not in _digits(text) and HEAD_IIN not in _digits(text)
        assert "+7 701" not in text and "head@altyn.kz" not in text
        # What the public must see: the decision, the session's number and date, the vote's figures.
        figures, approved = FIGURES[language]
        assert figures in text and approved in text
        assert f"№{signed.content['number']}" in text and "04.03.2026" in text
        # Kept: the legal entity's name and БСН, the approved entrepreneur's name, the reasons' substance.
        assert COMPANY in text and COMPANY_BIN in text and PERSON in text
        assert "Салық түсімі негізделмеген" in text
        with translation.override(language):
            assert translation.gettext("[personal data removed]") in text
    # The signed original is unchanged: it still names the entrepreneur's ЖСН (it stays within reach).
    original = originals["kk"]
    original.refresh_from_db()
    assert PERSON_IIN in pdf_text(original.file.read())


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_s23_verification_page_shows_the_public_copy_to_anyone_never_the_iin(client, signed, language):
    # The whole test in the language: a /ru/ request leaves Russian active in this thread (LocaleMiddleware).
    with translation.override(language):
        _verification_page_shows_the_public_copy(client, signed, language)


def _verification_page_shows_the_public_copy(client, signed, language):
    original = documents_for(signed, PROTOCOL).get(language=language)
    page = client.get(reverse("registry:document_verify", args=[original.verification_code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert PERSON_IIN not in html and HEAD_IIN not in html and "head@altyn.kz" not in html
    assert 'data-testid="public-copy"' in html and COMPANY_BIN in html and PERSON in html
    figures, approved = FIGURES[language]
    assert figures in _flat(html) and approved in html
    # Anyone downloads the public copy's PDFs from here; the signed original's PDF is not offered.
    for copy in documents_for(signed, PROTOCOL_PUBLIC):
        link = reverse("registry:document_public_download", args=[copy.verification_code])
        assert link in html
        response = client.get(link)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert PERSON_IIN not in _digits(_flat(pdf_text(b"".join(response.streaming_content))))
    assert reverse("registry:document_download", args=[original.pk]) not in html


def test_s23_signed_original_is_downloadable_only_within_reach(client, signed, region, other_region):
    original = documents_for(signed, PROTOCOL).get(language="kk")
    # Not by its verification code, as the public copies are.
    assert (
        client.get(reverse("registry:document_public_download", args=[original.verification_code])).status_code == 404
    )
    download = reverse("registry:document_download", args=[original.pk])
    assert client.get(download).status_code == 302  # to the sign-in page
    for outsider in (
        UserFactory(role="entrepreneur", region=region),
        UserFactory(role="coordinator", region=other_region),
        UserFactory(role="planning", region=region),
    ):
        client.force_login(outsider)
        assert client.get(download).status_code == 404, outsider.role
    client.force_login(UserFactory(role="coordinator", region=region))
    assert client.get(download).status_code == 200


def test_s23_refused_individual_entrepreneur_is_not_named_and_the_items_texts_are_removed(signed):
    # The refused item's applicant is now an individual entrepreneur (the kind is read at rendering).
    second = signed.session.items.get(order=2).application
    ApplicationDetails.objects.filter(application=second).update(kind="individual", bin="", iin=COMPANY_BIN)
    with translation.override("ru"):
        content = protocol_public_content(signed)
    refused = content["items"][1]
    assert refused["applicant"] == refused["identifier"] == refused["reasons"] == "[персональные данные удалены]"
    assert refused["decision"] == "rejected" and (refused["for"], refused["against"]) == (2, 6)
    approved = content["items"][0]
    assert approved["applicant"] == PERSON and approved["identifier"] == "[персональные данные удалены]"
    assert COMPANY not in str(content) and COMPANY_BIN not in str(content) and PERSON_IIN not in str(content)
    # The signed content itself is untouched.
    assert signed.content["items"][1]["applicant"] == COMPANY


def test_s23_identifier_that_is_not_a_valid_bin_is_removed_even_for_a_legal_entity(signed):
    # A legal entity's row that holds a ЖСН (a data-entry slip) does not publish it: without a valid БСН the
    # applicant may be a person, so the refused item is treated as an individual entrepreneur's.
    second = signed.session.items.get(order=2).application
    signed.content["items"][1]["identifier"] = HEAD_IIN
    ApplicationDetails.objects.filter(application=second).update(kind="legal")
    with translation.override("kk"):
        content = protocol_public_content(signed)
    refused = content["items"][1]
    assert HEAD_IIN not in str(content)
    assert refused["identifier"] == refused["applicant"] == "[дербес деректер алынып тасталды]"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"ЖСН {PERSON_IIN}", "ЖСН"),
        (f"ЖСН {PERSON_IIN[:6]} {PERSON_IIN[6:]}", "ЖСН"),  # grouped digits
        (f"ЖСН {PERSON_IIN[:4]}-{PERSON_IIN[4:8]}-{PERSON_IIN[8:]}", "ЖСН"),
        ("тел. +7 (701) 123-45-67", "тел."),
        ("тел. 8 7252 53 12 34", "тел."),
        ("тел. 87011234567", "тел."),
        ("пошта: a.b-c@mail.kz", "пошта:"),
    ],
)
def test_scrub_removes_identifiers_phones_and_emails(text, kept):
    with translation.override("kk"):
        result = scrub(text)
    assert result.startswith(kept) and "[дербес деректер алынып тасталды]" in result
    assert "@" not in result and not any(c.isdigit() for c in result)


@pytest.mark.parametrize(
    "text",
    [
        "Құны 12 345 678 мың теңге",  # an amount is not a phone number
        "Хаттама №12, 04.03.2026, 11 сандық 12345678901",  # eleven digits: not a ЖСН/БСН
        "Жұмыс орны: 25; салық: 1 200",
    ],
)
def test_scrub_keeps_figures_that_are_not_personal_data(text):
    assert scrub(text) == text


def test_scrub_removes_a_hidden_entrepreneurs_name_in_any_case():
    with translation.override("ru"):
        assert scrub("Заявитель дк сәрсенов бақыт не явился", (PERSON,)) == (
            "Заявитель [персональные данные удалены] не явился"
        )


def test_backfill_requests_public_copies_of_protocols_signed_before(signed, django_capture_on_commit_callbacks):
    documents_for(signed, PROTOCOL_PUBLIC).delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("protocol_public_copies", stdout=(out := StringIO()))
    assert out.getvalue().strip() == "2"
    assert {d.language for d in documents_for(signed, PROTOCOL_PUBLIC)} == {"kk", "ru"}
    call_command("protocol_public_copies", stdout=(again := StringIO()))
    assert again.getvalue().strip() == "0"


def test_s23_protocol_page_shows_the_staff_the_public_copies(client, signed, region):
    client.force_login(UserFactory(role="coordinator", region=region))
    html = client.get(reverse("councils:protocol", args=[signed.pk])).content.decode()
    assert 'data-testid="public-copies"' in html
    for copy in documents_for(signed, PROTOCOL_PUBLIC):
        assert reverse("registry:document_verify", args=[copy.verification_code]) in html
