"""A server-side SVG line chart of an object's monthly load (§29.1).

Plain SVG elements with presentation attributes only (no ``style=""``, no
script), so the same markup passes the strict CSP on a page and renders in
WeasyPrint's PDFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 36
# The first and last month labels are centred on their points: keep them clear of the y-axis's
# "0" and of the right edge (the PDFs' overprint test reads every word's box).
INSET = 26


@dataclass(frozen=True)
class Point:
    label: str
    value: float


def _y(value: float, top_value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return round(HEIGHT - BOTTOM - (value / top_value) * inner if top_value else HEIGHT - BOTTOM, 1)


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT - 2 * INSET
    return round(LEFT + INSET + (inner * index / (count - 1) if count > 1 else inner / 2), 1)


def _figure(value: float) -> str:
    """A figure as the pages write it: «1 500 000», «12,5» (never "1.5e+06", which ``:g`` gives for millions)."""
    number = int(value) if float(value).is_integer() else Decimal(f"{value:.2f}").normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


def _axes(top_value: float) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#555"/>',
    ]
    for step in range(5):
        value = top_value * step / 4
        y = _y(value, top_value)
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{LEFT - 4}" y="{y + 4}" font-size="10" text-anchor="end" fill="#333">{_figure(value)}</text>'
        )
    return parts


def line_chart(points: Sequence[Point], *, title: str, top_value: float | None = None) -> SafeString:
    """An accessible SVG chart (``role="img"`` with a title) of ``points`` in order."""
    top = top_value or max((p.value for p in points), default=0) or 1
    label = escape(title, {'"': "&quot;"})
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{label}" class="load-chart">'
    )
    parts = [opening, f"<title>{escape(title)}</title>", *_axes(top)]
    coords = [(_x(i, len(points)), _y(p.value, top)) for i, p in enumerate(points)]
    if len(coords) > 1:
        path = " ".join(f"{x},{y}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="2"/>')
    for (x, y), point in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3" fill="#0d6efd"><title>{escape(point.label)}: {_figure(point.value)}</title></circle>'
        )
        parts.append(
            f'<text x="{x}" y="{HEIGHT - BOTTOM + 14}" font-size="9" text-anchor="middle" fill="#333">{escape(point.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def load_chart(indicators, *, title: str) -> SafeString:
    """Occupancy % by month for an object's load indicators."""
    points = [Point(label=i.month.strftime("%m.%Y"), value=float(i.occupancy)) for i in indicators]
    return line_chart(points, title=title, top_value=100)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str


def bar_chart(labels: Sequence[str], series: Sequence[Series], *, title: str) -> SafeString:
    """Grouped bars, one group per label and one bar per series, with a legend; same markup rules as above."""
    top = max((v for s in series for v in s.values), default=0) or 1
    label = escape(title, {'"': "&quot;"})
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 20}" width="{WIDTH}" '
        f'height="{HEIGHT + 20}" role="img" aria-label="{label}" class="load-chart">'
    )
    parts = [opening, f"<title>{escape(title)}</title>", *_axes(top)]
    group = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    for i, text in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for j, s in enumerate(series):
            value = float(s.values[i])
            y = _y(value, top)
            parts.append(
                f'<rect x="{round(x0 + bar * j, 1)}" y="{y}" width="{round(bar, 1)}" '
                f'height="{round(HEIGHT - BOTTOM - y, 1)}" fill="{s.colour}">'
                f"<title>{escape(text)} · {escape(s.name)}: {_figure(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{round(x0 + group * 0.4, 1)}" y="{HEIGHT - BOTTOM + 14}" font-size="9" '
            f'text-anchor="middle" fill="#333">{escape(text)}</text>'
        )
    for j, s in enumerate(series):
        x = LEFT + j * 160
        parts.append(f'<rect x="{x}" y="{HEIGHT + 4}" width="10" height="10" fill="{s.colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{HEIGHT + 13}" font-size="10" fill="#333">{escape(s.name)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
