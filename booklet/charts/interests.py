"""Interest profile: an occupation's six O*NET interest scores (RIASEC), one bar each on O*NET's 1–7 scale.

Rows run in Holland's order (Realistic … Conventional) so every career's
chart reads the same way.  The areas of the occupation's Holland code are
the dark bars, with their names in bold and their place in the code ("1st",
"2nd", "3rd") after the score, so the code reads without colour too; the
other areas are light.  The bars lie on a light panel that is the whole
scale, from 1 ("not at all") to 7 ("very much"), so a bar's length is how
much the occupation involves the area, and no axis is needed.
"""

from __future__ import annotations

from booklet.charts.style import COLOR, Chart, Look, figure, finish, make_room, row_labels, text_width_mm
from booklet.i18n import Text, _

LABEL_PT = 7.5
LOWEST, HIGHEST = 1, 7  # O*NET's interest scale
PLACES = (_("1st"), _("2nd"), _("3rd"))
ROW_MM = 4.6  # one bar's row
WIDTH_MM = 100  # the chart's own width: six short bars need no more, whatever the page


def interests_chart(scores: tuple[float, ...], code: str, areas: dict[str, str], width_mm: float = WIDTH_MM,
                    look: Look = COLOR, text: Text | None = None) -> Chart:
    """The six scores (in RIASEC order) as bars; ``code`` is the Holland code, ``areas`` letter → area name.

    The bars run over a light panel that is the whole scale, and each score is printed at the panel's end,
    so the scale reads without an axis (an axis is most of a small chart's drawing time).
    """
    text = text or Text.default()
    letters = list(areas)
    names = [text._(areas[letter]) for letter in letters]
    left_mm = max(text_width_mm(name, 8, "bold") for name in names) + 4
    height_mm = ROW_MM * len(letters) + 7
    fig = figure(width_mm, height_mm)
    left, bottom, right, top = left_mm / width_mm, 6 / height_mm, 1 - 2 / width_mm, 1 - 1 / height_mm
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    ax.set_xlim(LOWEST, HIGHEST)
    ax.set_axis_off()
    rows = range(len(letters))
    strong = [letter in code for letter in letters]
    # The scale, 1 to 7, as one light panel behind the bars: one mark rather than a track per row.
    ax.axvspan(LOWEST, HIGHEST, color=look.palette[-1], linewidth=0)
    bars = ax.barh(rows, [score - LOWEST for score in scores], left=LOWEST, height=0.62,
                   color=[look.palette[1] if on else look.palette[3] for on in strong], edgecolor=look.palette[0],
                   linewidth=0.5)
    for bar, on in zip(bars, strong, strict=True):
        if hatch := look.hatches[1 if on else 3]:
            bar.set_hatch(hatch)
    labels = []
    for row, (letter, score) in enumerate(zip(letters, scores, strict=True)):
        value = text.decimal(score, 1)
        if letter in code:
            value = f"{value} · {text._(PLACES[code.index(letter)])}"
        labels.append(ax.annotate(value, xy=(HIGHEST, row), xytext=(3, 0), textcoords="offset points", va="center",
                                  ha="left", fontsize=LABEL_PT, color=look.ink,
                                  fontweight="bold" if letter in code else "normal"))
    make_room(fig, ax, labels, margin=True)
    row_labels(ax, names, look)
    for label, on in zip(ax.texts[len(labels):], strong, strict=True):
        label.set_fontweight("bold" if on else "normal")
    ax.invert_yaxis()
    ax.set_ylim(len(letters) - 0.5, -0.5)
    fig.text(left, 1.2 / height_mm, text._("O*NET interest score: 1 (not at all) to 7 (very much)"),
             fontsize=LABEL_PT, color=look.muted, ha="left", va="bottom")
    listed = "; ".join(f"{name} {text.decimal(score, 1)}" for name, score in zip(names, scores, strict=True))
    alt = text._("Interest profile from O*NET, on a scale of 1 to 7: %(scores)s. Holland code %(code)s.",
                 scores=listed, code=code)
    return finish(fig, alt)
