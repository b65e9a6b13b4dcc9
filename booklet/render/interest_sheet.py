"""The interest worksheet (``booklet interests``): one sheet a student ticks to find their interest code.

Six groups of six activities, one group per interest area (RIASEC), so each
group's ticks are that area's score from 0 to 6 and the three highest give a
code to read careers by.  The activities are ours (``booklet.interests``);
the sheet says it is a conversation starter, not a test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from booklet import interests
from booklet.i18n import Text
from booklet.options import Options
from booklet.render.context import furniture, onet_release
from booklet.render.html import render_html
from booklet.render.pdf import Rendered, Renderer

STYLESHEET = "interests.css"
EDITION_DATE = dt.date(2026, 11, 1)  # the PDF's date: the worksheet's own, so its bytes do not change by the day


def sheet_context(options: Options) -> dict[str, Any]:
    text = Text(options.lang)
    areas = [{"letter": letter, "name": text._(name), "about": text._(interests.ABOUT[letter]),
              "activities": [text._(item) for item in interests.WORKSHEET_ITEMS[letter]]}
             for letter, name in interests.AREAS.items()]
    title = text._("What kind of work would you enjoy?")
    return {
        "options": options,
        "text": text,
        "areas": areas,
        "release": "O*NET " + onet_release(),
        "meta": {"title": text._("Interest worksheet: %(title)s", title=title), "author": "",
                 "description": text._("A one-page interest worksheet: tick activities, total six scores, read off "
                                       "your interest code."),
                 "keywords": [text._("interests"), "RIASEC", text._("career guidance")],
                 "created": EDITION_DATE.isoformat()},
        **furniture(text, EDITION_DATE, options.brand),
    }


def interest_sheet(options: Options, renderer: Renderer | None = None) -> Rendered:
    """The worksheet as a PDF on ``options``' paper and in its language."""
    renderer = renderer or Renderer(options)
    css = next(path for folder in options.template_dirs if (path := folder / "css" / STYLESHEET).is_file())
    document = renderer.layout(render_html("interests.html.j2", sheet_context(options)),
                               css.read_text(encoding="utf-8"))
    return renderer.write(document)
