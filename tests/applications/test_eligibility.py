"""The eligibility pre-check: each line with its paragraph (§5 §7 §9 §13, БАБӨ §2.3)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from applications.eligibility import eligibility_lines, past_failures, priority_directions
from applications.models import PastPerformanceMark, PlannedUser
from registry.models import PriorityActivity
from tests.applications.factories import complete_draft, make_bin

TODAY = date(2026, 3, 2)


def outcomes(application):
    return {(line.rule, line.code): line.outcome for line in eligibility_lines(application, today=TODAY)}


def test_clean_application_passes_with_affiliation_left_to_the_coordinator(draft):
    result = outcomes(draft)
    assert result == {
        ("§5", "priority_list"): "pass",
        ("§9(1)", "no_debt"): "pass",
        ("§9(2)", "no_bankruptcy"): "pass",
        ("§9(3)", "not_affiliated"): "coordinator",
        ("§9(4)", "not_excluded"): "pass",
        ("§13", "past_performance"): "pass",
        ("§7", "term"): "pass",
    }


@pytest.mark.rule("§5")
def test_s5_code_under_the_priority_list_by_prefix(draft, ref):
    assert outcomes(draft)[("§5", "priority_list")] == "pass"  # 10.51 lies under division 10
    draft.oked = ref["off_list"]
    assert outcomes(draft)[("§5", "priority_list")] == "fail"


@pytest.mark.rule("§5")
def test_s5_region_without_a_list_goes_to_the_coordinator(draft):
    PriorityActivity.objects.all().delete()
    assert outcomes(draft)[("§5", "priority_list")] == "coordinator"


@pytest.mark.rule("§9")
@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("decl_no_debt", ("§9(1)", "no_debt")),
        ("decl_no_bankruptcy", ("§9(2)", "no_bankruptcy")),
        ("decl_not_affiliated", ("§9(3)", "not_affiliated")),
        ("decl_not_excluded", ("§9(4)", "not_excluded")),
    ],
)
def test_s9_each_declaration_missing_fails(entrepreneur, region, ref, field, key):
    application = complete_draft(entrepreneur, region, ref, **{field: False})
    assert outcomes(application)[key] == "fail"


@pytest.mark.rule("§9(4)")
def test_s9_excluded_activity_fails(draft, ref):
    draft.oked = ref["gambling"]
    line = next(x for x in eligibility_lines(draft, today=TODAY) if x.rule == "§9(4)")
    assert line.outcome == "fail" and "92" in draft.oked.code


@pytest.mark.rule("§13")
def test_s13_failed_results_last_year_fail(draft, entrepreneur):
    PastPerformanceMark.objects.create(identifier=entrepreneur.iin, year=2024, reason="old")
    assert outcomes(draft)[("§13", "past_performance")] == "pass"  # not the previous year
    PastPerformanceMark.objects.create(identifier=entrepreneur.iin, year=2025, reason="Жұмыс орны жоқ")
    assert [m.reason for m in past_failures(entrepreneur.iin, 2025)] == ["Жұмыс орны жоқ"]
    assert outcomes(draft)[("§13", "past_performance")] == "fail"


@pytest.mark.rule("§7")
def test_s7_common_use_needs_three_users(entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, common_use=True)
    assert outcomes(application)[("§7", "common_use_users")] == "pass"
    application.planned_users.first().delete()
    assert outcomes(application)[("§7", "common_use_users")] == "fail"


BABO_ALL = dict.fromkeys(
    ["babo_local_raw", "babo_simple_tools", "babo_regional", "babo_no_hazard", "babo_packaging", "babo_not_perishable"],
    True,
)


@pytest.mark.rule("§2(3)")
def test_s2_3_babo_without_regional_specificity_is_still_babo(entrepreneur, region, ref):
    # §2(3)(3): "мүмкіндігінше" — where possible; it never blocks.
    application = complete_draft(entrepreneur, region, ref, babo=True, **{**BABO_ALL, "babo_regional": False})
    assert outcomes(application)[("§2(3)", "babo")] == "pass"
    assert priority_directions(application.details) == ["babo"]


@pytest.mark.rule("§2(3)")
@pytest.mark.parametrize(
    "criterion", ["babo_local_raw", "babo_simple_tools", "babo_no_hazard", "babo_packaging", "babo_not_perishable"]
)
def test_s2_3_babo_failing_a_criterion_drops_the_priority_not_the_eligibility(entrepreneur, region, ref, criterion):
    application = complete_draft(entrepreneur, region, ref, babo=True, **{**BABO_ALL, criterion: False})
    lines = {line.code: line for line in eligibility_lines(application, today=TODAY)}
    assert lines["babo"].outcome == "info" and not lines["babo"].is_finding
    assert priority_directions(application.details) == [] and "priority_claim" not in lines
    assert not any(line.is_finding for line in lines.values())  # still eligible: no finding at all
    with translation.override("kk"):
        assert "БАБӨ" in lines["babo"].message


@pytest.mark.rule("§5")
def test_s5_cooperative_off_the_list_has_no_s5_finding(entrepreneur, region, ref):
    application = complete_draft(
        entrepreneur, region, ref, kind="legal", bin=make_bin(5), head_iin=entrepreneur.iin, cooperative=True
    )
    application.oked = ref["off_list"]
    line = next(x for x in eligibility_lines(application, today=TODAY) if x.code == "priority_list")
    assert line.outcome == "pass" and line.variant == "direction"


@pytest.mark.rule("§5")
def test_s5_an_individual_entrepreneur_is_never_a_cooperative(entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, cooperative=True)  # kind="individual"
    application.oked = ref["off_list"]
    assert priority_directions(application.details) == []
    assert outcomes(application)[("§5", "priority_list")] == "fail"


@pytest.mark.rule("§5")
def test_s5_aul_amanaty_off_the_list_is_a_claim_for_the_coordinator(entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, aul_amanaty=True)
    application.oked = ref["off_list"]
    result = outcomes(application)
    assert result[("§5", "priority_list")] == "coordinator" and result[("§5", "priority_claim")] == "coordinator"


@pytest.mark.rule("§5")
def test_s5_a_letter_section_on_the_list_covers_nothing(draft, ref, region):
    from registry.models import OkedCode

    PriorityActivity.objects.filter(region=region).delete()
    PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code="C"))
    assert outcomes(draft)[("§5", "priority_list")] == "fail"  # not "the whole section C"


@pytest.mark.rule("§7")
def test_s7_a_sales_object_with_one_user_has_no_finding(entrepreneur, region, ref):
    from registry.models import InfrastructureCategory, InfrastructureObjectType

    sales = InfrastructureCategory.objects.create(code="t-sales", name_kk="Өткізу", name_ru="Сбыт", order=4)
    market = InfrastructureObjectType.objects.create(
        code="t-market", category=sales, name_kk="Нарық", name_ru="Рынок", common_use=False
    )
    application = complete_draft(entrepreneur, region, ref, category=sales)
    application.infrastructure_type = market
    PlannedUser.objects.create(application=application, identifier=make_bin(20), name="Бір")
    assert ("§7", "common_use_users") not in outcomes(application)


@pytest.mark.rule("§7")
def test_s7_a_production_object_with_two_users_is_a_finding(entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, common_use=True)
    application.planned_users.first().delete()
    line = next(x for x in eligibility_lines(application, today=TODAY) if x.code == "common_use_users")
    assert line.outcome == "fail" and line.data == {"n": 2}
    with translation.override("ru"):
        assert "2" in line.message


@pytest.mark.rule("§18")
def test_s18_check_page_warns_but_lets_the_applicant_sign(client, entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, decl_no_debt=False)
    application.oked = ref["off_list"]
    application.save(update_fields=["oked"])
    client.force_login(entrepreneur)
    page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    assert 'data-rule="§9(1)" data-code="no_debt" data-outcome="fail"' in page
    assert 'data-testid="warning-priority_list"' in page and 'data-testid="warning-no_debt"' in page
    assert "басым" in page  # the rule in words, in Kazakh
    assert 'data-testid="blocked"' not in page and 'data-testid="p12-sign"' in page
    page_ru = client.get(f"/ru/applications/{application.pk}/check/").content.decode()
    assert "Что это значит" in page_ru and "Что можно сделать" in page_ru
