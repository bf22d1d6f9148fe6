"""The eligibility pre-check: each line with its paragraph (§5 §7 §9 §13, БАБӨ §2.3)."""
from datetime import date

import pytest
from django.urls import reverse

from applications.eligibility import eligibility_lines, past_failures
from applications.models import PastPerformanceMark
from registry.models import PriorityActivity
from tests.applications.factories import complete_draft

TODAY = date(2026, 3, 2)


def outcomes(application):
    return {(line.rule, line.code): line.outcome for line in eligibility_lines(application, today=TODAY)}


def test_clean_application_passes_with_affiliation_left_to_the_coordinator(draft):
    result = outcomes(draft)
    assert result == {
        ("§5", "priority_list"): "pass", ("§9(1)", "no_debt"): "pass", ("§9(2)", "no_bankruptcy"): "pass",
        ("§9(3)", "not_affiliated"): "coordinator", ("§9(4)", "not_excluded"): "pass",
        ("§13", "past_performance"): "pass", ("§7", "term"): "pass",
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
@pytest.mark.parametrize(("field", "key"), [
    ("decl_no_debt", ("§9(1)", "no_debt")), ("decl_no_bankruptcy", ("§9(2)", "no_bankruptcy")),
    ("decl_not_affiliated", ("§9(3)", "not_affiliated")), ("decl_not_excluded", ("§9(4)", "not_excluded")),
])
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


@pytest.mark.rule("§2.3")
def test_s2_babo_needs_all_six_criteria(entrepreneur, region, ref):
    criteria = dict.fromkeys(["babo_local_raw", "babo_simple_tools", "babo_regional", "babo_no_hazard",
                              "babo_packaging", "babo_not_perishable"], True)
    application = complete_draft(entrepreneur, region, ref, babo=True, **criteria)
    assert outcomes(application)[("§2.3", "babo")] == "pass"
    application.details.babo_packaging = False
    assert outcomes(application)[("§2.3", "babo")] == "fail"


def test_check_page_shows_lines_and_blocks_signing_on_failure(client, entrepreneur, region, ref):
    application = complete_draft(entrepreneur, region, ref, decl_no_debt=False)
    client.force_login(entrepreneur)
    page = client.get(reverse("applications:check", args=[application.pk])).content.decode()
    assert 'data-rule="§9(1)" data-outcome="fail"' in page
    assert 'data-testid="blocked"' in page and 'id="sign-form"' not in page
