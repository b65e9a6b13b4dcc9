"""Salary ladder: for one region, a min–max bar per career level.

Levels run top to bottom in order, so the bars step to the right as a career
advances.  An open-ended top band ("and above") runs to the edge with its
label on it; every other band is labelled to its right.  The dashed line
marks where the top 10 % of earners begin, labelled on whichever side has
room.  The x range grows until every label fits, so nothing is cut off at
any paper size.  Every amount is written by ``Text.money``, the one notation
of the region (₹12.5L, $95.5K).
"""

from __future__ import annotations

from matplotlib.ticker import FuncFormatter, MaxNLocator

from booklet.charts.style import COLOR, Chart, Look, figure, finish, make_room, row_labels, style_axes, text_width_mm
from booklet.content.model import RegionSalary
from booklet.i18n import Text

LABEL_PT = 7.5
LEFT_MM = 22  # room for the level names
OPEN_BAND = 0.05  # length of an open-ended band's bar, as a share of the axis


def salary_chart(pay: RegionSalary, width_mm: float = 150, height_mm: float = 50, look: Look = COLOR,
                 text: Text | None = None) -> Chart:
    text = text or Text.default()
    bands = pay.levels.bands()
    fig = figure(width_mm, height_mm)
    # Margins in millimetres, so tick labels and the axis title keep their room at any size.
    # The right margin leaves room for half a tick label at the end of the axis.
    left, bottom, right, top = LEFT_MM / width_mm, 10.5 / height_mm, 1 - 7 / width_mm, 1 - 1.5 / height_mm
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    highest = max(pay.top_10_percent or 0, *(band.max or band.min for _, band in bands))
    limit = highest * 1.15
    ax.set_xlim(0, limit)
    # Light to dark as the career advances: order reads without colour too.
    shades = look.palette[-2::-1]
    labels = []
    for row, (_title, band) in enumerate(bands):
        # An open band ("and above") is a short bar with an arrow: it has a start but no end.
        end = band.max if band.max is not None else band.min + OPEN_BAND * limit
        ax.barh(row, end - band.min, left=band.min, height=0.6, color=shades[row], clip_on=False,
                edgecolor=look.palette[0], linewidth=0.5)
        if band.max is None:
            ax.plot([end], [row], marker=">", markersize=5, color=look.palette[0], clip_on=False)
        labels.append(ax.annotate(text.money_range(band.min, band.max, pay.currency), xy=(end, row),
                                  xytext=(7 if band.max is None else 4, 0), textcoords="offset points",
                                  va="center", ha="left", fontsize=LABEL_PT, color=look.ink,
                                  bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}))
    make_room(fig, ax, labels)
    if pay.top_10_percent is not None:
        ax.axvline(pay.top_10_percent, color=look.accent, linewidth=1.0, linestyle=(0, (4, 2)))
        caption = text._("top 10%% earn over %(amount)s", amount=text.money(pay.top_10_percent, pay.currency))
        room_mm = (ax.get_xlim()[1] - pay.top_10_percent) / ax.get_xlim()[1] * (right - left) * width_mm
        fits_right = text_width_mm(caption, LABEL_PT) + 2 < room_mm
        ax.annotate(caption, xy=(pay.top_10_percent, -0.85), xytext=(4 if fits_right else -4, 0),
                    textcoords="offset points", ha="left" if fits_right else "right", va="center",
                    fontsize=LABEL_PT, color=look.accent)
    row_labels(ax, [text._(title) for title, _ in bands], look)
    style_axes(ax, look)
    ax.invert_yaxis()
    ax.set_ylim(len(bands) - 0.5, -1.3)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5 if width_mm > 130 else 4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: text.money(value, pay.currency)))
    ax.set_xlabel(text._("annual pay, %(region)s (%(currency)s)", region=pay.covers or text.region(pay.region),
                         currency=pay.currency), fontsize=LABEL_PT, color=look.muted)
    ranges = "; ".join(f"{text._(title)} {text.money_range(b.min, b.max, pay.currency)}" for title, b in bands)
    alt = text._("Salary ladder for %(region)s%(estimate)s: %(ranges)s.", region=pay.covers or text.region(pay.region),
                 estimate=text._(" (estimate)") if pay.estimate else "", ranges=ranges)
    if pay.top_10_percent is not None:
        alt += " " + text._("The top 10%% earn over %(top)s a year.", top=text.money(pay.top_10_percent, pay.currency))
    return finish(fig, alt)
