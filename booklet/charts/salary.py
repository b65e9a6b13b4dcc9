"""Salary ladder: for one region, a min–max bar per career level.

Levels run top to bottom in order, so the bars step to the right as a career
advances; an open-ended top band ("and above") fades out towards the edge.
The dashed line marks where the top 10 % of earners begin.  Every amount is
written by ``Text.money``, the one notation of the region (₹12.5L, $95.5K).
"""

from __future__ import annotations

from matplotlib.ticker import FuncFormatter, MaxNLocator

from booklet.charts.style import COLOR, Chart, Look, figure, outside, row_labels, style_axes, to_svg
from booklet.content.model import RegionSalary
from booklet.i18n import Text


def salary_chart(pay: RegionSalary, width_mm: float = 150, height_mm: float = 50, look: Look = COLOR,
                 text: Text | None = None) -> Chart:
    text = text or Text.default()
    bands = pay.levels.bands()
    fig = figure(width_mm, height_mm)
    # Margins in millimetres, so tick labels and the axis title keep their room at any size.
    left, bottom, right, top = 20 / width_mm, 10.5 / height_mm, 1 - 4 / width_mm, 1 - 1.5 / height_mm
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    highest = max(pay.top_10_percent or 0, *(band.max or band.min for _, band in bands))
    limit = highest * 1.22
    # Light to dark as the career advances: order reads without colour too.
    shades = look.palette[-2::-1]
    for row, (_title, band) in enumerate(bands):
        end = band.max if band.max is not None else limit
        ax.barh(row, end - band.min, left=band.min, height=0.6, color=shades[row], clip_on=False,
                edgecolor=look.palette[0], linewidth=0.5)
        label = text.money_range(band.min, band.max, pay.currency)
        inside = band.max is None  # an open band runs to the edge: its label goes inside, on the left
        ax.annotate(label, xy=(band.min if inside else end, row), xytext=(4, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=7.5, color=look.ink,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    if pay.top_10_percent is not None:
        ax.axvline(pay.top_10_percent, color=look.accent, linewidth=1.0, linestyle=(0, (4, 2)))
        ax.annotate(text._("top 10%% earn over %(amount)s", amount=text.money(pay.top_10_percent, pay.currency)),
                    xy=(pay.top_10_percent, -0.85), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=7.5, color=look.accent)
    row_labels(ax, [text._(title) for title, _ in bands], look)
    style_axes(ax, look)
    ax.invert_yaxis()
    ax.set_ylim(len(bands) - 0.5, -1.3)
    ax.set_xlim(0, limit)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: text.money(value, pay.currency)))
    ax.set_xlabel(text._("annual pay, %(region)s (%(currency)s)", region=pay.covers or text.region(pay.region),
                         currency=pay.currency), fontsize=7.5, color=look.muted)
    svg = to_svg(fig)
    ranges = "; ".join(f"{text._(title)} {text.money_range(b.min, b.max, pay.currency)}" for title, b in bands)
    alt = text._("Salary ladder for %(region)s%(estimate)s: %(ranges)s.", region=pay.covers or text.region(pay.region),
                 estimate=text._(" (estimate)") if pay.estimate else "", ranges=ranges)
    if pay.top_10_percent is not None:
        alt += " " + text._("The top 10%% earn over %(top)s a year.", top=text.money(pay.top_10_percent, pay.currency))
    return Chart(svg, alt, outside(svg))
