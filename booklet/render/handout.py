"""The two-page handout: one sheet, front and back, whatever the career.

Text is never clipped and never overflows.  The template shows as much as
``limits`` allows; if either side runs over its page, the next, stricter set
of limits is tried (fewer list items, then no hurdles, then no salary charts,
whose numbers stay in the table).  The first set under which the handout is
exactly two pages wins, so the rule is the same for every career.
"""

from __future__ import annotations

from weasyprint import Document

from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.options import Options
from booklet.render.context import build_context
from booklet.render.html import render_html
from booklet.render.pdf import Renderer

LIMITS = (
    {"lists": 5, "route": 5, "employers": 5, "hurdles": True, "salary_charts": True},
    {"lists": 4, "route": 4, "employers": 3, "hurdles": True, "salary_charts": True},
    {"lists": 3, "route": 4, "employers": 3, "hurdles": False, "salary_charts": True},
    {"lists": 3, "route": 3, "employers": 2, "hurdles": False, "salary_charts": False},
    {"lists": 2, "route": 3, "employers": 2, "hurdles": False, "salary_charts": False},
)


def qr_code(url: str) -> str:
    """The link as a QR code: a vector SVG data URI, error correction level M."""
    import segno  # only handouts need it; keep it off every build's start-up

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000000")


def fit_handout(renderer: Renderer, career: Career, options: Options) -> Document:
    """The laid-out handout under the first limits that give exactly two pages."""
    context = build_context(career, options)
    context["qr"] = qr_code(str(career.link.url))
    for limits in LIMITS:
        document = renderer.layout(render_html("handout.html.j2", {**context, "limits": limits}))
        if len(document.pages) == 2:
            return document
    raise BookletError(f"{career.slug}: the handout does not fit on two pages even with the shortest lists")

