"""Failed forms: one error summary that links to each field (the first radio of a group, the file
input of an upload), fields marked invalid and tied to their errors by ids that exist."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_draft(entrepreneur, region, ref):
    from applications.models import Application, ApplicationDetails

    application = Application.objects.create(region=region, applicant=entrepreneur, project_name="P")
    ApplicationDetails.objects.create(application=application)
    return application


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def _described_ids_exist(page: str) -> None:
    ids = _ids(page)
    described = [i for value in re.findall(r'aria-describedby="([^"]*)"', page) for i in value.split()]
    assert described, "no field is tied to its help or errors"
    assert [i for i in described if i not in ids] == []


def _summary_links_exist(page: str) -> list[str]:
    summary = page[page.index('id="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links and [link for link in links if link not in _ids(page)] == []
    return links


@pytest.mark.rule("Appendix 7")
def test_upload_error_appears_in_the_summary_and_on_the_field(client, entrepreneur, empty_draft):
    client.force_login(entrepreneur)
    response = client.post(
        reverse("applications:attachment_upload", args=[empty_draft.pk]),
        {"kind": "business_plan", "file": SimpleUploadedFile("plan.pdf", b"GIF89a", "application/pdf")},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert _summary_links_exist(page) == ["file-business_plan"]
    assert "Файл PDF құжаты емес." in page.split(' id="error-summary"')[1].split("</div>")[0]
    field = re.search(r'<input[^>]*id="file-business_plan"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "is-invalid" in field
    _described_ids_exist(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_section_errors_link_to_fields_that_exist_and_mark_them_invalid(client, entrepreneur, empty_draft, language):
    client.force_login(entrepreneur)
    url = f"/{language}/applications/{empty_draft.pk}/section/applicant/"
    response = client.post(url, {"action": "continue"})
    page = response.content.decode()
    assert response.status_code in (200, 400)
    links = _summary_links_exist(page)
    assert "id_kind" not in links  # a radio group's link goes to its first radio
    assert any(link.startswith("id_kind_") for link in links) or 'name="kind"' not in page
    _described_ids_exist(page)
    invalid = re.findall(r'<(?:input|select|textarea)[^>]*aria-invalid="true"[^>]*>', page)
    # A radio group is marked on its fieldset (its legend turns red), each radio by Django's aria-invalid.
    unmarked = [tag for tag in invalid if "is-invalid" not in tag and 'type="radio"' not in tag]
    assert invalid and unmarked == []
    if 'name="kind"' in page:
        assert re.search(r'<fieldset aria-describedby="[^"]*id_kind-error"[^>]*class="is-invalid"', page)


def test_summary_links_reach_wcag_aa_contrast():
    """#58151c on Bootstrap's alert-danger #f8d7da: 8.9:1 (the default link blue was 3.4:1)."""
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css").read_text()
    assert re.search(r"\.error-summary a \{[^}]*color: #58151c", css)

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    ratio = (luminance("f8d7da") + 0.05) / (luminance("58151c") + 0.05)
    assert ratio >= 4.5


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Тіркеу туралы куәліктегідей 12 цифр, мысалы: 240140012345."),
        ("ru", "12 цифр, как в справке о регистрации, например: 240140012345."),
    ],
)
def test_fields_people_get_wrong_carry_help_with_an_example(client, entrepreneur, empty_draft, language, text):
    client.force_login(entrepreneur)
    applicant = client.get(f"/{language}/applications/{empty_draft.pk}/section/applicant/").content.decode()
    assert text in applicant
    assert re.search(r'<input[^>]*name="bin"[^>]*aria-describedby="id_bin-help"', applicant)
    bank = client.get(f"/{language}/applications/{empty_draft.pk}/section/bank/").content.decode()
    assert "KZ86 125K ZT50 0410 0100" in bank and "HSBKKZKX" in bank and ("17" in bank and "19" in bank)
    project = client.get(f"/{language}/applications/{empty_draft.pk}/section/project/").content.decode()
    assert re.search(r'<input[^>]*name="construction_cost"[^>]*data-thousand-tenge="1"', project)
    assert "1 500 000" in project
