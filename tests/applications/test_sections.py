"""The form's sections: save and resume, the applicant's two branches, the validators' messages."""

import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Application, SectionState
from tests.applications.factories import make_bin, make_iin


@pytest.fixture
def new_draft(client, entrepreneur, region, ref):
    client.force_login(entrepreneur)
    response = client.post(reverse("applications:new"), {"region": region.pk, "project_name": "Цех"})
    application = Application.objects.get(applicant=entrepreneur)
    assert response.status_code == 302
    return application


def section_url(application, section, lang="kk"):
    with translation.override(lang):
        return reverse("applications:section", args=[application.pk, section])


def legal_data(region, **over):
    data = {
        "region": region.pk,
        "kind": "legal",
        "name": "«Сүт» ЖШС",
        "bin": make_bin(),
        "head_full_name": "Асанов",
        "head_iin": make_iin(),
        "address": "Түркістан",
        "phone": "+7 701",
        "action": "continue",
    }
    data.update(over)
    return data


def individual_data(region, **over):
    data = {
        "region": region.pk,
        "kind": "individual",
        "name": "ЖК Асан",
        "full_name": "Асанов Асан",
        "iin": make_iin(),
        "id_number": "0123",
        "id_issuer": "ІІМ",
        "id_issued_on": "2015-01-01",
        "notice_place": "Түркістан",
        "notice_on": "2016-02-01",
        "address": "Түркістан",
        "phone": "+7 701",
        "action": "continue",
    }
    data.update(over)
    return data


def test_new_draft_starts_with_every_section_not_started(client, new_draft):
    page = client.get(reverse("applications:detail", args=[new_draft.pk])).content.decode()
    assert page.count('data-state="not_started"') == 6
    assert new_draft.status == "draft"


@pytest.mark.rule("Appendix 1")
@pytest.mark.rule("Appendix 3")
def test_legal_entity_branch_saves_and_resumes(client, new_draft, region):
    response = client.post(section_url(new_draft, "applicant"), legal_data(region))
    assert response.status_code == 302
    assert response.url.endswith("/section/bank/")
    details = new_draft.details
    details.refresh_from_db()
    assert details.kind == "legal" and details.bin and details.state_of("applicant") == SectionState.COMPLETE
    new_draft.refresh_from_db()
    assert new_draft.applicant_identifier == details.bin
    page = client.get(section_url(new_draft, "applicant")).content.decode()
    assert details.bin in page and "«Сүт» ЖШС" in page  # resumed with the answers


def test_legal_entity_needs_bin_and_head(client, new_draft, region):
    response = client.post(section_url(new_draft, "applicant"), legal_data(region, bin="", head_iin=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"bin", "head_iin"}
    new_draft.details.refresh_from_db()
    assert new_draft.details.kind == ""  # nothing saved


@pytest.mark.rule("Appendix 3")
def test_individual_branch_needs_identity_document_and_notice(client, new_draft, region):
    response = client.post(section_url(new_draft, "applicant"), individual_data(region, id_number="", notice_on=""))
    assert set(response.context["form"].errors) == {"id_number", "notice_on"}
    response = client.post(section_url(new_draft, "applicant"), individual_data(region))
    assert response.status_code == 302
    details = new_draft.details
    details.refresh_from_db()
    assert details.identifier == details.iin and details.bin == ""


def test_dates_cannot_be_in_the_future(client, new_draft, region):
    response = client.post(section_url(new_draft, "applicant"), individual_data(region, notice_on="2999-01-01"))
    assert "notice_on" in response.context["form"].errors


def test_save_draft_keeps_partial_answers_in_progress(client, new_draft, region):
    response = client.post(
        section_url(new_draft, "applicant"), {"region": region.pk, "kind": "legal", "name": "Half", "action": "draft"}
    )
    assert response.status_code == 302
    new_draft.details.refresh_from_db()
    assert new_draft.details.state_of("applicant") == SectionState.IN_PROGRESS
    assert new_draft.details.name == "Half"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "ЖСН"),
        ("ru", "ИИН"),
    ],
)
def test_invalid_iin_message_in_kk_and_ru(client, new_draft, region, lang, text):
    response = client.post(
        section_url(new_draft, "applicant", lang),
        legal_data(region, head_iin="900101300018"),
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert "head_iin" in response.context["form"].errors
    assert text in response.context["form"].errors["head_iin"][0]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("bic", "HSBK"),
        ("iban", "KZ86125KZT5004100101"),
        ("bank_bin", "050340000000"),
        ("kbe", "31"),
    ],
)
@pytest.mark.rule("Appendix 4")
def test_bank_validators_refuse(client, new_draft, field, bad):
    data = {
        "has_bank_account": "yes",
        "bank_name": "Halyk",
        "bic": "HSBKKZKX",
        "iban": "KZ86 125K ZT50 0410 0100",
        "bank_bin": make_bin(3),
        "kbe": "17",
        "action": "continue",
    }
    assert client.post(section_url(new_draft, "bank"), data).status_code == 302
    data[field] = bad
    response = client.post(section_url(new_draft, "bank"), data)
    assert list(response.context["form"].errors) == [field]


def project_data(ref, **over):
    data = {
        "project_name": "Цех",
        "description": "Сүт",
        "place": "Кентау",
        "category": ref["engineering"].pk,
        "infrastructure_type": ref["water"].pk,
        "justification": "Су жоқ",
        "construction_cost": "10.5",
        "project_cost": "20",
        "tax_regime": ref["tax"].pk,
        "sector": ref["sector"].pk,
        "oked": "10.51 any name",
        "employees": "3",
        "term_months": "24",
        "action": "continue",
    }
    data.update(over)
    return data


@pytest.mark.rule("Appendix 5")
def test_project_saves_with_searchable_oked(client, new_draft, ref):
    response = client.post(section_url(new_draft, "project"), project_data(ref))
    assert response.status_code == 302, response.context["form"].errors
    new_draft.refresh_from_db()
    assert new_draft.oked == ref["dairy"] and str(new_draft.construction_cost) == "10.50"
    new_draft.details.refresh_from_db()
    assert (new_draft.details.employees, new_draft.details.term_months) == (3, 24)


@pytest.mark.rule("§7")
@pytest.mark.parametrize("term", ["0", "37"])
def test_s7_term_is_1_to_36_months(client, new_draft, ref, term):
    response = client.post(section_url(new_draft, "project"), project_data(ref, term_months=term))
    assert "term_months" in response.context["form"].errors


def test_costs_are_not_negative(client, new_draft, ref):
    response = client.post(section_url(new_draft, "project"), project_data(ref, project_cost="-1"))
    assert "project_cost" in response.context["form"].errors


def test_object_type_must_belong_to_category(client, new_draft, ref):
    response = client.post(section_url(new_draft, "project"), project_data(ref, infrastructure_type=ref["shared"].pk))
    assert "infrastructure_type" in response.context["form"].errors


@pytest.mark.rule("§7")
def test_s7_planned_users_are_checked_but_fewer_than_three_is_a_finding_not_a_form_error(client, new_draft, ref):
    # Rev. 2 §18–§20: "at least 3 users" is a pre-check finding shown before signing, not a form block.
    users = f"{make_bin(11)} ЖШС Бір\n{make_bin(12)} ЖШС Екі"
    data = project_data(ref, category=ref["production"].pk, infrastructure_type=ref["shared"].pk, planned_users=users)
    assert client.post(section_url(new_draft, "project"), data).status_code == 302
    assert new_draft.planned_users.count() == 2
    data["planned_users"] = users + "\n123 Wrong"
    response = client.post(section_url(new_draft, "project"), data)
    assert "3" in response.context["form"].errors["planned_users"][0]  # "Line 3: …"
    data["planned_users"] = users + f"\n{make_iin(40)} ЖК Үш"
    assert client.post(section_url(new_draft, "project"), data).status_code == 302
    assert new_draft.planned_users.count() == 3


@pytest.mark.rule("Appendix 5")
def test_profile_direction_required_in_the_regional_centre(client, new_draft, ref):
    response = client.post(section_url(new_draft, "project"), project_data(ref, in_centre="on"))
    assert "profile_direction" in response.context["form"].errors
    response = client.post(section_url(new_draft, "project"), project_data(ref))
    assert response.status_code == 302  # outside the centre it is not asked


def test_profile_direction_always_required_in_a_city_of_republican_significance(client, new_draft, ref, other_region):
    new_draft.region = other_region  # Astana
    new_draft.save()
    response = client.post(section_url(new_draft, "project"), project_data(ref))
    assert "profile_direction" in response.context["form"].errors


@pytest.mark.rule("Appendix 6")
def test_effect_grid_totals_computed_by_the_server(client, new_draft):
    data = {
        f"{row}_{y}": "1.25" if row in ("tax", "output") else "2" for row in ("jobs", "tax", "output") for y in "0123"
    }
    data.update({"jobs_1": "-1", "action": "continue"})
    response = client.post(section_url(new_draft, "effect"), data)
    assert "jobs_1" in response.context["form"].errors
    data["jobs_1"] = "2"
    assert client.post(section_url(new_draft, "effect"), data).status_code == 302
    page = client.get(section_url(new_draft, "effect")).content.decode()
    assert 'data-testid="total-tax">3,75<' in page and 'data-testid="total-jobs">6<' in page


@pytest.mark.rule("Appendix 8")
def test_every_undertaking_is_a_required_tick(client, new_draft):
    response = client.post(section_url(new_draft, "consents"), {"action": "continue"})
    errors = response.context["form"].errors
    # The request of item 2 and one confirmation for each required group; the §9 declarations are not required here.
    assert sorted(errors) == ["confirm_consents", "confirm_undertakings", "request_review"]
    page = response.content.decode()
    assert page.count('type="checkbox"') == 4
    assert "«Атамекен»" in page and "«Бәйтерек»" in page  # the Appendix's full text, in Kazakh
    assert "Жалғастыру үшін осы белгіні қойыңыз." in page


def test_several_applications_per_entrepreneur(client, entrepreneur, region, ref):
    client.force_login(entrepreneur)
    for name in ("A", "B"):
        client.post(reverse("applications:new"), {"region": region.pk, "project_name": name})
    page = client.get(reverse("applications:list")).content.decode()
    assert Application.objects.filter(applicant=entrepreneur).count() == 2
    assert "A" in page and "B" in page


@pytest.mark.parametrize(
    ("lang", "field", "bad", "text"),
    [
        ("kk", "iban", "KZ00", "ЖСК"),
        ("ru", "iban", "KZ00", "IBAN"),
        ("kk", "bic", "HSBK", "БСК"),
        ("ru", "bic", "HSBK", "БИК"),
        ("kk", "kbe", "31", "Кбе"),
        ("ru", "kbe", "31", "КБе"),
        ("kk", "bank_bin", "050340000000", "БСН"),
        ("ru", "bank_bin", "050340000000", "БИН"),
    ],
)
def test_bank_messages_in_kk_and_ru(client, new_draft, lang, field, bad, text):
    data = {
        "has_bank_account": "yes",
        "bank_name": "Halyk",
        "bic": "HSBKKZKX",
        "iban": "KZ86125KZT5004100100",
        "bank_bin": make_bin(3),
        "kbe": "17",
        "action": "continue",
        field: bad,
    }
    response = client.post(section_url(new_draft, "bank", lang), data)
    message = response.context["form"].errors[field][0]
    assert text in message
    assert message in response.content.decode()  # next to the field and in the summary


@pytest.mark.rule("Appendix 4")
def test_appendix4_without_a_current_account_the_bank_fields_are_not_required(client, new_draft):
    # «ағымдағы шотының бар-жоғы»: the applicant states whether there is an account; without one, no details.
    response = client.post(section_url(new_draft, "bank"), {"action": "continue"})
    assert list(response.context["form"].errors) == ["has_bank_account"]
    response = client.post(section_url(new_draft, "bank"), {"has_bank_account": "yes", "action": "continue"})
    assert set(response.context["form"].errors) == {"bank_name", "bic", "iban", "bank_bin", "kbe"}
    response = client.post(
        section_url(new_draft, "bank"), {"has_bank_account": "no", "iban": "KZ00", "action": "continue"}
    )
    assert response.status_code == 302
    new_draft.details.refresh_from_db()
    assert new_draft.details.has_bank_account is False and new_draft.details.iban == ""
    assert new_draft.details.state_of("bank") == "complete"
