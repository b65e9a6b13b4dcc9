"""Role mix: a donut of how the work divides between the career's roles."""

from __future__ import annotations

import math

from booklet.charts.style import COLOR, Chart, Look, figure, outside, to_svg
from booklet.content.model import Career


def roles_chart(career: Career, width_mm: float = 150, height_mm: float = 62, look: Look = COLOR) -> Chart:
    roles = career.roles
    shares = [role.share for role in roles]
    colors = [look.palette[i % len(look.palette)] for i in range(len(roles))]
    fig = figure(width_mm, height_mm)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_aspect("equal")
    ax.set_xlim(-2.6, 2.6)
    ax.set_ylim(-1.2, 1.2)
    ax.axis("off")
    wedges, _ = ax.pie(
        shares,
        colors=colors,
        startangle=90,
        counterclock=False,
        radius=1.0,
        wedgeprops={"width": 0.42, "edgecolor": "white", "linewidth": 1.2},
    )
    for index, wedge in enumerate(wedges):
        if hatch := look.hatches[index % len(look.hatches)]:
            wedge.set_hatch(hatch)
    ax.text(0, 0.08, "Role mix", ha="center", va="center", fontsize=8, color=look.muted)
    ax.text(0, -0.16, "share of the work", ha="center", va="center", fontsize=7, color=look.muted)
    for wedge, role in zip(wedges, roles, strict=True):
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        x, y = math.cos(angle), math.sin(angle)
        side = 1 if x >= 0 else -1
        ax.annotate(
            f"{role.name}  {role.share}%",
            xy=(0.92 * x, 0.92 * y),
            xytext=(1.32 * side, 1.12 * y),
            ha="left" if side > 0 else "right",
            va="center",
            fontsize=8,
            color=look.ink,
            arrowprops={"arrowstyle": "-", "color": look.muted, "linewidth": 0.5,
                        "connectionstyle": "arc3,rad=0", "shrinkA": 0, "shrinkB": 2},
        )
    alt = "Role mix donut chart: " + "; ".join(f"{r.name} {r.share}%" for r in roles) + "."
    svg = to_svg(fig)
    return Chart(svg, alt, outside(svg))
