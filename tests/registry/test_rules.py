"""The §5 priority-list check as pure functions (registry/rules.py): no database."""

import pytest

from registry.rules import PRIORITY_CODES_MAX, on_priority_list, priority_level_allowed, priority_list_fits

pytestmark = pytest.mark.rule("§5")


def test_s5_a_region_lists_at_most_six_codes():
    assert PRIORITY_CODES_MAX == 6
    assert priority_list_fits(codes=0) and priority_list_fits(codes=6)
    assert not priority_list_fits(codes=7)


def test_s5_a_letter_section_is_too_wide_for_the_list():
    assert not priority_level_allowed("section")
    assert all(priority_level_allowed(level) for level in ("division", "group", "class", "subclass"))


def test_s5_a_code_under_a_listed_code_is_on_the_list():
    listed = [("C10", "division"), ("A", "section")]
    assert on_priority_list("C10.11", listed) and on_priority_list("C10", listed)
    assert not on_priority_list("C11", listed)
    assert not on_priority_list("A01.11", listed)  # under a section only: not listed
    assert not on_priority_list(None, listed)
