"""Salary ladder: for one region, a min–max bar per career level.

Levels run top to bottom in order, so the bars step to the right as a career
advances; the dashed line marks where the top 10 % of earners begin.  Axis
labels come from ``money.compact`` so they read ₹12.5L or $95K.
"""

from __future__ import annotations

from matplotlib.ticker import FuncFormatter, MaxNLocator

from booklet.charts.style import COLOR, Chart, Look, figure, row_labels, style_axes, to_svg
from booklet.content.model import REGION_NAMES, RegionSalary
from booklet.money import compact, full


def salary_chart(pay: RegionSalary, width_mm: float = 150, height_mm: float = 50, look: Look = COLOR) -> Chart:
    bands = pay.levels.bands()
    fig = figure(width_mm, height_mm)
    # Margins in millimetres, so tick labels and the axis title keep their room at any size.
    left, bottom, right, top = 20 / width_mm, 10.5 / height_mm, 1 - 4 / width_mm, 1 - 1.5 / height_mm
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    # Light to dark as the career advances: order reads without colour too.
    shades = look.palette[-2::-1]
    for row, (_title, band) in enumerate(bands):
        ax.barh(row, band.max - band.min, left=band.min, height=0.6, color=shades[row], clip_on=False,
                edgecolor=look.palette[0], linewidth=0.5)
        ax.annotate(f"{compact(band.min, pay.currency)}–{compact(band.max, pay.currency)}",
                    xy=(band.max, row), xytext=(4, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=7.5, color=look.ink,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    ax.axvline(pay.top_10_percent, color=look.accent, linewidth=1.0, linestyle=(0, (4, 2)))
    ax.annotate(f"top 10 % earn over {full(pay.top_10_percent, pay.currency)}",
                xy=(pay.top_10_percent, -0.85), xytext=(4, 0), textcoords="offset points",
                ha="left", va="center", fontsize=7.5, color=look.accent)
    row_labels(ax, [title for title, _ in bands], look)
    style_axes(ax, look)
    ax.invert_yaxis()
    ax.set_ylim(len(bands) - 0.5, -1.3)
    highest = max(pay.top_10_percent, *(band.max for _, band in bands))
    ax.set_xlim(0, highest * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: compact(value, pay.currency)))
    ax.set_xlabel(f"annual pay, {REGION_NAMES[pay.region]} ({pay.currency})", fontsize=7.5, color=look.muted)
    alt = (
        f"Salary ladder for {REGION_NAMES[pay.region]}"
        + (" (estimate)" if pay.estimate else "")
        + ": "
        + "; ".join(f"{title} {full(b.min, pay.currency)} to {full(b.max, pay.currency)}" for title, b in bands)
        + f". The top 10 % earn over {full(pay.top_10_percent, pay.currency)} a year."
    )
    return Chart(to_svg(fig), alt)
