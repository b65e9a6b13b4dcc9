"""Everything a template needs, built before any HTML is written.

Templates stay logic-free: they receive the model, the charts as data URIs
with their alt text, the paper, and plain strings for dates and money, all
computed here where it can be tested.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from booklet.charts import Chart, education_chart, roles_chart, salary_chart
from booklet.content.model import REGION_NAMES, Career

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Options:
    """How to render: everything besides the profile that changes the output."""

    paper: str = "a4"

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; choose one of {', '.join(PAPERS)}")


@dataclass(frozen=True)
class Figure:
    uri: str
    alt: str


def _figure(chart: Chart) -> Figure:
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return Figure(f"data:image/svg+xml;base64,{encoded}", chart.alt)


SECTIONS = (
    ("overview", "What is a {title}?"),
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


def build_context(career: Career, options: Options) -> dict[str, Any]:
    width = 174 if options.paper == "a4" else 178  # text block width, mm
    return {
        "career": career,
        "options": options,
        "regions": REGION_NAMES,
        "sections": [
            Section(f"{number:02d}", key, heading.format(title=career.title))
            for number, (key, heading) in enumerate(SECTIONS, start=1)
        ],
        "charts": {
            "roles": _figure(roles_chart(career, width_mm=width)),
            "education": _figure(education_chart(career, width_mm=width)),
            "salary": {pay.region: _figure(salary_chart(pay, width_mm=width)) for pay in career.salary},
        },
        "as_of": career.as_of.strftime("%B %Y"),
        "created": career.as_of.isoformat(),
    }
