#!/usr/bin/env python3
"""Rule coverage: for each paragraph of the rules, the code that names it and the tests that prove it.

Reads the paragraph list from ``docs/rules.md`` (a table: paragraph, title,
enforceable yes/no, why not), greps ``§N`` / ``Appendix N`` in ``*.py`` and
``*.html`` outside tests and migrations, collects tests carrying
``@pytest.mark.rule("§N")`` (function, class or module ``pytestmark``) or named
``test_sNN_...``, and writes ``docs/rules-coverage.md``.

    python scripts/rules_coverage.py [--root DIR] [--out FILE] [--strict]

Exits 0; with ``--strict`` exits 1 when an enforceable paragraph has no test.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "migrations",
    "tests",
    "var",
    "vendor",
    "__pycache__",
    "bench",
    "locale",
    "docs",
    "scripts",
    "artifacts",
    "htmlcov",
}
CODE_SUFFIXES = {".py", ".html", ".txt", ".js"}
# "§19", "§ 19", "§19.4", "§19(4)" all name §19; "§1" never matches inside "§13".
PARAGRAPH = re.compile(r"§\s?(\d+)(?!\d)")
# "Appendix 4", "Appendix item 4", "Appendix items 3 and 4", "Appendix items 3–5".
APPENDIX = re.compile(r"Appendix(?: items?)?\s+(\d+(?:\s*(?:,|and|–|-)\s*\d+)*)")
# Section signs of other documents (RFC 5652 §5.4) are not the rules' paragraphs.
FOREIGN = re.compile(r"(?:RFC|ISO|PEP)\s*[\d-]+\s*$")
TEST_NAME = re.compile(r"^test_s(\d+)_|^test_appendix(\d+)_")


@dataclass
class Paragraph:
    key: str
    title: str
    enforceable: bool
    why_not: str = ""
    code: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)


def read_paragraphs(rules_md: Path) -> dict[str, Paragraph]:
    paragraphs: dict[str, Paragraph] = {}
    for line in rules_md.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"§\d+|Appendix \d+", cells[0]):
            why = cells[3] if len(cells) > 3 else ""
            paragraphs[cells[0]] = Paragraph(cells[0], cells[1], cells[2].lower() == "yes", why)
    return paragraphs


def _numbers(spec: str) -> list[int]:
    """'3 and 4' → [3, 4]; '3–5' → [3, 4, 5]."""
    found: list[int] = []
    for part in re.split(r"\s*(?:,|and)\s*", spec):
        bounds = [int(n) for n in re.split(r"\s*[–-]\s*", part) if n]
        found.extend(range(bounds[0], bounds[-1] + 1))
    return found


def keys_in(text: str) -> list[str]:
    """The paragraph keys a piece of text names, in order, without repeats."""
    keys = [f"§{m.group(1)}" for m in PARAGRAPH.finditer(text) if not FOREIGN.search(text[: m.start()])]
    keys += [f"Appendix {n}" for m in APPENDIX.finditer(text) for n in _numbers(m.group(1))]
    return list(dict.fromkeys(keys))


def normalise(marker: str) -> list[str]:
    return keys_in(marker) or [marker.strip()]


def code_files(root: Path):
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        visible = path.suffix in CODE_SUFFIXES and not SKIP_DIRS & set(rel.parts[:-1])
        if visible and path.is_file() and rel.as_posix() != "scripts/rules_coverage.py":
            yield path, rel


def find_code(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, rel in code_files(root):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for key in keys_in(line):
                found.setdefault(key, []).append(f"{rel.as_posix()}:{number}")
    return found


def _rule_marks(node: ast.AST) -> list[str]:
    """Paragraphs named by ``pytest.mark.rule("...")`` calls anywhere inside ``node``."""
    keys = []
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "rule"
            and isinstance(call.func.value, ast.Attribute)
            and call.func.value.attr == "mark"
        ):
            for arg in call.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.extend(normalise(arg.value))
    return keys


def _pytestmark(body: list[ast.stmt]) -> list[str]:
    keys = []
    for stmt in body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in targets):
            keys.extend(_rule_marks(stmt.value))
    return keys


def _test_keys(func: ast.FunctionDef, inherited: list[str]) -> list[str]:
    keys = list(inherited)
    for decorator in func.decorator_list:
        keys.extend(_rule_marks(decorator))
    named = TEST_NAME.match(func.name)
    if named:
        keys.append(f"§{int(named.group(1))}" if named.group(1) else f"Appendix {int(named.group(2))}")
    return list(dict.fromkeys(keys))


def _tests_in(body: list[ast.stmt], prefix: str, inherited: list[str]):
    inherited = inherited + _pytestmark(body)
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            yield f"{prefix}::{node.name}", _test_keys(node, inherited)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            marks = [k for d in node.decorator_list for k in _rule_marks(d)]
            yield from _tests_in(node.body, f"{prefix}::{node.name}", inherited + marks)


def find_tests(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((root / "tests").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for test_id, keys in _tests_in(tree.body, path.relative_to(root).as_posix(), []):
            for key in keys:
                found.setdefault(key, []).append(test_id)
    return found


def collect(root: Path, rules_md: Path) -> dict[str, Paragraph]:
    paragraphs = read_paragraphs(rules_md)
    code, tests = find_code(root), find_tests(root)
    for key, paragraph in paragraphs.items():
        paragraph.code, paragraph.tests = code.get(key, []), tests.get(key, [])
    return paragraphs


def untested(paragraphs: dict[str, Paragraph]) -> list[str]:
    return [p.key for p in paragraphs.values() if p.enforceable and not p.tests]


def render(paragraphs: dict[str, Paragraph]) -> str:
    lines = [
        "# Rule coverage",
        "",
        "Generated by `scripts/rules_coverage.py` (`make rules`) from `docs/rules.md`; do not edit by hand.",
        "",
        "| Paragraph | Title | Enforceable | Code | Tests |",
        "|---|---|---|---|---|",
    ]
    for p in paragraphs.values():
        enforceable = "yes" if p.enforceable else f"no ({p.why_not})" if p.why_not else "no"
        lines.append(f"| {p.key} | {p.title} | {enforceable} | {len(p.code)} | {len(p.tests)} |")
    missing = untested(paragraphs)
    lines += ["", "## Enforceable paragraphs with no test", ""]
    lines += [f"- {key}: {paragraphs[key].title}" for key in missing] or ["None."]
    lines += ["", "## Where each paragraph is named", ""]
    for p in paragraphs.values():
        if p.code or p.tests:
            lines += [f"### {p.key} {p.title}", ""]
            lines += [f"- code: `{ref}`" for ref in p.code]
            lines += [f"- test: `{test}`" for test in p.tests]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--rules", type=Path, help="the paragraph list (default ROOT/docs/rules.md)")
    parser.add_argument(
        "--out",
        "--output",
        dest="out",
        type=Path,
        help="the report (default ROOT/docs/rules-coverage.md)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if an enforceable paragraph has no test",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    paragraphs = collect(root, args.rules or root / "docs" / "rules.md")
    out = args.out or root / "docs" / "rules-coverage.md"
    out.write_text(render(paragraphs), encoding="utf-8")
    enforceable = [p for p in paragraphs.values() if p.enforceable]
    missing = untested(paragraphs)
    print(
        f"{len(paragraphs)} paragraphs, {len(enforceable)} enforceable, "
        f"{len(enforceable) - len(missing)} with tests; written to {out}"
    )
    print("No test: " + (", ".join(missing) if missing else "none"))
    return 1 if args.strict and missing else 0


if __name__ == "__main__":
    sys.exit(main())
