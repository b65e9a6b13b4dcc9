"""Print-quality checks on a laid-out document, page by page.

Reads WeasyPrint's layout boxes (no PDF parsing): content that runs outside
the page area, positioned text overlapping the flow, a heading left as the
last line of a page, a page that is almost empty, and chart text printed
smaller than 7 pt.  ``booklet check
--layout`` runs these over every format and paper size.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from weasyprint import Document
from weasyprint.formatting_structure import boxes

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MIN_FILL = 0.15
MIN_CHART_PT = 7.0
TOLERANCE_PX = 1.0
PX_TO_PT = 0.75


@dataclass(frozen=True)
class LayoutProblem:
    page: int  # 1-based
    rule: str
    message: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.rule}: {self.message}"


def _walk(box: boxes.Box, block_tag: str | None = None,
          positioned: bool = False) -> Iterator[tuple[boxes.Box, str | None, bool]]:
    """Every box under ``box``: the tag of its nearest block, and whether it is taken out of flow."""
    if isinstance(box, boxes.BlockBox) and getattr(box, "element_tag", None):
        block_tag = box.element_tag
    positioned = positioned or box.style["position"] in ("absolute", "fixed")
    yield box, block_tag, positioned
    for child in getattr(box, "children", ()):
        yield from _walk(child, block_tag, positioned)


def _rect(box: boxes.Box) -> tuple[float, float, float, float]:
    return box.position_x, box.position_y, box.position_x + box.margin_width(), box.position_y + box.margin_height()


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] - TOLERANCE_PX and b[0] < a[2] - TOLERANCE_PX and a[1] < b[3] - TOLERANCE_PX \
        and b[1] < a[3] - TOLERANCE_PX


def _svg_text_sizes(src: str) -> tuple[float, list[float]]:
    """(width in pt, font sizes) of an SVG data URI drawn by matplotlib."""
    header, _, payload = src.partition(",")
    svg = base64.b64decode(payload).decode() if ";base64" in header else unquote(payload)
    width = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"', svg)
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    return (float(width.group(1)) if width else 0.0), sizes


def check_page(document: Document, index: int, is_last_of_chapter: bool) -> list[LayoutProblem]:
    page = document.pages[index]
    page_box = page._page_box
    top = page_box.content_box_y()
    bottom, left = top + page_box.height, page_box.content_box_x()
    right = left + page_box.width
    number = index + 1
    problems = []
    lowest, last_line_tag = top, None
    in_flow_lines, positioned_lines = [], []
    flow = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    for root in flow:
        for box, tag, positioned in _walk(root):
            if box.height is None or box.width is None or isinstance(box, boxes.PageBox):
                continue
            box_bottom = box.position_y + box.margin_height()
            if isinstance(box, boxes.LineBox) and box.children:
                (positioned_lines if positioned else in_flow_lines).append(_rect(box))
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) and not positioned:
                if box_bottom > bottom + TOLERANCE_PX or box.position_x + box.margin_width() > right + TOLERANCE_PX:
                    problems.append(LayoutProblem(number, "overflow", f"content in <{tag}> runs outside the page area"))
                if box_bottom >= lowest:
                    lowest, last_line_tag = box_bottom, tag
            if isinstance(box, boxes.ReplacedBox) and getattr(box, "element_tag", None) == "img":
                src = box.element.get("src", "")
                if src.startswith("data:image/svg+xml") and "qrline" not in src:
                    width_pt, sizes = _svg_text_sizes(src)
                    if width_pt and sizes:
                        scale = box.width * PX_TO_PT / width_pt
                        smallest = min(sizes) * scale
                        if smallest < MIN_CHART_PT - 0.05:
                            problems.append(LayoutProblem(number, "chart-text", f"chart text printed at "
                                                          f"{smallest:.1f} pt (minimum {MIN_CHART_PT:g} pt)"))
    if any(_overlaps(a, b) for a in positioned_lines for b in in_flow_lines):
        problems.append(LayoutProblem(number, "overlap", "positioned text overlaps the text in the flow"))
    if last_line_tag in HEADINGS and index < len(document.pages) - 1:
        problems.append(LayoutProblem(number, "heading-ends-page", f"the page ends with a <{last_line_tag}> heading"))
    fill = (lowest - top) / (bottom - top)
    if fill < MIN_FILL and not is_last_of_chapter:
        problems.append(LayoutProblem(number, "nearly-empty", f"only {fill:.0%} of the page is used"))
    return problems


def check_document(document: Document) -> list[LayoutProblem]:
    """Problems on every page; a chapter's last page (before a cover, or the end) may be short."""
    covers = {i for i, page in enumerate(document.pages) if page._page_box.page_type.name == "cover"}
    problems = []
    for index in range(len(document.pages)):
        last_of_chapter = index == len(document.pages) - 1 or (index + 1) in covers
        problems += check_page(document, index, last_of_chapter)
    return problems
