"""Charts for board documents, drawn with pygal: one SVG for the PDF and the page, the same
SVG rasterised to PNG by CairoSVG for DOCX (which cannot hold SVG)."""

import math
from collections.abc import Sequence

import pygal
from pygal.style import Style

from netvaerk.reports.documents import Chart

# The site's colours, each with at least 3:1 contrast against white (WCAG 1.4.11).
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1c2430",
    foreground_strong="#1c2430",
    foreground_subtle="#8a94a3",
    colors=("#0b5cad", "#a3261b", "#1d6b33", "#6b4a00"),
    font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
)

_CONFIG = {
    "style": STYLE,
    "width": 800,
    "height": 360,
    "explicit_size": True,
    # No script in the SVG: no tooltips, nothing fetched, nothing for a CSP to refuse.
    "js": [],
    "disable_xml_declaration": True,
    "legend_at_bottom": True,
    "print_values": False,
    "show_y_guides": True,
    "margin": 16,
}


def _whole_numbers(series: dict[str, Sequence[int]]) -> list[int]:
    """Y labels at whole numbers (counts of people), about five of them."""
    top = max([1, *(v for values in series.values() for v in values)])
    step = max(1, math.ceil(top / 5))
    return list(range(0, top + step, step))


def line_chart(
    *, title: str, labels: Sequence[str], series: dict[str, Sequence[int]], alt: str
) -> Chart:
    chart = pygal.Line(title=title, show_legend=len(series) > 1, dots_size=4, **_CONFIG)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    chart.y_labels = _whole_numbers(series)
    return Chart.from_pygal(chart, alt=alt, title=title)


def bar_chart(
    *, title: str, labels: Sequence[str], series: dict[str, Sequence[int]], alt: str
) -> Chart:
    chart = pygal.Bar(title=title, show_legend=True, x_label_rotation=20, **_CONFIG)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    chart.y_labels = _whole_numbers(series)
    return Chart.from_pygal(chart, alt=alt, title=title)


# --- programmes: an indicator's values against its target ---------------------------------


def target_line_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    value_name: str,
    target: float,
    target_name: str,
    alt: str,
    percent: bool = False,
) -> Chart:
    """An indicator's measured values over time as a line, with its target as a straight
    line; on a percentage scale from 0 to 100 when `percent`."""
    chart = pygal.Line(title=title, show_legend=True, dots_size=4, x_label_rotation=20, **_CONFIG)
    chart.x_labels = list(labels)
    chart.add(value_name, list(values))
    chart.add(
        target_name, [target] * len(values), show_dots=False, stroke_style={"dasharray": "6, 4"}
    )
    if percent:
        chart.range = (0, 100)
        chart.y_labels = list(range(0, 101, 20))
    else:
        top = max([target, *values, 1])
        step = max(1, math.ceil(top / 5))
        chart.y_labels = list(range(0, int(top) + step + 1, step))
    return Chart.from_pygal(chart, alt=alt, title=title)
