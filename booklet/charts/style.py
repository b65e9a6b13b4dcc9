"""The look every chart shares, and the SVG export that keeps bytes stable.

Text stays text (``svg.fonttype='none'``) in the booklet's own font, so it is
searchable in the PDF and rendered by WeasyPrint with the embedded Inter.
A fixed hash salt and no date metadata make the SVG identical run to run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")

from matplotlib import font_manager  # noqa: E402

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from booklet.paths import FONTS  # noqa: E402

MM = 1 / 25.4  # inches per millimetre

@dataclass(frozen=True)
class Look:
    """Colours (dark to light) and fill patterns a chart draws its series with."""

    palette: tuple[str, ...]
    hatches: tuple[str, ...]
    accent: str
    ink: str
    muted: str
    grid: str


# Dark to light with evenly spaced luminance, blue → teal → green → sand:
# tells apart under the common colour-vision deficiencies and in grayscale.
COLOR = Look(("#16324f", "#1f6f8b", "#3a9d8f", "#99c9a6", "#e8dcae", "#f6efd9"), ("",) * 6,
             accent="#a8470f", ink="#1d2430", muted="#4f5866", grid="#d9dde3")
# Ink-saving print: well-separated grays, and patterns so neighbours differ
# even on a printer that muddies the grays.
GRAY = Look(("#1a1a1a", "#595959", "#8c8c8c", "#b8b8b8", "#dcdcdc", "#f4f4f4"),
            ("", "////", "....", "xxxx", "\\\\", "oo"),
            accent="#000000", ink="#1a1a1a", muted="#4d4d4d", grid="#d4d4d4")


def look(grayscale: bool) -> Look:
    return GRAY if grayscale else COLOR

for _face in ("Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf"):
    font_manager.fontManager.addfont(str(FONTS / _face))

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "text.parse_math": False,  # "$63K–$90K" is money, not TeX
        "svg.hashsalt": "career-booklet",
        "font.family": "Inter",
        "font.size": 8,
        "axes.linewidth": 0.6,
        "xtick.labelsize": 7.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 72,
    }
)


@dataclass(frozen=True)
class Chart:
    """A chart ready for the template: SVG markup and a description of it."""

    svg: str
    alt: str


def style_axes(ax: Axes, look: Look) -> None:
    """Horizontal-bar axes: light vertical grid, no left spine, labels in the look's inks.

    The grid already marks every x tick, so tick marks are not drawn at all, and
    the grid lines are not clipped: each tick mark, clip path and background
    patch is one more SVG element WeasyPrint has to lay out and paint on every build.
    """
    ax.patch.set_visible(False)
    ax.xaxis.grid(True, color=look.grid, linewidth=0.5, clip_on=False)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_color(look.grid)
    ax.tick_params(axis="x", bottom=False, labelcolor=look.muted)


def row_labels(ax: Axes, labels: list[str], look: Look) -> None:
    """Name each bar's row at its left, as plain text rather than through a y axis.

    A y axis builds a tick (three lines, two texts) per row and measures them
    all, only to show the labels: about a fifth of a bar chart's drawing time.
    """
    ax.yaxis.set_visible(False)
    for row, label in enumerate(labels):
        ax.annotate(label, xy=(0, row), xycoords=ax.get_yaxis_transform(), xytext=(-4, 0),
                    textcoords="offset points", ha="right", va="center", color=look.ink)


def figure(width_mm: float, height_mm: float) -> Figure:
    """A figure drawn at its printed size, so 8 pt in matplotlib is 8 pt on paper.

    Its background patch is hidden rather than drawn transparent, so the SVG
    carries no empty rectangle.
    """
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), layout=None)
    fig.patch.set_visible(False)
    return fig


# No RDF metadata block: no date (stable bytes) and nothing a printed page shows.
NO_METADATA = dict.fromkeys(("Date", "Creator", "Format", "Type"))


def to_svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=NO_METADATA)
    return buffer.getvalue()
