"""Interest profile: an occupation's six O*NET interest scores (RIASEC), one bar each on O*NET's 1–7 scale.

Rows run in Holland's order (Realistic … Conventional) so every career's
chart reads the same way.  The areas of the occupation's Holland code are
the dark bars, with their names in bold and their place in the code ("1st",
"2nd", "3rd") after the score, so the code reads without colour too; the
other areas are light.  Bars start at 1, the bottom of the scale ("not at
all"), so a bar's length is how much the occupation involves the area.
"""

from __future__ import annotations

from matplotlib.ticker import FixedLocator

from booklet.charts.style import COLOR, Chart, Look, figure, finish, make_room, row_labels, style_axes, text_width_mm
from booklet.i18n import Text, _

LABEL_PT = 7.5
LOWEST, HIGHEST = 1, 7  # O*NET's interest scale
PLACES = (_("1st"), _("2nd"), _("3rd"))
ROW_MM = 4.6  # one bar's row
WIDTH_MM = 100  # the chart's own width: six short bars need no more, whatever the page


def interests_chart(scores: tuple[float, ...], code: str, areas: dict[str, str], width_mm: float = WIDTH_MM,
                    look: Look = COLOR, text: Text | None = None) -> Chart:
    """The six scores (in RIASEC order) as bars; ``code`` is the Holland code, ``areas`` letter → area name."""
    text = text or Text.default()
    letters = list(areas)
    names = [text._(areas[letter]) for letter in letters]
    left_mm = max(text_width_mm(name, 8, "bold") for name in names) + 4
    height_mm = ROW_MM * len(letters) + 12.5
    fig = figure(width_mm, height_mm)
    left, bottom, right, top = left_mm / width_mm, 11 / height_mm, 1 - 4 / width_mm, 1 - 1 / height_mm
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    ax.set_xlim(LOWEST, HIGHEST)
    labels = []
    for row, letter in enumerate(letters):
        score = scores[row]
        strong = letter in code
        color, hatch = (look.palette[1], look.hatches[1]) if strong else (look.palette[4], look.hatches[4])
        ax.barh(row, score - LOWEST, left=LOWEST, height=0.62, color=color, hatch=hatch or None, clip_on=False,
                edgecolor=look.palette[0], linewidth=0.5)
        value = text.decimal(score, 1)
        if strong:
            value = f"{value} · {text._(PLACES[code.index(letter)])}"
        labels.append(ax.annotate(value, xy=(score, row), xytext=(3, 0), textcoords="offset points", va="center",
                                  ha="left", fontsize=LABEL_PT, color=look.ink,
                                  fontweight="bold" if strong else "normal"))
    make_room(fig, ax, labels, margin=True)
    row_labels(ax, names, look)
    for label, letter in zip(ax.texts[len(labels):], letters, strict=True):
        label.set_fontweight("bold" if letter in code else "normal")
    style_axes(ax, look)
    ax.invert_yaxis()
    ax.set_ylim(len(letters) - 0.5, -0.5)
    ax.xaxis.set_major_locator(FixedLocator(range(LOWEST, HIGHEST + 1)))
    ax.xaxis.set_major_formatter(lambda value, _pos: text.number(int(value)))
    ax.set_xlabel(text._("O*NET interest score (1 = not at all, 7 = very much)"), fontsize=LABEL_PT, loc="left",
                  color=look.muted)
    listed = "; ".join(f"{name} {text.decimal(score, 1)}" for name, score in zip(names, scores, strict=True))
    alt = text._("Interest profile from O*NET, on a scale of 1 to 7: %(scores)s. Holland code %(code)s.",
                 scores=listed, code=code)
    return finish(fig, alt)
