"""Education timeline: each stage as a bar along a years axis.

Stages follow one another, each starting where the previous one's shortest
span ends; the lighter extension shows how much longer it can take, so a
student sees both the quickest and the longest route in one picture.
"""

from __future__ import annotations

from booklet.charts.style import COLOR, Chart, Look, figure, row_labels, style_axes, to_svg
from booklet.content.model import Career


def _span(low: float, high: float | None) -> str:
    return f"{low:g} yrs" if high in (None, low) else f"{low:g}–{high:g} yrs"


def education_chart(career: Career, width_mm: float = 150, height_mm: float = 0, look: Look = COLOR) -> Chart:
    stages = career.education.timeline
    height_mm = height_mm or 14 + 9 * len(stages)
    fig = figure(width_mm, height_mm)
    ax = fig.add_axes((0.24, 0.26, 0.72, 0.70))
    start_min = start_max = 0.0  # where the next bar starts; the longest route so far
    for row, stage in enumerate(stages):
        low = stage.years.min
        high = stage.years.max if stage.years.max is not None else low
        color = look.palette[min(row + 2, len(look.palette) - 1)]
        ax.barh(row, low, left=start_min, height=0.56, color=look.palette[1], edgecolor="white", clip_on=False,
                linewidth=0.8, hatch="////" if stage.optional else None)
        if high > low:
            ax.barh(row, high - low, left=start_min + low, height=0.56, color=color, clip_on=False,
                    alpha=0.55, edgecolor="white", linewidth=0.8)
        label = _span(low, high) + ("  (optional)" if stage.optional else "")
        ax.text(start_min + high + 0.15, row, label, va="center", fontsize=7.5, color=look.muted)
        start_min += low
        start_max += high
    row_labels(ax, [stage.stage for stage in stages], look)
    style_axes(ax, look)
    ax.invert_yaxis()
    ax.set_xlim(0, start_max + 3.2)
    ax.set_xlabel("years from the start of secondary school", fontsize=7.5, labelpad=3, color=look.muted)
    quickest = sum(s.years.min for s in stages if not s.optional)
    total = _span(quickest, start_max)
    alt = (
        "Education timeline: "
        + "; ".join(
            f"{s.stage} {_span(s.years.min, s.years.max)}" + (" (optional)" if s.optional else "")
            for s in stages
        )
        + f". In total {total}, skipping optional stages at the low end."
    )
    return Chart(to_svg(fig), alt)
