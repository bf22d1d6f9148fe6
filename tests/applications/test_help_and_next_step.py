"""Issue 14, "Errors and help": help with examples (tax system, ЭҚЖЖ, direct results), the ЭҚЖЖ search list,
and the applicant's "next step" after approval and after refusal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from applications.models import Application, Status
from registry.models import OkedCode
from tests.applications.factories import complete_draft
from tests.applications.test_sections import new_draft, section_url  # noqa: F401


def _flat(text: str) -> str:
    return " ".join(text.split())


def _oked_search(client, query: str, lang: str = "kk") -> str:
    with translation.override(lang):
        url = reverse("applications:oked_search")
    return client.get(url, {"oked": query}).content.decode()


# ЭҚЖЖ: a searchable list with names; the submitted value is still the code.


@pytest.mark.parametrize(("lang", "other"), [("kk", "ru"), ("ru", "kk")])
def test_oked_search_answers_with_names_in_the_readers_language(client, entrepreneur, ref, lang, other):
    client.force_login(entrepreneur)
    dairy = ref["dairy"]
    # Words of either language find the code; the options read in the page's language.
    for word in (dairy.name_kk.split()[0], dairy.name_ru.split()[0], dairy.code):
        page = _oked_search(client, word, lang)
        mine = dairy.name_kk if lang == "kk" else dairy.name_ru
        assert f'value="{dairy.code} {mine}"' in page, (lang, word)


def test_oked_search_query_count_does_not_grow_with_matches(client, entrepreneur, ref):
    client.force_login(entrepreneur)
    _oked_search(client, "10")  # session, user
    with CaptureQueriesContext(connection) as few:
        _oked_search(client, ref["dairy"].code)
    parent = ref["dairy"].parent or ref["division"]
    OkedCode.objects.bulk_create(
        [
            OkedCode(
                code=f"10.9{i}",
                level=OkedCode.Level.CLASS,
                section=ref["dairy"].section,
                parent=parent,
                name_kk=f"Тамақ өнімі {i}",
                name_ru=f"Пищевой продукт {i}",
            )
            for i in range(20)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        page = _oked_search(client, "10")
    assert page.count("<option") > 20
    assert len(many) == len(few)


def test_oked_search_too_short_or_odd_input_is_an_empty_list(client, entrepreneur, ref):
    client.force_login(entrepreneur)
    for query in ("", "1", "%%%", "' OR 1=1 --", "x" * 500):
        response = client.get(reverse("applications:oked_search"), {"oked": query})
        assert response.status_code == 200 and "<option" not in response.content.decode()


def test_oked_the_project_field_is_a_search_list_and_saves_the_code(client, new_draft, ref):  # noqa: F811
    page = client.get(section_url(new_draft, "project")).content.decode()
    assert 'list="oked-options"' in page and 'id="oked-options"' in page
    assert f'hx-get="{reverse("applications:oked_search")}"' in page
    assert "10.51" in page  # the help's example
    dairy = ref["dairy"]
    response = client.post(
        section_url(new_draft, "project"), {"oked": f"{dairy.code} {dairy.name_kk}", "action": "draft"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=new_draft.pk).oked == dairy
    # What is shown again is the code with its name, and saving it again keeps the code.
    page = client.get(section_url(new_draft, "project")).content.decode()
    assert f'value="{dairy.code} {dairy.name_kk}"' in page
    client.post(section_url(new_draft, "project"), {"oked": f"{dairy.code} {dairy.name_kk}", "action": "draft"})
    assert Application.objects.get(pk=new_draft.pk).oked == dairy


@pytest.mark.parametrize(("lang", "message"), [("kk", "ЭҚЖЖ"), ("ru", "ОКЭД")])
def test_oked_an_unknown_code_is_a_clear_error_and_nothing_is_saved(client, new_draft, lang, message):  # noqa: F811
    response = client.post(section_url(new_draft, "project", lang=lang), {"oked": "99.99 жоқ", "action": "draft"})
    assert response.status_code == 200
    error = response.context["form"].errors["oked"][0]
    assert message in error
    assert Application.objects.get(pk=new_draft.pk).oked is None


# Help with examples: the tax system and the direct results of Appendix item 6.


@pytest.mark.parametrize(
    ("lang", "tax", "jobs"),
    [
        ("kk", "оңайлатылған декларация", "жұмыс орындары"),
        ("ru", "упрощённой декларации", "рабочие места"),
    ],
)
def test_help_tax_system_and_direct_results_have_examples(client, new_draft, lang, tax, jobs):  # noqa: F811
    project = _flat(client.get(section_url(new_draft, "project", lang=lang)).content.decode())
    assert tax in project and 'id="id_tax_regime-help"' in project
    effect = _flat(client.get(section_url(new_draft, "effect", lang=lang)).content.decode())
    for row in ("jobs", "tax", "output", "other"):
        assert f'id="effect-help-{row}"' in effect
        assert f'aria-describedby="effect-help-{row}"' in effect
    assert jobs in effect and "1 200 000" in effect and "§" not in effect


# The applicant's next step.


@pytest.mark.rule("§25")
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("kk", ("25-т.", "10 ақпан")),
        ("ru", ("п. 25", "10 февраля")),
    ],
)
def test_s25_after_approval_the_applicant_reads_what_comes_and_when(client, entrepreneur, region, ref, lang, words):
    application = complete_draft(entrepreneur, region, ref)
    Application.objects.filter(pk=application.pk).update(status=Status.APPROVED, number="61-2026-000001")
    client.force_login(entrepreneur)
    page = _flat(client.get(f"/{lang}/applications/{application.pk}/").content.decode())
    assert 'data-testid="next-step-approved"' in page and 'data-testid="next-step-refused"' not in page
    for word in words:
        assert word in page
    assert "§" not in page.split('data-testid="next-step-approved"')[1].split("</section>")[0]


@pytest.mark.rule("§32")
def test_s32_once_funded_only_the_reports_remain(client, entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref)
    Application.objects.filter(pk=application.pk).update(status=Status.FUNDED, number="61-2026-000002")
    client.force_login(entrepreneur)
    page = _flat(client.get(f"/ru/applications/{application.pk}/").content.decode())
    assert "10 февраля" in page and "п. 25" not in page


@pytest.mark.rule("§20")
@pytest.mark.parametrize("status", [Status.REFUSED, Status.REJECTED])
@pytest.mark.parametrize(
    ("lang", "code"),
    [
        ("kk", "Әкімшілік рәсімдік-процестік кодексі"),
        ("ru", "процедурно-процессуальным кодексом"),
    ],
)
def test_s20_after_refusal_the_applicant_may_contest_or_apply_again(
    client, entrepreneur, region, ref, status, lang, code
):
    application = complete_draft(entrepreneur, region, ref)
    Application.objects.filter(pk=application.pk).update(status=status, number="61-2026-000003")
    client.force_login(entrepreneur)
    page = _flat(client.get(f"/{lang}/applications/{application.pk}/").content.decode())
    assert 'data-testid="next-step-refused"' in page and code in page
    assert f'href="/{lang}/applications/new/"' in page


def test_the_next_step_is_the_applicants_own(client, entrepreneur, coordinator, region, ref):
    application = complete_draft(entrepreneur, region, ref)
    Application.objects.filter(pk=application.pk).update(status=Status.APPROVED, number="61-2026-000004")
    client.force_login(coordinator)
    response = client.get(f"/kk/applications/{application.pk}/")
    assert response.status_code == 200 and 'data-testid="next-step-approved"' not in response.content.decode()
