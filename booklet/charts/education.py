"""Education timeline: one lane per route, each stage a bar of its typical length.

Stages follow one another in the order a student meets them: each starts where
the previous one's *typical* length ends, so nothing overlaps.  A whisker
shows the range a stage can take (a nurse's degree of 3 to 4 years), and the
x axis counts years after Class 10 / Grade 10, the same start for every
region, so routes of different lengths compare at a glance.  Stage names sit
in a column on the left, wrapped to its width rather than cut off.
"""

from __future__ import annotations

from booklet.charts.style import COLOR, Chart, Look, figure, outside, text_lines, to_svg
from booklet.content.model import Career, Route, StageYears
from booklet.i18n import Text

LABEL_PT = 7.5
ROW_MM = 4.6  # one line of label
LINE_MM = 3.1  # each further line of a wrapped label
LANE_GAP_MM = 3.0
HEADER_MM = 5.0
AXIS_MM = 10.0
BAR_MM = 3.0


def lane_title(route: Route, text: Text) -> str:
    return text.join_list([text.region(region) for region in route.regions])


def span_label(years: StageYears, text: Text) -> str:
    """'4 yrs' for a fixed length, '4 yrs (3–5)' when it varies."""
    typical = text.years(years.typical)
    high = years.max if years.max is not None else years.typical
    if years.min == high:
        return typical
    return f"{typical} ({text.number(years.min)}–{text.number(high)})"


def education_chart(career: Career, width_mm: float = 150, look: Look = COLOR, text: Text | None = None) -> Chart:
    text = text or Text.default()
    routes = career.education.routes
    label_width_mm = min(0.34 * width_mm, 58)
    wrapped = [[text_lines(stage.stage, LABEL_PT, label_width_mm) for stage in route.stages] for route in routes]

    rows_mm = sum(HEADER_MM + sum(ROW_MM + LINE_MM * (len(lines) - 1) for lines in lane) for lane in wrapped)
    height_mm = rows_mm + LANE_GAP_MM * (len(routes) - 1) + AXIS_MM
    fig = figure(width_mm, height_mm)
    left = (label_width_mm + 3) / width_mm
    plot_right_mm = 3
    ax = fig.add_axes((left, AXIS_MM / height_mm, 1 - left - plot_right_mm / width_mm, rows_mm / height_mm))
    ax.set_ylim(rows_mm + LANE_GAP_MM * (len(routes) - 1), 0)  # y in millimetres, top down

    longest = max(_route_end(route) for route in routes)
    span_labels = []
    y = 0.0
    for route, lines_per_stage in zip(routes, wrapped, strict=True):
        ax.annotate(lane_title(route, text), xy=(0, y + HEADER_MM / 2), xycoords=("figure fraction", "data"),
                    ha="left", va="center", fontsize=8, fontweight="bold", color=look.ink)
        y += HEADER_MM
        start = 0.0
        for index, (stage, lines) in enumerate(zip(route.stages, lines_per_stage, strict=True)):
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
        y += LANE_GAP_MM
    ax.set_xlim(0, longest)
    _make_room_for(fig, ax, span_labels, longest)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(look.grid)
    ax.patch.set_visible(False)
    ax.xaxis.grid(True, color=look.grid, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", bottom=False, labelcolor=look.muted, labelsize=7)
    ax.set_xlabel(text._("years after Class 10 / Grade 10 (about age 16)"), fontsize=7, labelpad=2, color=look.muted)
    svg = to_svg(fig)
    return Chart(svg, _alt(career, text), outside(svg))


def _route_end(route: Route) -> float:
    """Where the route's last bar or whisker ends, in years."""
    start, end = 0.0, 0.0
    for stage in route.stages:
        high = stage.years.max if stage.years.max is not None else stage.years.typical
        end = max(end, start + max(high, stage.years.typical))
        if not stage.optional:
            start += stage.years.typical
    return end


def _make_room_for(fig, ax, labels, longest: float) -> None:
    """Widen the x range until the span labels right of the bars end inside the axes."""
    limit = longest
    for _ in range(4):
        ax.set_xlim(0, limit)
        fig.draw_without_rendering()
        right = ax.get_window_extent().x1
        over = max(label.get_window_extent().x1 - right for label in labels)
        if over <= 0:
            return
        per_year = ax.get_window_extent().width / limit
        limit += over / per_year + 0.2


def _alt(career: Career, text: Text) -> str:
    parts = []
    for route in career.education.routes:
        stages = "; ".join(f"{stage.stage}, {span_label(stage.years, text)}"
                           + (f" ({text._('optional')})" if stage.optional else "") for stage in route.stages)
        typical = sum(stage.years.typical for stage in route.stages if not stage.optional)
        parts.append(text._("%(route)s: %(stages)s. Typically %(total)s in all.", route=lane_title(route, text),
                            stages=stages, total=text.years(typical)))
    return text._("Education timeline, years after Class 10 / Grade 10.") + " " + " ".join(parts)
