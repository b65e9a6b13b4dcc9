"""Back matter: fill a booklet to a multiple of four pages with something a student uses.

A booklet printed double-sided or saddle-stitched uses whole sheets of four
pages; the difference is a "My next steps" worksheet (one or two pages) and
notes pages, not blank paper.  The back matter is laid out on its own (a few
milliseconds) and its pages are joined to the booklet's, which keep their
"Page X of Y"; the back matter's pages carry no number.
"""

from __future__ import annotations

import datetime as dt

from weasyprint import Document

from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.options import Options
from booklet.render.context import worksheet_context
from booklet.render.html import render_html
from booklet.render.pdf import Renderer

# Each step: the ideas under each prompt, and how many writing lines fewer; tried in turn until the pages fit.
FITTING = ((4, 0), (3, 0), (2, 0), (1, 0), (1, 1), (0, 2), (0, 3))


def pages_to_fill(pages: int) -> int:
    return -pages % 4


def back_matter(renderer: Renderer, pages: int, careers: list[Career], options: Options, title: str,
                reviewed: dt.date, a_title: str | None = None, contact: bool = True) -> Document | None:
    """The worksheet and notes pages that bring ``pages`` to a multiple of four, or None.

    Its last page carries the school's contact block when there is a brand
    (and ``contact``: the booklet did not already end with it).
    """
    count = pages_to_fill(pages)
    if not has_back_matter(pages, options):
        return None
    context = worksheet_context(careers, options, count, title, reviewed, a_title, contact)
    # Longer prompts (a language's words, a career's links, a very long title) give up ideas first, then lines.
    for ideas, fewer in FITTING:
        document = renderer.layout(render_html("worksheet.html.j2", {**context, "ideas": ideas, "fewer": fewer}))
        if len(document.pages) <= count:
            break
    if len(document.pages) != count:  # the pages are sized to fit: a change that breaks that is a bug to see
        raise BookletError(f"the worksheet and notes came to {len(document.pages)} pages instead of {count}")
    return document


def has_back_matter(pages: int, options: Options) -> bool:
    return options.worksheet and pages_to_fill(pages) > 0


def with_back_matter(renderer: Renderer, document: Document, careers: list[Career], options: Options, title: str,
                     reviewed: dt.date, a_title: str | None = None, contact: bool = True) -> Document:
    back = back_matter(renderer, len(document.pages), careers, options, title, reviewed, a_title, contact)
    return document if back is None else document.copy([*document.pages, *back.pages])
