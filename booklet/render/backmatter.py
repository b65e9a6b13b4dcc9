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
from booklet.options import Options
from booklet.render.context import worksheet_context
from booklet.render.html import render_html
from booklet.render.pdf import Renderer


def pages_to_fill(pages: int) -> int:
    return -pages % 4


def back_matter(renderer: Renderer, pages: int, careers: list[Career], options: Options, title: str,
                reviewed: dt.date, a_title: str | None = None) -> Document | None:
    """The worksheet and notes pages that bring ``pages`` to a multiple of four, or None."""
    count = pages_to_fill(pages)
    if not options.worksheet or count == 0:
        return None
    context = worksheet_context(careers, options, count, title, reviewed, a_title)
    document = renderer.layout(render_html("worksheet.html.j2", context))
    return document.copy(document.pages[:count])


def with_back_matter(renderer: Renderer, document: Document, careers: list[Career], options: Options, title: str,
                     reviewed: dt.date, a_title: str | None = None) -> Document:
    back = back_matter(renderer, len(document.pages), careers, options, title, reviewed, a_title)
    return document if back is None else document.copy([*document.pages, *back.pages])
