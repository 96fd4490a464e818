"""Server-side bar charts: geometry for an SVG drawn by ``includes/bar_chart.html``.

Pure (no Django). Charts are drawn on the server so that they print, work offline and
under a strict Content Security Policy, and every chart has its data table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int  # top of the bar's row
    width: float  # length of the bar
    goal_x: float | None  # where the goal line stands, if any


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    row: int
    bar_height: int
    plot_width: int


def bar_chart(title: str, items: list[tuple[str, float]], *, goals: list[float | None] | None
              = None, width: int = 560, label_width: int = 180, row: int = 28) -> BarChart:
    """Horizontal bars for ``(label, value)`` items, scaled to the largest value or goal."""
    goals = goals or [None] * len(items)
    plot = width - label_width - 60  # room for the value printed after each bar
    top = max([v for _, v in items] + [g for g in goals if g is not None] + [1])
    bars = [
        Bar(label, value, i * row, plot * value / top,
            None if goal is None else label_width + plot * goal / top)
        for i, ((label, value), goal) in enumerate(zip(items, goals, strict=True))
    ]
    return BarChart(title, bars, width, max(len(items), 1) * row, label_width, row,
                    row - 10, plot)
