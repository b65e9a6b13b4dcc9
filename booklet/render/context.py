"""Everything a template needs, built before any HTML is written.

Templates stay logic-free: they receive the model, the charts as data URIs
with their alt text, the paper, and plain strings for dates and money, all
computed here where it can be tested.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from booklet.charts import Chart, education_chart, look, roles_chart, salary_chart
from booklet.content.model import Career
from booklet.i18n import REGION_NAMES
from booklet.options import Options


@dataclass(frozen=True)
class Figure:
    uri: str
    alt: str


def _figure(chart: Chart) -> Figure:
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return Figure(f"data:image/svg+xml;base64,{encoded}", chart.alt)


SECTIONS = (
    ("overview", "What is {a_title}?"),
    ("roles", "Types of roles"),
    ("paths", "The path to get there"),
    ("education", "Education"),
    ("week", "A week in the life"),
    ("growth", "Career growth & salary"),
    ("skills", "Essential skills"),
    ("truths", "The human truths & trade-offs"),
    ("toolkit", "Your toolkit"),
    ("faq", "Frequently asked questions"),
    ("summary", "Is this career for you?"),
    ("sources", "Sources & notes"),
)


@dataclass(frozen=True)
class Section:
    number: str
    key: str
    heading: str
    anchor: str  # the element id; prefixed by the career's slug inside a collection


def charts(career: Career, options: Options) -> dict[str, Any]:
    """Every chart of a career, sized for the paper's text block (true-size type)."""
    width, style = options.page.text_width_mm, look(options.grayscale)
    if options.format == "handout":
        shrink = options.page.height_mm / 297  # one sheet: charts scale with the paper
        return {
            "roles": _figure(roles_chart(career, width_mm=width, height_mm=46 * shrink, look=style)),
            "salary": {pay.region: _figure(salary_chart(pay, width_mm=width, height_mm=40 * shrink, look=style))
                       for pay in career.salary},
        }
    return {
        "roles": _figure(roles_chart(career, width_mm=width, look=style)),
        "education": _figure(education_chart(career, width_mm=width, look=style)),
        "salary": {pay.region: _figure(salary_chart(pay, width_mm=width, look=style)) for pay in career.salary},
    }


def build_context(
    career: Career, options: Options, prefix: str = "", page_numbers: dict[str, int] | None = None
) -> dict[str, Any]:
    """The template context for one career.

    ``prefix`` keeps element ids unique when several careers share a document;
    ``page_numbers`` (section key → page) replaces target-counter() when a
    collection is rendered in parts and numbered by us.
    """
    return {
        "career": career,
        "options": options,
        "regions": REGION_NAMES,
        "sections": [
            Section(f"{number:02d}", key, heading.format(a_title=career.a_title), f"{prefix}{key}")
            for number, (key, heading) in enumerate(SECTIONS, start=1)
        ],
        "prefix": prefix,
        "page_numbers": page_numbers,
        "meta": {
            "title": f"{career.title}: career {options.format}",
            "author": "Career booklet generator",
            "description": f"What {career.a_title} does, how to become one, pay and day-to-day life; "
                           f"reviewed {career.as_of.strftime('%B %Y')}.",
            "keywords": [career.title, career.field, "careers", "career guidance", *career.tags],
            "created": career.as_of.isoformat(),
        },
        "charts": charts(career, options),
        "as_of": career.as_of.strftime("%B %Y"),
    }
