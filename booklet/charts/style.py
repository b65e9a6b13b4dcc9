"""The look every chart shares, and the SVG export that keeps bytes stable.

Text stays text (``svg.fonttype='none'``) in the booklet's own font, so it is
searchable in the PDF and rendered by WeasyPrint with the embedded Inter.
A fixed hash salt and no date metadata make the SVG identical run to run.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from booklet.paths import FONTS

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
    """A chart ready for the template: SVG markup, a description of it, and any text it had to cut off.

    ``outside`` lists each text that does not lie wholly inside the drawing, as
    matplotlib measured it when drawing; the layout check reports them
    (``chart-text-clipped``), so a chart never silently prints "$106,0".
    """

    svg: str
    alt: str
    outside: tuple[str, ...] = ()


def text_width_mm(text: str, size_pt: float, weight: str = "normal") -> float:
    """How wide ``text`` prints in the charts' font at ``size_pt``."""
    width, _height, _descent = text_to_path.get_text_width_height_descent(
        text, FontProperties(family="Inter", size=size_pt, weight=weight), ismath=False)
    return width / 72 * 25.4


def text_lines(text: str, size_pt: float, width_mm: float, weight: str = "normal") -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width_mm`` (a single long word keeps its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width_mm(f"{lines[-1]} {word}", size_pt, weight) <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class SvgText:
    """One text element of a chart's SVG, with the box it prints in (SVG units, y down)."""

    text: str
    size: float
    left: float
    right: float
    top: float
    bottom: float


_SVG_TEXT = re.compile(r'<text style="([^"]*)" x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>')


def svg_texts(svg: str) -> list[SvgText]:
    """Every text a chart prints, measured in the charts' font (what a reader sees, not what matplotlib kept)."""
    texts = []
    for style, x, y, content in _SVG_TEXT.findall(svg):
        size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
        weight = "bold" if re.search(r"font-weight: (700|bold)", style) else "normal"
        content = html.unescape(content)
        width = text_width_mm(content, size, weight) / 25.4 * 72  # px = pt in matplotlib's SVG
        anchor = re.search(r"text-anchor: (\w+)", style)
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor.group(1) if anchor else "start"]
        left = float(x) - shift * width
        texts.append(SvgText(content, size, left, left + width, float(y) - 0.78 * size, float(y) + 0.24 * size))
    return texts


def svg_size(svg: str) -> tuple[float, float]:
    """The drawing's width and height in SVG units (points)."""
    width, height = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    return float(width), float(height)


def outside(svg: str, tolerance: float = 0.5) -> tuple[str, ...]:
    """The texts of a chart that would be cut off: printed (partly) outside its drawing."""
    width, height = svg_size(svg)
    return tuple(t.text for t in svg_texts(svg)
                 if t.left < -tolerance or t.right > width + tolerance or t.top < -tolerance
                 or t.bottom > height + tolerance)


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
