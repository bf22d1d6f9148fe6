"""Two columns never share one heading (issue 14), on every main page of every role, in kk and ru.

Each table's column headings (its header row's ``<th>``) must differ from each
other, and a column that holds data has a heading (an empty corner over row
headings is fine; a column of buttons is named for assistive technology, at
least as visually hidden text).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from tests.e2e.test_phone_layout import _addresses, world  # noqa: F401  (world: the pages' objects)


def _stem(heading: str) -> str:
    """A heading without a Kazakh possessive ending: «Мерзімі» and «Мерзім» name one thing."""
    return re.sub(r"(?<=\w{4})(ы|і|сы|сі)$", "", heading.casefold())


def heading_problems(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    problems = []
    for table in tree.xpath("//table"):
        rows = table.xpath("./thead/tr") or table.xpath("./tr[th and not(td)] | ./tbody/tr[1][th and not(td)]")
        if not rows:
            continue
        heads = rows[-1].xpath("./th | ./td")
        texts = [" ".join(th.text_content().split()) for th in heads]
        named = [_stem(t) for t in texts if t]
        twice = sorted({t for t in named if named.count(t) > 1})
        if twice:
            problems.append(f"shared heading {twice} in {texts}")
        body = table.xpath("./tbody/tr | ./tr[td]")
        for index, (_th, text) in enumerate(zip(heads, texts, strict=True)):
            if text or index == 0 and table.xpath("./tbody/tr/th[1] | ./tr/th[1]"):
                continue
            cells = [r.xpath("./td | ./th")[index] for r in body if len(r.xpath("./td | ./th")) > index]
            if any(c.text_content().strip() or c.xpath(".//button | .//a | .//form") for c in cells):
                problems.append(f"column {index + 1} holds data under no heading in {texts}")
    return problems


def test_the_scanner_sees_a_shared_and_a_missing_heading():
    shared = "<table><thead><tr><th>Жыл</th><th>Сома</th><th>Сома</th></tr></thead><tr><td>1</td><td>2</td><td>3</td></tr></table>"
    assert heading_problems(shared) == ["shared heading ['сома'] in ['Жыл', 'Сома', 'Сома']"]
    assert heading_problems(shared.replace("<th>Сома</th><th>Сома</th>", "<th>Мерзімі</th><th>Мерзім</th>"))
    missing = "<table><thead><tr><th>Жыл</th><th></th></tr></thead><tr><td>1</td><td><button>Растау</button></td></tr></table>"
    assert heading_problems(missing)[0].startswith("column 2 holds data under no heading")
    named = missing.replace("<th></th>", '<th><span class="visually-hidden">Әрекет</span></th>')
    corner = "<table><thead><tr><th></th><th>1-жыл</th></tr></thead><tr><th>Салық</th><td>5</td></tr></table>"
    assert heading_problems(named) == heading_problems(corner) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_two_columns_share_a_heading_on_the_main_pages(world, language):  # noqa: F811
    addresses = _addresses(world, language)
    problems: list[str] = []
    opened = tables = 0
    for persona, urls in addresses.items():
        client = Client()
        client.force_login(getattr(world, persona))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            opened += 1
            page = response.content.decode()
            tables += page.count("<table")
            problems += [f"{persona} {url}: {p}" for p in heading_problems(page)]
    assert opened > 40 and tables > 40, (opened, tables)
    assert not problems, "\n".join(sorted(set(problems)))
