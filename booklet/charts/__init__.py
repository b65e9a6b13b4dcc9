"""Charts drawn from a career's data: SVG text for the booklet plus alt text.

One module per chart, all sharing ``style``.  Each returns a ``Chart`` so the
template can embed the vector drawing and describe it to screen readers.
"""

from __future__ import annotations

from booklet.charts.education import education_charts
from booklet.charts.interests import interests_chart
from booklet.charts.roles import roles_chart
from booklet.charts.salary import salary_chart
from booklet.charts.style import Chart, Look, look
from booklet.content.model import Career
from booklet.i18n import Text
from booklet.interests import AREAS

__all__ = ["Chart", "Look", "chart_labels", "education_charts", "interests_chart", "look", "roles_chart",
           "salary_chart"]


def chart_labels(career: Career, text: Text | None = None) -> dict[str, tuple[str, ...]]:
    """What each kind of chart must print whole: role names, stage names, level names.

    Keyed like the figures' ``data-chart`` in the templates, so the layout
    check asks this only of the charts an output shows (a handout may give
    its charts up for room).
    """
    text = text or Text.default()
    return {
        "roles": tuple(role.name for role in career.roles),
        "education": tuple(dict.fromkeys(stage.stage for route in career.education.routes for stage in route.stages)),
        "salary": tuple(text._(title) for title, _band in career.salary[0].levels.bands()),
        "interests": tuple(text._(name) for name in AREAS.values()),
    }
