"""Print-quality checks on a laid-out document: what a reader would see, page by page.

Reads WeasyPrint's layout boxes (no PDF parsing) and the charts' SVG. Each
class of defect a reader meets is a rule with a stable id; every number comes
from ``thresholds``.

- ``overflow``: content outside the page's text area.
- ``chart-text-clipped``: a chart's text printed (partly) outside its drawing.
- ``text-collision``: text over text, on the page or in a chart, or chart text over a bar, slice or line.
- ``page-underfilled``: a page, other than the last of a booklet or chapter, less than 75 % full (65 % on A5
  and half-letter).
- ``page-sparse-last``: a last page under 30 % full (a sheet printed for a line or two).
- ``heading-stranded``: a heading without two lines (or a figure, or a row) after it on its page.
- ``unit-split``: something that moves as a unit (a card row, a small grid, a figure, a day, a
  question) split across pages; a grid leaving a lone card; a salary chart pages away from its table.
- ``type-too-small``: text under the minimum size, or body text under the paper's body size.
- ``line-too-long``: running text with more characters per line than a reader follows easily.
- ``number-format``: "2–2 yrs", "1 yrs", "10 %", a rupee amount in full digits outside the note
  that explains the short form, or rupees without the word "lakh".
- ``handout-unbalanced``: a side of a handout less than 80 % full.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import unquote

from weasyprint import Document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from booklet.charts.style import outside, svg_collisions, svg_size, svg_texts
from booklet.options import Options
from booklet.render import thresholds as limits
from booklet.render.typography import WORD_JOINER

HEADINGS = {"h1", "h2", "h3", "h4"}
RUNNING_TEXT = {"p", "li"}
PX_TO_PT = 0.75
# Named pages that are not running content: they are designed to fill their page.
FURNITURE_PAGES = {"cover", "worksheet", "notes", "blank"}


@dataclass(frozen=True)
class LayoutProblem:
    page: int  # 1-based
    rule: str
    message: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.rule}: {self.message}"


@dataclass
class Placed:
    """One box of a page, with what the rules need to know about it."""

    box: boxes.Box
    block: object  # the element of the nearest block box (an lxml element) or None
    block_tag: str | None
    positioned: bool
    classes: frozenset[str]


def _walk(box: boxes.Box, block=None, tag: str | None = None, positioned: bool = False,
          classes: frozenset[str] = frozenset()) -> Iterator[Placed]:
    if isinstance(box, AbsolutePlaceholder):
        box = box._box  # an absolutely positioned box, wrapped where it was laid out
    element = getattr(box, "element", None)
    if isinstance(box, (boxes.BlockBox, boxes.TableRowBox, boxes.TableCellBox)) and element is not None:
        block, tag = element, getattr(box, "element_tag", tag)
        classes = classes | frozenset((element.get("class") or "").split())
    positioned = positioned or box.style["position"] in ("absolute", "fixed")
    yield Placed(box, block, tag, positioned, classes)
    for child in getattr(box, "children", ()):
        yield from _walk(child, block, tag, positioned, classes)


def _rect(box: boxes.Box) -> tuple[float, float, float, float]:
    return box.position_x, box.position_y, box.position_x + box.margin_width(), box.position_y + box.margin_height()


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    tolerance = limits.TOLERANCE_PX
    return a[0] < b[2] - tolerance and b[0] < a[2] - tolerance and a[1] < b[3] - tolerance \
        and b[1] < a[3] - tolerance


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    tolerance = limits.TOLERANCE_PX
    return inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance \
        and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance


def _svg(box: boxes.Box) -> str | None:
    element = getattr(box, "element", None)
    src = element.get("src", "") if element is not None else ""
    if not src.startswith("data:image/svg+xml") or "qrline" in src:
        return None
    header, _, payload = src.partition(",")
    return base64.b64decode(payload).decode() if ";base64" in header else unquote(payload)


class PageReading:
    """One page as the rules see it: its text area, its boxes, and how full it is."""

    def __init__(self, document: Document, index: int):
        page_box = document.pages[index]._page_box
        self.number = index + 1
        # A left page WeasyPrint leaves empty before a right-hand chapter is furniture too.
        self.name = "blank" if page_box.page_type.blank else page_box.page_type.name
        self.top = page_box.content_box_y()
        self.bottom = self.top + page_box.height
        self.left = page_box.content_box_x()
        self.right = self.left + page_box.width
        # Running heads and feet live in the margin boxes, outside the text area by design.
        self.margins = [placed for root in page_box.children if isinstance(root, boxes.MarginBox)
                        for placed in _walk(root)]
        self.placed = [placed for root in page_box.children if not isinstance(root, boxes.MarginBox)
                       for placed in _walk(root)]
        flow = [p for p in self.placed if not p.positioned]
        ends = [p.box.position_y + p.box.margin_height() for p in flow
                if isinstance(p.box, (boxes.LineBox, boxes.ReplacedBox)) and p.box.height is not None]
        self.lowest = max(ends, default=self.top)

    @property
    def fill(self) -> float:
        return (self.lowest - self.top) / (self.bottom - self.top)

    def texts(self, margins: bool = True) -> Iterator[Placed]:
        for placed in [*self.placed, *(self.margins if margins else ())]:
            if isinstance(placed.box, boxes.TextBox) and placed.box.text.strip() and placed.box.width is not None:
                yield placed

    def lines(self) -> Iterator[Placed]:
        for placed in self.placed:
            if isinstance(placed.box, boxes.LineBox) and placed.box.children and placed.box.height is not None:
                yield placed

    def text(self) -> str:
        return " ".join(" ".join(t.box.text for t in self.texts()).split())


# -- rules ---------------------------------------------------------------------------------------------------

def _overflow(page: PageReading) -> list[LayoutProblem]:
    problems = []
    for placed in page.placed:
        box = placed.box
        if placed.positioned or not isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or box.height is None:
            continue
        if page.name == "cover":
            continue  # the cover bleeds to the paper's edge by design
        if box.position_y + box.margin_height() > page.bottom + limits.TOLERANCE_PX \
                or box.position_x + box.margin_width() > page.right + limits.TOLERANCE_PX:
            problems.append(LayoutProblem(page.number, "overflow",
                                          f"content in <{placed.block_tag}> runs outside the page area"))
            break
    return problems


def _charts(page: PageReading, labels: list[str]) -> list[LayoutProblem]:
    problems = []
    # Texts of a chart set as HTML over its drawing (complex scripts) count as the chart's text.
    labels.extend(t.box.text for t in page.texts(margins=False) if "chart-label" in t.classes)
    for placed in page.placed:
        if not isinstance(placed.box, boxes.ReplacedBox) or (svg := _svg(placed.box)) is None:
            continue
        for text in outside(svg):
            problems.append(LayoutProblem(page.number, "chart-text-clipped", f"chart text cut off: '{text}'"))
        for collision in svg_collisions(svg):
            problems.append(LayoutProblem(page.number, "text-collision", f"in a chart: {collision}"))
        width_pt, _height = svg_size(svg)
        scale = placed.box.width * PX_TO_PT / width_pt
        sizes = [text.size * scale for text in svg_texts(svg)]
        if sizes and min(sizes) < limits.MIN_CHART_PT - 0.05:
            problems.append(LayoutProblem(page.number, "type-too-small", f"chart text printed at {min(sizes):.1f} pt "
                                          f"(minimum {limits.MIN_CHART_PT:g} pt)"))
        labels.extend(text.text for text in svg_texts(svg))
    # Labels set as HTML over a chart must land on it: a box wider than its drawing shifts them off.
    drawings = [_rect(p.box) for p in page.placed if isinstance(p.box, boxes.ReplacedBox) and _svg(p.box)]
    for label in (t for t in page.texts(margins=False) if "chart-label" in t.classes):
        left, top, right, bottom = _rect(label.box)
        if "translateX(-50%)" in (label.block.get("style") or ""):  # centred when drawn; boxes are not moved
            left, right = left - (right - left) / 2, right - (right - left) / 2
        if not any(_inside((left, top, right, bottom), drawing) for drawing in drawings):
            problems.append(LayoutProblem(page.number, "chart-text-clipped",
                                          f"chart label '{label.box.text.strip()[:30]}' is set off its chart"))
    return problems


def _collisions(page: PageReading) -> list[LayoutProblem]:
    """Text boxes of different lines that overlap: 'WEDNESDAYBending conduit'."""
    texts = sorted(((t.box, _rect(t.box)) for t in page.texts()), key=lambda item: item[1][1])
    for index, (box, rect) in enumerate(texts):
        for other, other_rect in texts[index + 1:]:
            if other_rect[1] >= rect[3]:
                break
            if _overlap(rect, other_rect):
                return [LayoutProblem(page.number, "text-collision",
                                      f"'{box.text.strip()[:30]}' overlaps '{other.text.strip()[:30]}'")]
    return []


def _type_sizes(page: PageReading, body_pt: float, small_paper: bool) -> list[LayoutProblem]:
    problems = []
    for texts, minimum in (([t for t in page.texts() if "chart-label" not in t.classes], limits.MIN_TEXT_PT),
                           ([t for t in page.texts() if "chart-label" in t.classes], limits.MIN_CHART_PT)):
        smallest = min((t.box.style["font_size"] * PX_TO_PT for t in texts), default=None)
        if smallest is not None and smallest < minimum - 0.05:
            sample = next(t.box.text.strip() for t in texts if t.box.style["font_size"] * PX_TO_PT == smallest)
            problems.append(LayoutProblem(page.number, "type-too-small", f"text at {smallest:.1f} pt "
                                          f"(minimum {minimum:g} pt): '{sample[:30]}'"))
    if page.number == 1 and body_pt < limits.MIN_BODY_PT[small_paper] - 0.05:
        problems.append(LayoutProblem(page.number, "type-too-small", f"body text is {body_pt:.1f} pt (minimum "
                                      f"{limits.MIN_BODY_PT[small_paper]:g} pt on this paper)"))
    return problems


def _line_lengths(page: PageReading) -> list[LayoutProblem]:
    by_block: dict[int, list[int]] = defaultdict(list)
    blocks = {}
    for line in page.lines():
        if line.block_tag in RUNNING_TEXT and not line.positioned:
            characters = sum(_letters(t.text) for t in _text_children(line.box))
            by_block[id(line.block)].append(characters)
            blocks[id(line.block)] = line.block
    for key, counts in by_block.items():
        full = counts[:-1]  # a paragraph's last line may be short
        if len(full) >= 2 and sum(full) / len(full) > limits.MAX_LINE_CHARS:
            start = (blocks[key].text or "").strip()[:30]
            return [LayoutProblem(page.number, "line-too-long", f"lines of {sum(full) // len(full)} characters "
                                  f"(at most {limits.MAX_LINE_CHARS}): '{start}'")]
    return []


def _letters(text: str) -> int:
    """Characters as a reader counts them: a vowel sign or virama joins the letter before it (Devanagari)."""
    return sum(1 for char in text if not unicodedata.category(char).startswith("M"))


def _text_children(box: boxes.Box) -> Iterator[boxes.TextBox]:
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TextBox):
            yield child
        else:
            yield from _text_children(child)


def _flow(page: PageReading) -> list[Placed]:
    """The page's lines and images in reading order (positioned text left out)."""
    return [p for p in page.placed if not p.positioned and p.box.height is not None
            and isinstance(p.box, (boxes.LineBox, boxes.ReplacedBox))]


def _opens_with_heading(page: PageReading | None) -> bool:
    flow = [p for p in _flow(page) if not str(p.block_tag).endswith("::before")] if page is not None else []
    return bool(flow) and flow[0].block_tag in HEADINGS


def _continues(element, page: PageReading | None, parent_of: dict) -> bool:
    """Whether any of ``element`` (a heading's container) is laid out on ``page``."""
    if element is None or page is None:
        return False
    for placed in page.placed:
        block = placed.block
        while block is not None:
            if block is element:
                return True
            block = parent_of.get(block)
    return False


def _stranded(page: PageReading, last_page: bool, next_page: PageReading | None,
              parent_of: dict) -> list[LayoutProblem]:
    """A heading must be followed on its page by two lines, a figure or a table row.

    One line is enough when what the heading introduces ends there (the next
    page opens with a heading of its own, or nothing of the heading's own
    container goes on to it): a one-line card is whole.
    """
    if last_page:
        return []
    flow = _flow(page)
    for index, placed in enumerate(flow):
        if placed.block_tag not in HEADINGS or not isinstance(placed.box, boxes.LineBox):
            continue
        following = sum(2 if isinstance(after.box, boxes.ReplacedBox) else 1 for after in flow[index + 1:]
                        if after.block_tag not in HEADINGS and not str(after.block_tag).endswith("::before"))
        whole = _opens_with_heading(next_page) or not _continues(parent_of.get(placed.block), next_page, parent_of)
        if following < limits.MIN_LINES_AFTER_HEADING and not (following and whole):
            heading = " ".join(t.text for t in _text_children(placed.box)).strip()
            return [LayoutProblem(page.number, "heading-stranded", f"'{heading[:40]}' ends the page without what "
                                  "it introduces")]
    return []


_FULL_RUPEES = re.compile(r"₹\d{1,2}(?:,\d{2})+,\d{3}\b")  # ₹5,00,000: a lakh or more, in full digits


def _numbers(page: PageReading, lang: str, charts: list[str]) -> list[LayoutProblem]:
    """Numbers a reader trips over; amounts of a lakh or more in tables and charts use the short form."""
    text = page.text()
    patterns = [
        (r"\b(\d+(?:\.\d+)?)\s*–\s*\1\s*yrs?\b", "a range with equal ends"),
        (r"\b1 yrs\b", "'1 yrs' (say '1 yr')"),
    ]
    if lang == "en":
        patterns.append((r"\d\s%", "a space before % ('10 %')"))
    problems = [LayoutProblem(page.number, "number-format", f"{what}: '{match.group(0).strip()}'")
                for pattern, what in patterns if (match := re.search(pattern, text))]
    tables = " ".join(t.box.text for t in page.texts(margins=False) if _in_table(t))
    if match := _FULL_RUPEES.search(" ".join([tables, *charts])):
        problems.append(LayoutProblem(page.number, "number-format", f"a rupee amount in full digits in a table or "
                                      f"chart (use lakh: ₹5L): '{match.group(0)}'"))
    return problems


def _in_table(placed: Placed) -> bool:
    return placed.block_tag in ("td", "th")


# -- the document ------------------------------------------------------------------------------------------

def short_pages(document: Document, small_paper: bool, starts: tuple[int, ...] = (0,)) -> list[int]:
    """How many pages of running content fall short of their fill threshold (an inside page, or the last),
    in each part of ``document`` starting at a page index of ``starts`` (a booklet, a collection's chapters)."""
    bounds = [*starts, len(document.pages)]
    counts = []
    for start, end in pairwise(bounds):
        readings = [reading for index in range(start, end)
                    if (reading := PageReading(document, index)).name not in FURNITURE_PAGES]
        short = sum(1 for reading in readings[:-1] if reading.fill < limits.MIN_FILL_INSIDE[small_paper])
        counts.append(short + (1 if readings and readings[-1].fill < limits.MIN_FILL_LAST else 0))
    return counts


def tightest(lay: Callable[[str], Document], small_paper: bool) -> tuple[Document, str]:
    """A booklet or chapter laid out plainly and, while it has short pages, in each setting of ``TIGHTER``
    in turn (``lay`` takes the setting's classes); the layout with the fewest short pages and its setting."""
    document, chosen = lay(""), ""
    short = short_pages(document, small_paper)[0]
    for tight in limits.TIGHTER:
        if not short:
            break
        trial = lay(tight)
        if (trial_short := short_pages(trial, small_paper)[0]) < short:
            document, short, chosen = trial, trial_short, tight
    return document, chosen


def _units(readings: list[PageReading], parent_of: dict) -> list[LayoutProblem]:
    pages_of: dict[int, list[int]] = defaultdict(list)
    kinds: dict[int, tuple[object, frozenset[str]]] = {}
    rows_of_grid: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    lone_cards: set[int] = set()  # rows holding one card of a side-by-side grid
    for page in readings:
        for placed in page.placed:
            element = getattr(placed.box, "element", None)
            if element is None or not isinstance(placed.box, (boxes.BlockBox, boxes.TableBox, boxes.TableRowBox,
                                                              boxes.TableRowGroupBox, boxes.InlineReplacedBox,
                                                              boxes.BlockReplacedBox)):
                continue
            classes = frozenset((element.get("class") or "").split())
            if "unit" in classes or element.tag in ("figure", "table"):
                key = id(element)
                kinds[key] = (element, classes)
                if page.number not in pages_of[key]:
                    pages_of[key].append(page.number)
            parent = parent_of.get(element)
            grid = (parent.get("class") or "").split() if parent is not None else []
            # Cards stacked one a row part like list items; side-by-side rows are what may not be left alone.
            if "row" in classes and "grid" in grid and "cols-1" not in grid:
                rows_of_grid[id(parent)][page.number].add(id(element))
                if "single" in classes:
                    lone_cards.add(id(element))
    problems = []
    for key, pages in pages_of.items():
        element, classes = kinds[key]
        if len(pages) > 1 and ("unit" in classes or element.tag == "figure"):
            label = element.get("data-unit") or element.tag
            problems.append(LayoutProblem(pages[0], "unit-split", f"a {label} is split across pages {pages[0]}–"
                                          f"{pages[-1]}"))
    for rows_by_page in rows_of_grid.values():
        total = len(set().union(*rows_by_page.values()))
        if len(rows_by_page) > 1 and (total <= limits.ATOMIC_GRID_ROWS
                                      or any(rows <= lone_cards for rows in rows_by_page.values())):
            first = min(rows_by_page)
            problems.append(LayoutProblem(first, "unit-split", f"a grid of {total} rows of cards is split "
                                          f"{'/'.join(str(len(rows_by_page[p])) for p in sorted(rows_by_page))}"))
    tables = [pages for key, pages in pages_of.items() if "ladder" in kinds[key][1] and kinds[key][0].tag == "table"]
    charts = [pages for key, pages in pages_of.items() if "salary" in kinds[key][1]]
    if tables and charts:
        gap = min(p[0] for p in charts) - max(tables[0])
        if gap > limits.MAX_PAGES_TABLE_TO_CHART:
            problems.append(LayoutProblem(min(p[0] for p in charts), "unit-split",
                                          f"the salary charts start {gap} pages after their table"))
    return problems


def check_document(document: Document, options: Options | None = None,
                   chart_labels: Mapping[str, Iterable[str]] | None = None) -> list[LayoutProblem]:
    """Every problem of every page, under the rule ids above.

    ``chart_labels`` are strings each kind of chart must print whole (stage,
    role and level names from the profile), asked of the kinds the document
    shows (figures' ``data-chart``): one missing was cut or mangled.
    """
    options = options or Options()
    readings = [PageReading(document, index) for index in range(len(document.pages))]
    root = next((p.box for p in readings[0].placed if getattr(p.box, "element_tag", None) == "html"), None)
    body_pt = root.style["font_size"] * PX_TO_PT if root is not None else 0.0
    small = options.page.small
    lang = options.lang
    problems: list[LayoutProblem] = []
    labels: list[str] = []
    content = [page for page in readings if page.name not in FURNITURE_PAGES]
    html = root.element if root is not None else None
    parent_of = {child: parent for parent in html.iter() for child in parent} if html is not None else {}
    for page in readings:
        problems += _overflow(page)
        before = len(labels)
        problems += _charts(page, labels)
        problems += _collisions(page)
        problems += _type_sizes(page, body_pt, small)
        problems += _numbers(page, lang, labels[before:])
        if page.name in FURNITURE_PAGES:
            continue
        problems += _line_lengths(page)
        following = readings[page.number] if page.number < len(readings) else None
        last = following is None or following.name in FURNITURE_PAGES
        problems += _stranded(page, last, following, parent_of)
        if options.format == "handout":
            if page.fill < limits.MIN_FILL_HANDOUT_SIDE:
                problems.append(LayoutProblem(page.number, "handout-unbalanced", f"this side is {page.fill:.0%} full "
                                              f"(at least {limits.MIN_FILL_HANDOUT_SIDE:.0%})"))
        elif last and page.fill < limits.MIN_FILL_LAST:
            problems.append(LayoutProblem(page.number, "page-sparse-last", f"only {page.fill:.0%} of the last page is "
                                          f"used (at least {limits.MIN_FILL_LAST:.0%})"))
        elif not last and page.fill < limits.MIN_FILL_INSIDE[small]:
            problems.append(LayoutProblem(page.number, "page-underfilled", f"only {page.fill:.0%} of the page is used "
                                          f"(at least {limits.MIN_FILL_INSIDE[small]:.0%})"))
    problems += _units(readings, parent_of)
    printed = " ".join(" ".join(labels).replace(WORD_JOINER, "").split())  # ties added by the typography
    shown = {element.get("data-chart") for element in html.iter()} if html is not None else set()
    for label in (label for kind, strings in (chart_labels or {}).items() if kind in shown for label in strings):
        if " ".join(label.split()) not in printed:
            problems.append(LayoutProblem(1, "chart-text-clipped", f"'{label}' is not printed whole in any chart"))
    if "₹" in " ".join(page.text() for page in content) and lang == "en" \
            and "lakh" not in " ".join(page.text() for page in readings):
        problems.append(LayoutProblem(1, "number-format", "rupee amounts without the word 'lakh' explaining them"))
    return sorted(problems, key=lambda p: (p.page, p.rule))
