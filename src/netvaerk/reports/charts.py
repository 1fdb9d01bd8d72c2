"""Charts for board documents, drawn with pygal: one SVG for the PDF and the page, the same
SVG rasterised to PNG by CairoSVG for DOCX (which cannot hold SVG)."""

import math
from collections.abc import Mapping, Sequence

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


# --- programmes: a share over time against a goal (status reports) ------------------------


def percent_line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    alt: str,
) -> Chart:
    """Shares in per cent over time, e.g. a network's branch reach and its goal; the y axis
    runs from 0 to a round ten above the highest value (100 at most)."""
    chart = pygal.Line(title=title, show_legend=len(series) > 1, dots_size=4, **_CONFIG)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    top = max([10.0, *(v for values in series.values() for v in values if v is not None)])
    ceiling = min(100, math.ceil(top / 10.0) * 10)
    step = 10 if ceiling <= 50 else 20
    chart.y_labels = list(range(0, ceiling + 1, step))
    chart.value_formatter = lambda value: f"{value:g} %"
    return Chart.from_pygal(chart, alt=alt, title=title)
