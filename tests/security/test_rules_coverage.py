"""`make rules`: the coverage report is built from docs/rules.md, the code's §N and the tests' markers.

Checked on a small tree made here (the repository's own coverage moves every day),
plus one run on the repository that checks only the shape of its output.
"""

import subprocess
import sys
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2]
SCRIPT = BASE / "scripts" / "rules_coverage.py"

RULES_MD = """\
| Paragraph | Title | Enforceable | Why not |
|---|---|---|---|
| §1 | Purpose | no | statement of purpose |
| §13 | No new funding | yes | |
| §19 | Coordinator's review | yes | |
| §21 | Quorum | yes | |
| Appendix 4 | Bank account | yes | |
"""

CODE = """\
# §13: past performance is checked first
# §19.4: all members are notified
# §19(4) again, and RFC 5652 §1.1 is another document's paragraph
REVIEW_DAYS = 5  # §19
# Appendix items 3 and 4: identifiers
"""

TESTS = """\
import pytest

pytestmark = pytest.mark.rule("Appendix 4")


@pytest.mark.rule("§19(4)")
def test_members_are_notified():
    pass


def test_s13_refused_after_missed_results():
    pass


class TestQuorum:
    @pytest.mark.rule("§21", "§19")
    def test_two_thirds(self):
        pass
"""


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text(RULES_MD, encoding="utf-8")
    (tmp_path / "app" / "migrations").mkdir(parents=True)
    (tmp_path / "app" / "rules.py").write_text(CODE, encoding="utf-8")
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("# §21 in a migration\n", encoding="utf-8")
    (tmp_path / "app" / "templates").mkdir()
    (tmp_path / "app" / "templates" / "page.html").write_text("<!-- §21: quorum -->\n", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_rules.py").write_text(TESTS, encoding="utf-8")
    return tmp_path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def row(report: str, key: str) -> list[str]:
    line = next(line for line in report.splitlines() if line.startswith(f"| {key} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_report_counts_code_and_tests_per_paragraph(tree):
    result = run("--root", str(tree))
    assert result.returncode == 0, result.stderr
    report = (tree / "docs" / "rules-coverage.md").read_text(encoding="utf-8")
    assert report.startswith("# Rule coverage")
    assert "| Paragraph | Title | Enforceable | Code | Tests |" in report
    # §1 is not matched by §13, §19 or "RFC 5652 §1.1".
    assert row(report, "§1") == ["§1", "Purpose", "no (statement of purpose)", "0", "0"]
    assert row(report, "§13") == ["§13", "No new funding", "yes", "1", "1"]
    # "§19.4", "§19(4)" and "§19" all count as §19; the marker "§19(4)" too.
    assert row(report, "§19") == ["§19", "Coordinator's review", "yes", "3", "2"]
    # The template counts, the migration does not; a class's test method counts.
    assert row(report, "§21") == ["§21", "Quorum", "yes", "1", "1"]
    assert row(report, "Appendix 4") == ["Appendix 4", "Bank account", "yes", "1", "3"]


def test_report_names_files_lines_and_test_ids(tree):
    run("--root", str(tree))
    report = (tree / "docs" / "rules-coverage.md").read_text(encoding="utf-8")
    assert "- code: `app/rules.py:2`" in report and "- code: `app/rules.py:3`" in report
    assert "- code: `app/templates/page.html:1`" in report
    assert "- test: `tests/test_rules.py::TestQuorum::test_two_thirds`" in report
    assert "- test: `tests/test_rules.py::test_s13_refused_after_missed_results`" in report


def test_enforceable_paragraph_without_a_test_is_listed_and_fails_strict(tree):
    (tree / "tests" / "test_rules.py").write_text(TESTS.replace('"§21", "§19"', '"§19"'), encoding="utf-8")
    relaxed = run("--root", str(tree))
    assert relaxed.returncode == 0
    assert "No test: §21" in relaxed.stdout
    report = (tree / "docs" / "rules-coverage.md").read_text(encoding="utf-8")
    missing = report.split("## Enforceable paragraphs with no test")[1].split("##")[0]
    assert missing.strip() == "- §21: Quorum"
    assert run("--root", str(tree), "--strict").returncode == 1


def test_strict_passes_when_every_enforceable_paragraph_has_a_test(tree):
    result = run("--root", str(tree), "--strict")
    assert result.returncode == 0
    assert "4 enforceable, 4 with tests" in result.stdout and "No test: none" in result.stdout


def test_runs_on_the_repository_and_lists_every_paragraph(tmp_path):
    out = tmp_path / "coverage.md"
    result = run("--output", str(out))
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    keys = [f"§{n}" for n in range(1, 35)] + [f"Appendix {n}" for n in range(1, 10)]
    for key in keys:
        assert row(report, key)[0] == key
    assert "43 paragraphs" in result.stdout
