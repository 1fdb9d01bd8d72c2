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


# --- percentages (branch reach) -----------------------------------------------------------


def _percent_labels(values: Sequence[float | None]) -> list[int]:
    """Y labels from 0 to the next ten above the largest share (or goal), in about five
    steps; never past 100."""
    top = max([10.0, *(v for v in values if v is not None)])
    top_label = min(100, math.ceil(top / 10.0) * 10)
    step = 10 if top_label <= 50 else 20
    labels = list(range(0, top_label + 1, step))
    if labels[-1] < top_label:
        labels.append(top_label)
    return labels


def _percent(value: float) -> str:
    return f"{value:.1f} %"


def percent_line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    alt: str,
    goal: float | None = None,
    goal_label: str = "",
) -> Chart:
    """Shares over time (0–100 %), with the goal, if any, as a flat line of its own."""
    chart = pygal.Line(
        title=title,
        show_legend=len(series) > 1 or goal is not None,
        dots_size=3,
        value_formatter=_percent,
        x_label_rotation=30 if len(labels) > 12 else 0,
        show_minor_x_labels=len(labels) <= 12,
        **_CONFIG,
    )
    chart.x_labels = list(labels)
    if len(labels) > 12:
        chart.x_labels_major = list(labels)[:: max(1, len(labels) // 12)]
    values: list[float | None] = []
    for name, points in series.items():
        chart.add(name, list(points))
        values.extend(points)
    if goal is not None:
        chart.add(
            goal_label,
            [goal] * len(labels),
            show_dots=False,
            stroke_style={"width": 2, "dasharray": "6, 4"},
        )
        values.append(goal)
    chart.y_labels = _percent_labels(values)
    return Chart.from_pygal(chart, alt=alt, title=title)


def percent_bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    alt: str,
) -> Chart:
    """Shares of several things side by side as horizontal bars (0–100 %), e.g. each
    network's reach and its goal."""
    height = max(240, 90 + 34 * len(labels) * max(1, len(series)))
    config = {**_CONFIG, "height": height}
    # pygal draws the first label at the bottom: reverse, so the chart reads top-down in the
    # order of the table beside it.
    labels = list(labels)[::-1]
    series = {name: list(points)[::-1] for name, points in series.items()}
    chart = pygal.HorizontalBar(
        title=title, show_legend=len(series) > 1, value_formatter=_percent, **config
    )
    chart.x_labels = list(labels)
    values: list[float | None] = []
    for name, points in series.items():
        chart.add(name, list(points))
        values.extend(points)
    chart.y_labels = _percent_labels(values)
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
