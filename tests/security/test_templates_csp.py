"""Strict CSP holds only if no template needs inline script or style.

Every template under ``templates/`` and ``<app>/templates/`` is scanned; PDF
templates (a ``pdf/`` folder) are rendered by WeasyPrint, never by a browser,
and may style inline. JSON data blocks (``type="application/json"``) are not
executed and CSP does not apply to them.
"""

import re
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2]

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
DATA_BLOCK = re.compile(r"""type\s*=\s*["']application/(?:ld\+)?json["']""", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z][\w:-]*\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
HANDLER = re.compile(r"""\s(?P<name>on[a-z]+|hx-on(?::[\w:-]*)?|style)\s*=""", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def browser_templates() -> list[Path]:
    found = set(BASE.glob("templates/**/*.html")) | set(BASE.glob("*/templates/**/*.html"))
    return sorted(p for p in found if "pdf" not in p.relative_to(BASE).parts[:-1])


def violations(text: str) -> list[str]:
    found = []
    for script in SCRIPT.finditer(text):
        if script.group("body").strip() and not DATA_BLOCK.search(script.group("attrs")):
            found.append(f"inline <script> at offset {script.start()}")
    for tag in TAG.finditer(text):
        for attribute in HANDLER.finditer(tag.group(0)):
            found.append(f"{attribute.group('name')}= in {tag.group(0)[:80]!r}")
    if STYLE_ELEMENT.search(text):
        found.append("<style> element")
    return found


def test_every_browser_template_is_free_of_inline_script_handlers_and_styles():
    templates = browser_templates()
    assert len(templates) > 10  # the scan really found the portal's templates
    problems = {
        str(path.relative_to(BASE)): found
        for path in templates
        if (found := violations(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">\n  go();\n</script>',
        '<button onclick="go()">',
        "<a href=\"#\" onMouseOver='x()'>",
        '<div style="color:red">',
        '<div class="x" hx-on:click="alert(1)">',
        "<style>.a{}</style>",
    ],
)
def test_scanner_catches_inline_code(snippet):
    assert violations(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script src=\"{% static 'js/portal.js' %}\" defer></script>",
        '<script id="data" type="application/json">{"a": 1}</script>',
        '<a href="/styleguide" data-online="1" class="conditional">',
        "<p>Press style= to onboard</p>",
    ],
)
def test_scanner_lets_static_scripts_and_data_through(snippet):
    assert violations(snippet) == []


def test_pdf_templates_are_left_out():
    assert not any("pdf" in p.relative_to(BASE).parts for p in browser_templates())
    assert (BASE / "templates" / "pdf" / "base.html").exists()
