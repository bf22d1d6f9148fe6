"""make rules: the paragraph list parses and the generator finds code and tests."""
import importlib.util
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def load():
    spec = importlib.util.spec_from_file_location("rules_coverage", BASE / "scripts" / "rules_coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_list_holds_s5_to_s32_and_nine_appendix_items():
    rules = load().read_rules()
    keys = [key for key, _, _ in rules]
    assert keys[:28] == [f"§{n}" for n in range(5, 33)]
    assert keys[28:] == [f"Appendix {n}" for n in range(1, 10)]


def test_paragraph_pattern_does_not_confuse_s5_with_s50():
    pattern = load().paragraph_pattern("§5")
    assert pattern.search("# §5: at most six codes")
    assert not pattern.search("# §50 is not a paragraph")


def test_test_names_and_markers_map_to_paragraphs():
    module = load()
    assert module.test_keys("test_s21_quorum_is_two_thirds") == {"§21"}
    assert module.test_keys("test_appendix_5_profile_direction") == {"Appendix 5"}
    assert module.marker_keys('"§19", "Appendix item 9"') == {"§19", "Appendix 9"}


def test_generated_report_marks_untested_paragraphs(tmp_path):
    module = load()
    rules = [("§5", "priority list", True), ("§8", "local budget", False), ("§10", "shelf space", True)]
    text, untested = module.render(rules, {"§5": ["registry/x.py:1"]}, {"§5": {"tests/t.py::test_s5_x"}})
    assert untested == ["§10"]
    assert "| §8 | local budget | — | — | not enforceable |" in text
    assert "**NO TEST**" in text
