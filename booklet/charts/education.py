"""Education timeline: one small chart per route, each stage a bar of its typical length.

Stages follow one another in the order a student meets them: each starts where
the previous one's *typical* length ends, so nothing overlaps.  A whisker
shows the range a stage can take (a nurse's degree of 3 to 4 years), and the
x axis counts years after Class 10 / Grade 10, the same start and the same
scale in every route's chart, so routes of different lengths compare at a
glance.  Each route is its own figure, so a page can break between them.
Stage names sit in a column on the left, wrapped to its width rather than
cut off; the labels right of the bars get a margin of their own, so the
axis ends at the data.
"""

from __future__ import annotations

import math

from booklet.charts.style import COLOR, Chart, Look, figure, finish, make_room, text_lines
from booklet.content.model import Career, Route, StageYears
from booklet.i18n import Text

LABEL_PT = 7.5
ROW_MM = 5.0  # a stage whose name fits on one line
LINE_MM = 3.3  # each further line of a wrapped name (7.5 pt at 1.15 leading, and a little air)
HEADER_MM = 5.5
AXIS_MM = 6.0  # tick labels
TITLE_MM = 4.5  # the axis title, under the last route only
BAR_MM = 3.0


def lane_title(route: Route, text: Text) -> str:
    return text.regions(route.regions)


def span_label(years: StageYears, text: Text) -> str:
    """'4 yrs' for a fixed length, '4 yrs (3–5)' when it varies."""
    return text.years_span(years.min, years.max, typical=years.typical)


def education_charts(career: Career, width_mm: float = 150, look: Look = COLOR,
                     text: Text | None = None) -> list[Chart]:
    """One chart per route, on one scale."""
    text = text or Text.default()
    routes = career.education.routes
    label_width_mm = min(0.34 * width_mm, 58)
    longest = math.ceil(max(_route_end(route) for route in routes))
    return [_route_chart(route, text, look, width_mm, label_width_mm, longest, last=index == len(routes) - 1)
            for index, route in enumerate(routes)]


def _route_chart(route: Route, text: Text, look: Look, width_mm: float, label_width_mm: float, longest: float,
                 last: bool) -> Chart:
    wrapped = [text_lines(stage.stage, LABEL_PT, label_width_mm) for stage in route.stages]
    rows_mm = sum(ROW_MM + LINE_MM * (len(lines) - 1) for lines in wrapped)
    bottom_mm = AXIS_MM + (TITLE_MM if last else 0)
    height_mm = HEADER_MM + rows_mm + bottom_mm
    fig = figure(width_mm, height_mm)
    left = (label_width_mm + 3) / width_mm
    ax = fig.add_axes((left, bottom_mm / height_mm, 1 - left - 3 / width_mm, rows_mm / height_mm))
    ax.set_ylim(rows_mm, 0)  # y in millimetres, top down
    fig.text(0, 1 - HEADER_MM / 2 / height_mm, lane_title(route, text), ha="left", va="center", fontsize=8.5,
             fontweight="bold", color=look.ink)

    span_labels = []
    y, start = 0.0, 0.0
    for index, (stage, lines) in enumerate(zip(route.stages, wrapped, strict=True)):
        row_mm = ROW_MM + LINE_MM * (len(lines) - 1)
        middle = y + row_mm / 2
        years = stage.years
        color = look.palette[1 + index % (len(look.palette) - 2)]
        ax.barh(middle, years.typical, left=start, height=BAR_MM, color=color, edgecolor=look.palette[0],
                linewidth=0.4, hatch="////" if stage.optional else None, alpha=0.55 if stage.optional else 1)
        high = years.max if years.max is not None else years.typical
        if years.min != high:
            ax.plot([start + years.min, start + high], [middle, middle], color=look.ink, linewidth=0.7,
                    solid_capstyle="butt")
            for end in (start + years.min, start + high):
                ax.plot([end, end], [middle - 0.9, middle + 0.9], color=look.ink, linewidth=0.7)
        label = span_label(years, text) + (f" · {text._('optional')}" if stage.optional else "")
        span_labels.append(ax.annotate(label, xy=(start + max(high, years.typical), middle), xytext=(3, 0),
                                       textcoords="offset points", va="center", fontsize=7, color=look.muted))
        ax.annotate("\n".join(lines), xy=(0, middle), xycoords=("axes fraction", "data"), xytext=(-6, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=LABEL_PT,
                    color=look.ink, linespacing=1.15)
        if not stage.optional:
            start += years.typical
        y += row_mm
    ax.set_xlim(0, longest)  # the axis ends at the data; the labels get a margin of their own
    make_room(fig, ax, span_labels, margin=True)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(look.grid)
    ax.patch.set_visible(False)
    ax.xaxis.grid(True, color=look.grid, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", bottom=False, labelcolor=look.muted, labelsize=7, pad=2)
    if last:
        ax.set_xlabel(text._("years after Class 10 / Grade 10 (about age 16)"), fontsize=7, labelpad=2,
                      color=look.muted)
    return finish(fig, _alt(route, text))


def _route_end(route: Route) -> float:
    """Where the route's last bar or whisker ends, in years."""
    start, end = 0.0, 0.0
    for stage in route.stages:
        high = stage.years.max if stage.years.max is not None else stage.years.typical
        end = max(end, start + max(high, stage.years.typical))
        if not stage.optional:
            start += stage.years.typical
    return end


def _alt(route: Route, text: Text) -> str:
    stages = "; ".join(f"{stage.stage}, {span_label(stage.years, text)}"
                       + (f" ({text._('optional')})" if stage.optional else "") for stage in route.stages)
    typical = sum(stage.years.typical for stage in route.stages if not stage.optional)
    return text._("Education route, %(route)s, in years after Class 10 / Grade 10: %(stages)s. Typically %(total)s "
                  "in all.", route=lane_title(route, text), stages=stages, total=text.years(typical))
