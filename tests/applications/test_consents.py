"""Issue 14: the consents page shows the Appendix wording once, grouped, with one confirmation per group.

Each statement is still recorded on its own field and goes into the signed document with its wording.
"""

import json

import pytest
from django.utils import translation

from applications.canonical import canonical_document
from applications.forms.consents import DECLARATIONS, GROUPS, REQUEST, UNDERTAKINGS
from applications.models import ApplicationDetails, SectionState
from tests.applications.factories import CONSENT_PAGE_TICKS
from tests.applications.test_sections import new_draft, section_url  # noqa: F401


def _flat(text: str) -> str:
    return " ".join(text.split())


def _details(draft) -> ApplicationDetails:
    return ApplicationDetails.objects.get(application=draft)


@pytest.mark.rule("Appendix 8")
@pytest.mark.rule("§9")
def test_s9_one_tick_per_group_records_every_statement_of_it(client, new_draft):  # noqa: F811
    response = client.post(section_url(new_draft, "consents"), {**CONSENT_PAGE_TICKS, "action": "continue"})
    assert response.status_code == 302
    details = _details(new_draft)
    for name in [*REQUEST, *DECLARATIONS, *UNDERTAKINGS]:
        assert getattr(details, name) is True, name
    assert details.state_of("consents") == SectionState.COMPLETE
    # Shown again, every group is confirmed.
    page = client.get(section_url(new_draft, "consents")).content.decode()
    assert page.count("checked") == 4


@pytest.mark.rule("Appendix 8")
def test_appendix8_the_wording_is_shown_once_grouped(client, new_draft):  # noqa: F811
    for language in ("kk", "ru"):
        page = _flat(client.get(section_url(new_draft, "consents", lang=language)).content.decode())
        with translation.override(language):
            for group in GROUPS:
                for text in group.texts():
                    assert page.count(_flat(str(text))) == 1
        assert "§" not in page


@pytest.mark.rule("Appendix 8")
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("kk", "келісімдерді"),
        ("ru", "согласия"),
    ],
)
def test_appendix8_a_missing_group_is_one_error_naming_the_group(client, new_draft, language, message):  # noqa: F811
    data = {**CONSENT_PAGE_TICKS, "action": "continue"}
    del data["confirm_consents"]
    response = client.post(section_url(new_draft, "consents", lang=language), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["confirm_consents"] and len(errors["confirm_consents"]) == 1
    assert message in errors["confirm_consents"][0]
    assert "§" not in errors["confirm_consents"][0]
    assert _details(new_draft).consent_checks is False  # nothing recorded


@pytest.mark.rule("§9")
def test_s9_declarations_left_unticked_are_recorded_unticked_for_the_precheck(client, new_draft):  # noqa: F811
    data = {**CONSENT_PAGE_TICKS, "action": "continue"}
    del data["confirm_declarations"]
    assert client.post(section_url(new_draft, "consents"), data).status_code == 302
    details = _details(new_draft)
    assert not any(getattr(details, name) for name in DECLARATIONS)
    assert all(getattr(details, name) for name in UNDERTAKINGS)


@pytest.mark.rule("Appendix 8")
def test_appendix8_unticking_a_group_withdraws_each_of_its_consents(client, new_draft):  # noqa: F811
    client.post(section_url(new_draft, "consents"), {**CONSENT_PAGE_TICKS, "action": "continue"})
    data = {**CONSENT_PAGE_TICKS, "action": "draft"}
    del data["confirm_undertakings"]
    client.post(section_url(new_draft, "consents"), data)
    details = _details(new_draft)
    assert not details.undertake_disclose and not details.undertake_report_changes
    assert details.consent_checks and details.confirm_reliability


@pytest.mark.rule("Appendix 8")
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_appendix8_the_signed_document_still_carries_every_consents_wording(
    client,
    new_draft,  # noqa: F811 -- the fixture imported above
    entrepreneur,
    language,
):
    client.post(section_url(new_draft, "consents"), {**CONSENT_PAGE_TICKS, "action": "continue"})
    entrepreneur.language = language
    entrepreneur.save(update_fields=["language"])
    new_draft.refresh_from_db()
    statements = json.loads(canonical_document(new_draft))["statements"]
    with translation.override(language):
        assert [s["text"] for s in statements["undertakings_and_consents"]] == [str(t) for t in UNDERTAKINGS.values()]
        assert [s["text"] for s in statements["declarations"]] == [str(t) for t in DECLARATIONS.values()]
    assert all(s["ticked"] for key in ("request", "declarations", "undertakings_and_consents") for s in statements[key])
