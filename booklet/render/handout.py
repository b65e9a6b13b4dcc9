"""The two-page handout: one sheet, front and back, both sides full, whatever the career.

Text is never clipped and never overflows.  After the title and the facts,
the handout is a fixed sequence of blocks (roles, paths, skills, pay table,
pay charts, "is it for you", sources); ``split`` says how many of them go on
the front.  For each set of limits, from everything down to the shortest
lists, the blocks are laid out once on one tall page to measure them.  The
first set of limits whose blocks fit on the sheet wins, so an item is dropped
only when nothing else can give.  Within it, the split and the number of
skills shown (the one block that may grow or shrink, from none to all) are
the ones that leave both sides fullest.  The rule is the same for every career.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from weasyprint import Document
from weasyprint.formatting_structure import boxes

from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.options import Options
from booklet.render.context import build_context
from booklet.render.html import render_html
from booklet.render.layout_check import PageReading
from booklet.render.pdf import Renderer
from booklet.render.qr import qr_code
from booklet.render.thresholds import MIN_FILL_HANDOUT_SIDE

BLOCKS = ("roles", "paths", "skills", "growth", "charts", "summary", "foot")  # in order (templates/handout.html.j2)
FLEXIBLE = "skills"  # shows as many of its items as fit
MIN_FLEXIBLE_ITEMS = 2  # a fit that keeps fewer skills than this is taken only when no later step keeps more
EVERYTHING = {"lists": 5, "route": 5, "employers": 4, "hurdles": True, "salary_charts": 3, "roles_chart": True,
              "sources": True, "summary": True, "related": True,
              "interests_sentence": True, "advice": True, "experience": True, "credits": True}
# What gives way, in order, each step on top of the ones before: first the charts that repeat the pay
# table, then the sources' full titles (their publishers and years stay), then list items.
GIVE_WAY = (
    {"salary_charts": 2},
    {"salary_charts": 1},
    {"salary_charts": 0},
    {"sources": False},
    {"related": False, "interests_sentence": False},  # the related careers; the interests as a code by the heading
    {"lists": 4, "route": 4, "employers": 3},
    {"summary": False},  # the overview's one line instead of its paragraph
    {"lists": 3, "employers": 2, "hurdles": False},
    {"roles_chart": False, "route": 3},
    {"employers": 0},
    {"experience": False},  # the years of each level (the booklet has them): the pay columns get the width
    {"lists": 2},
    {"advice": False},  # the closing advice, when a long career still needs the room
    {"credits": False},  # the datasets' credits in their shortest form
)
LIMITS = tuple(accumulate(GIVE_WAY, lambda limits, step: {**limits, **step}, initial=EVERYTHING))
# One page tall enough for every block, the back side run on: where each block starts is its size.
MEASURE_SLACK = 0.02
TALL_PAGE = "@page { size: %.2fmm 3000mm; } .side-back { break-before: auto; }"


@cache
def _side_height(renderer: Renderer) -> float:
    """The height of a side's text area on this renderer's paper."""
    reading = PageReading(renderer.layout('<html lang="en"><title>-</title><p>-</p></html>'), 0)
    return reading.bottom - reading.top


@dataclass(frozen=True)
class Measured:
    """Where each block starts on the tall page, where each flexible item ends, and where it all ends."""

    top: float
    starts: dict[str, float]
    item_ends: list[float]
    end: float

    def size(self, first: int, last: int, items: int) -> float:
        """The height of blocks ``first``..``last - 1`` with ``items`` of the flexible block's items."""
        start = self.starts[BLOCKS[first]] if first else self.top
        stop = self.starts[BLOCKS[last]] if last < len(BLOCKS) else self.end
        flexible = BLOCKS.index(FLEXIBLE)
        if first <= flexible < last and items < len(self.item_ends):
            after = self.starts[BLOCKS[flexible + 1]]
            kept = self.item_ends[items - 1] + (after - self.item_ends[-1]) if items else self.starts[FLEXIBLE]
            stop -= after - kept
        return stop - start


def _measure(renderer: Renderer, context: dict, limits: dict, items: int, width_mm: float) -> Measured:
    tall = renderer.layout(render_html("handout.html.j2", {**context, "limits": {**limits, FLEXIBLE: items},
                                                           "split": len(BLOCKS)}), TALL_PAGE % width_mm)
    reading = PageReading(tall, 0)
    starts: dict[str, float] = {}
    ends: dict[int, float] = {}
    end = reading.top
    for placed in reading.placed:
        box, element = placed.box, getattr(placed.box, "element", None)
        if element is None or not isinstance(box, boxes.BlockBox):
            continue
        if name := element.get("data-block"):
            starts.setdefault(name, box.position_y)
            # A block ends at its border box: a card's padding counts, its bottom margin falls at a page end.
            end = max(end, box.border_box_y() + box.border_height())
        if element.get("data-item") == FLEXIBLE:
            ends[id(element)] = max(ends.get(id(element), 0.0), box.position_y + box.margin_height())
    return Measured(reading.top, starts, sorted(ends.values()), end)


def _choices(measured: Measured, side: float, slack: float = MEASURE_SLACK) -> list[tuple[float, int, int]]:
    """For each split whose sides both fit, its best (how full the emptier side is, split, items), fullest first.

    A side must fit with ``slack`` to spare: a block at the top of a page
    keeps margins the tall page collapses.
    """
    room = side * (1 - slack)
    best: dict[int, tuple[float, int, int]] = {}
    for split in range(1, len(BLOCKS)):
        for items in range(len(measured.item_ends) + 1):
            front, back = measured.size(0, split, items), measured.size(split, len(BLOCKS), items)
            if front <= room and back <= room:
                best[split] = max(best.get(split, (0.0, split, 0)), (min(front, back) / side, split, items))
    return sorted(best.values(), reverse=True)


def fit_handout(renderer: Renderer, career: Career, options: Options) -> Document:
    """The laid-out handout: exactly two pages, both sides as full as the content allows.

    The first step of ``LIMITS`` at which the sides fit is taken, unless it fits only by dropping (nearly)
    every skill: then later steps, which shorten other things, are tried first.
    """
    context = {**build_context(career, options), "qr": qr_code(str(career.link.url)), "blocks": BLOCKS}
    side = _side_height(renderer)
    total = len(getattr(career, FLEXIBLE))
    measured: dict[int, Measured] = {}  # each step's tall page, laid out once for both passes
    # Measured with some room to spare first; a sheet that fits only to the millimetre is tried last
    # (every choice is laid out to confirm it before it is taken).
    for slack in (MEASURE_SLACK, 0.0):
        fallback = None
        for level, limits in enumerate(LIMITS):
            if level not in measured:
                measured[level] = _measure(renderer, context, limits, total, options.page.width_mm)
            choices = _choices(measured[level], side, slack)
            keeping = [choice for choice in choices if choice[2] >= min(MIN_FLEXIBLE_ITEMS, total)]
            if not keeping:
                fallback = fallback or ((level, limits, choices) if choices else None)
                continue
            if (document := _laid_out(renderer, context, side, total, options, level, limits, keeping)) is not None:
                return document
        if fallback and (document := _laid_out(renderer, context, side, total, options, *fallback)) is not None:
            return document
    raise BookletError(f"{career.slug}: the handout does not fit on two pages even with the shortest lists")


def _laid_out(renderer: Renderer, context: dict, side: float, total: int, options: Options, level: int,
              limits: dict, choices: list[tuple[float, int, int]]) -> Document | None:
    """The best of ``choices`` laid out; when its emptier side is under the balance rule, what an earlier step
    took is given back, a step at a time, while the sides then fit fuller and keep every item."""
    if choices[0][0] < MIN_FILL_HANDOUT_SIDE:
        for step in reversed(GIVE_WAY[:level]):
            restored = {**limits, **{key: EVERYTHING[key] for key in step}}
            better = [choice for choice in _choices(_measure(renderer, context, restored, total, options.page.width_mm),
                                                    side) if choice[2] >= choices[0][2]]
            if better and better[0][0] > choices[0][0]:
                limits, choices = restored, better
                if choices[0][0] >= MIN_FILL_HANDOUT_SIDE:
                    break
    for _fill, split, items in choices[:3]:
        document = renderer.layout(render_html("handout.html.j2", {**context, "limits": {**limits, FLEXIBLE: items},
                                                                   "split": split}))
        if len(document.pages) == 2:
            return document
    return None
