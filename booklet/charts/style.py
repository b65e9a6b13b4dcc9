"""The look every chart shares, and the SVG export that keeps bytes stable.

Text stays text (``svg.fonttype='none'``) in the booklet's own font, so it is
searchable in the PDF and rendered by WeasyPrint with the embedded Inter.
A fixed hash salt and no date metadata make the SVG identical run to run.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("svg")

import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.path import Path as MplPath
from matplotlib.text import Text as TextArtist
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Bbox

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
             accent="#873809", ink="#1d2430", muted="#4f5866", grid="#d9dde3")
# Ink-saving print: well-separated grays, and patterns so neighbours differ
# even on a printer that muddies the grays.
GRAY = Look(("#1a1a1a", "#595959", "#8c8c8c", "#b8b8b8", "#dcdcdc", "#f4f4f4"),
            ("", "////", "....", "xxxx", "\\\\", "oo"),
            accent="#000000", ink="#1a1a1a", muted="#4d4d4d", grid="#d4d4d4")


def look(grayscale: bool) -> Look:
    return GRAY if grayscale else COLOR

for _face in ("Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf", "NotoSansDevanagari-Regular.ttf",
              "NotoSansDevanagari-Bold.ttf"):
    font_manager.fontManager.addfont(str(FONTS / _face))
# Inter first; Devanagari from Noto. matplotlib measures with this fallback list, and the SVG names both
# families, so WeasyPrint draws (and HarfBuzz shapes) a Hindi label with the embedded Noto face.
FAMILIES = ["Inter", "Noto Sans Devanagari"]

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "text.parse_math": False,  # "$63K–$90K" is money, not TeX
        "svg.hashsalt": "career-booklet",
        "font.family": FAMILIES,
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
    """A chart ready for the template: SVG markup, a description of it, and what a reader would trip on.

    ``outside`` lists each text printed (partly) outside the drawing, measured
    from the SVG in the charts' font, so a chart never silently prints
    "$106,0"; ``collisions`` each text that overlaps another text or a mark
    (a bar, a slice, a line), as matplotlib placed them.  Both also travel in
    the SVG itself, so the layout check sees them on any laid-out page.
    """

    svg: str
    alt: str
    outside: tuple[str, ...] = ()
    collisions: tuple[str, ...] = ()


def _renderer(fig: Figure):
    """A renderer to measure text with, without drawing the figure (drawing is what charts spend on)."""
    return fig._get_renderer()


def _text_box(text: TextArtist, renderer) -> Bbox:
    """Where a text is printed: an annotation's text alone (its arrow is meant to touch its mark)."""
    if hasattr(text, "update_positions"):
        text.update_positions(renderer)
    return TextArtist.get_window_extent(text, renderer)


def collisions(fig: Figure) -> tuple[str, ...]:
    """Texts that overlap each other or a chart mark, where matplotlib places them in ``fig``."""
    renderer = _renderer(fig)
    texts = [text for ax in fig.axes for text in ax.texts] + list(fig.texts)
    placed = [(text, _text_box(text, renderer)) for text in texts if text.get_visible() and text.get_text().strip()]
    found = []
    for index, (text, box) in enumerate(placed):
        for other, other_box in placed[index + 1:]:
            if box.overlaps(other_box.shrunk(0.98, 0.9)):
                found.append(f"'{text.get_text()}' overlaps '{other.get_text()}'")
    for ax in fig.axes:
        # Each mark's outline in display space, and where it lies, once per mark rather than once per text.
        marks = [(not isinstance(mark, Line2D), mark.get_path().transformed(mark.get_transform()))
                 for mark in (*ax.patches, *ax.lines) if mark.get_visible()]
        marks = [(filled, path, path.get_extents()) for filled, path in marks]
        for text, box in placed:
            shielded = text.get_bbox_patch() is not None  # an opaque box hides lines behind it
            inner = box.shrunk(0.96, 0.8)
            for filled, path, extents in marks:
                if shielded and not filled:
                    continue
                if _apart(extents, inner):  # no outline or area can meet a box it lies wholly apart from
                    continue
                if _touches(path, inner, filled):
                    found.append(f"'{text.get_text()}' overlaps a {'bar or slice' if filled else 'line'}")
                    break
    return tuple(dict.fromkeys(found))


def _apart(extents: Bbox, box: Bbox, margin: float = 1.0) -> bool:
    """Whether two boxes are at least ``margin`` pixels apart on some axis."""
    return (extents.x1 < box.x0 - margin or extents.x0 > box.x1 + margin or
            extents.y1 < box.y0 - margin or extents.y0 > box.y1 + margin)


def make_room(fig: Figure, ax: Axes, labels: list, margin: bool = False) -> None:
    """Make every label (placed right of its mark, anchored at a data x) end inside the drawing.

    By default the x range grows until the labels end inside the axes; with
    ``margin`` the axes narrow instead, so the data keeps its scale and the
    labels run into a right margin of their own.  A label's width and offset
    do not depend on the scale, so one measurement gives the exact answer.
    """
    renderer = _renderer(fig)
    low, limit = ax.get_xlim()
    box = ax.get_position()
    left, width = box.x0 * fig.bbox.width, box.width * fig.bbox.width  # in pixels
    needs = []  # (the label's anchor in data units, how far its end lies right of its anchor in pixels)
    for label in labels:
        anchor = ax.transData.transform((label.xy[0], 0))[0]
        needs.append((label.xy[0], _text_box(label, renderer).x1 - anchor))
    if margin:
        edge = fig.bbox.width - 2  # a couple of points of air
        fits = [(edge - left - reach) * (limit - low) / (x - low) for x, reach in needs if x > low]
        narrower = min([width, *fits])
        if narrower < width:
            ax.set_position((box.x0, box.y0, narrower / fig.bbox.width, box.height))
        return
    wider = [low + (x - low) * width / (width - reach) for x, reach in needs if reach < width]
    highest = max([limit, *wider])
    if highest > limit:
        ax.set_xlim(low, highest + 0.02 * (highest - low))


def _touches(path: MplPath, box: Bbox, filled: bool) -> bool:
    """Whether a mark's outline (or, filled, its area) meets a text's box.

    Curves are flattened to polygons first: ``Path.intersects_bbox`` answers
    wrongly for the arcs of a donut's slices.
    """
    for polygon in path.to_polygons(closed_only=False):
        outline = MplPath(polygon)
        if outline.intersects_bbox(box, filled=False):
            return True
        if filled and len(polygon) > 2:
            xs, ys = np.linspace(box.x0, box.x1, 7), np.linspace(box.y0, box.y1, 3)
            if outline.contains_points([(x, y) for x in xs for y in ys]).any():
                return True
    return False


def finish(fig: Figure, alt: str) -> Chart:
    """Check what matplotlib laid out, export it, and carry the findings in the SVG for the layout check."""
    found = collisions(fig)
    svg = to_svg(fig)
    if found:
        svg = svg.replace("</svg>", f"<!-- booklet-collisions {html.escape(json.dumps(found))} -->\n</svg>")
    return Chart(svg, alt, outside(svg), found)


def svg_collisions(svg: str) -> list[str]:
    """The collisions ``finish`` recorded in a chart's SVG."""
    match = re.search(r"<!-- booklet-collisions (.*?) -->", svg)
    return json.loads(html.unescape(match.group(1))) if match else []


@lru_cache(maxsize=8192)  # labels repeat across charts and builds (level names, stage names): measure once
def text_width_mm(text: str, size_pt: float, weight: str = "normal") -> float:
    """How wide ``text`` prints in the charts' font at ``size_pt``."""
    width, _height, _descent = text_to_path.get_text_width_height_descent(
        text, FontProperties(family=FAMILIES, size=size_pt, weight=weight), ismath=False)
    # matplotlib does not shape Devanagari; the unshaped run is about as wide, give it some air.
    return width / 72 * 25.4 * (1.08 if any("\u0900" <= char <= "\u097f" for char in text) else 1.0)


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
    x: float = 0.0  # where the text is anchored, on its baseline
    y: float = 0.0
    anchor: str = "start"
    weight: str = "normal"
    fill: str = "#000000"


_SVG_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_TRANSLATE = re.compile(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)")


def svg_texts(svg: str) -> list[SvgText]:
    """Every text a chart prints, measured in the charts' font (what a reader sees, not what matplotlib kept).

    matplotlib places a one-line text with ``x``/``y`` and an anchor, and each
    line of a wrapped text with a ``translate`` to where that line starts.
    """
    texts = []
    for attributes, content in _SVG_TEXT.findall(svg):
        attrs = dict(_ATTRIBUTE.findall(attributes))
        style = attrs.get("style", "")
        size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
        weight = "bold" if re.search(r"font-weight: (700|bold)", style) else "normal"
        content = html.unescape(content)
        width = text_width_mm(content, size, weight) / 25.4 * 72  # px = pt in matplotlib's SVG
        if "x" in attrs:
            x, y = float(attrs["x"]), float(attrs["y"])
        elif moved := _TRANSLATE.search(attrs.get("transform", "")):
            x, y = float(moved.group(1)), float(moved.group(2))
        else:
            continue
        anchored = re.search(r"text-anchor: (\w+)", style)
        anchor = anchored.group(1) if anchored else "start"
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor]
        fill = re.search(r"fill: (#[0-9a-fA-F]{3,6})", style)
        left = x - shift * width
        texts.append(SvgText(content, size, left, left + width, y - 0.78 * size, y + 0.24 * size, x, y, anchor,
                             weight, fill.group(1) if fill else "#000000"))
    return texts


COMPLEX_SCRIPTS = re.compile("[\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]")  # Indic, Thai, Lao, Myanmar


def needs_shaping(svg: str) -> bool:
    """Whether a chart has text in a script whose letters join (WeasyPrint draws SVG text letter by letter)."""
    return any(COMPLEX_SCRIPTS.search(text.text) for text in svg_texts(svg))


def lift_texts(svg: str) -> tuple[str, list[SvgText]]:
    """The chart without its texts, and the texts, for the page to set as shaped HTML text over it."""
    return _SVG_TEXT.sub("", svg), svg_texts(svg)


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
