"""Role mix: a donut of how the work divides between the career's roles, with a key beside it.

The key (a swatch, the share and the role's name on one line each) sits to
the right of the ring instead of labels on leader lines, so long role names
wrap inside the drawing rather than running off it at narrow widths, and
nothing has to be placed over the ring.  Slices run clockwise from twelve
o'clock in the order of the key; in grayscale each slice also has a pattern.
"""

from __future__ import annotations

from booklet.charts.style import COLOR, Chart, Look, figure, finish, text_lines, text_width_mm
from booklet.content.model import Career
from booklet.i18n import Text

KEY_PT = 8.5
LINE_MM = 3.6  # one line of the key
ROW_GAP_MM = 1.4
SWATCH_MM = 3.2


def roles_chart(career: Career, width_mm: float = 150, height_mm: float = 0, look: Look = COLOR,
                text: Text | None = None) -> Chart:
    """The donut and its key; ``height_mm`` is a minimum (the key may need more)."""
    text = text or Text.default()
    roles = career.roles
    ring_mm = min(48.0, width_mm * 0.36, height_mm or 48.0)
    key_left_mm = ring_mm + 8
    share_mm = text_width_mm(text.percent(100), KEY_PT, "bold")  # the share column, right-aligned
    name_left_mm = key_left_mm + SWATCH_MM + 2.5 + share_mm + 2.0
    labels = [text_lines(role.name, KEY_PT, width_mm - name_left_mm - 1) for role in roles]
    key_mm = sum(LINE_MM * len(lines) + ROW_GAP_MM for lines in labels) - ROW_GAP_MM
    height = max(ring_mm + 2, key_mm + 4, height_mm)
    fig = figure(width_mm, height)

    ring = fig.add_axes((1 / width_mm, (height - ring_mm) / 2 / height, ring_mm / width_mm, ring_mm / height))
    ring.set_aspect("equal")
    ring.axis("off")
    colors = [look.palette[i % len(look.palette)] for i in range(len(roles))]
    wedges, _ = ring.pie([role.share for role in roles], colors=colors, startangle=90, counterclock=False,
                         radius=1.0, wedgeprops={"width": 0.42, "edgecolor": "white", "linewidth": 1.2})
    for index, wedge in enumerate(wedges):
        if hatch := look.hatches[index % len(look.hatches)]:
            wedge.set_hatch(hatch)

    y = (height + key_mm) / 2  # top of the key, in millimetres from the bottom
    for index, lines in enumerate(labels):
        fig.add_artist(_swatch(fig, key_left_mm, y - LINE_MM / 2 - SWATCH_MM / 2, width_mm, height,
                               colors[index], look.hatches[index % len(look.hatches)], look))
        top = (y - 0.3) / height
        fig.text((name_left_mm - 2.0) / width_mm, top, text.percent(roles[index].share), ha="right", va="top",
                 fontsize=KEY_PT, fontweight="bold", color=look.ink)
        fig.text(name_left_mm / width_mm, top, "\n".join(lines), ha="left", va="top", fontsize=KEY_PT,
                 color=look.ink, linespacing=1.25)
        y -= LINE_MM * len(lines) + ROW_GAP_MM
    alt = text._("Role mix: %(roles)s.", roles="; ".join(f"{r.name} {text.percent(r.share)}" for r in roles))
    return finish(fig, alt)


def _swatch(fig, left_mm: float, bottom_mm: float, width_mm: float, height_mm: float, color: str, hatch: str,
            look: Look):
    from matplotlib.patches import Rectangle

    return Rectangle((left_mm / width_mm, bottom_mm / height_mm), SWATCH_MM / width_mm, SWATCH_MM / height_mm,
                     transform=fig.transFigure, facecolor=color, edgecolor=look.palette[0], linewidth=0.4,
                     hatch=hatch or None)

