"""Charts drawn from a career's data: SVG text for the booklet plus alt text.

One module per chart, all sharing ``style``.  Each returns a ``Chart`` so the
template can embed the vector drawing and describe it to screen readers.
"""

from __future__ import annotations

from booklet.charts.education import education_chart
from booklet.charts.roles import roles_chart
from booklet.charts.salary import salary_chart
from booklet.charts.style import Chart, Look, look

__all__ = ["Chart", "Look", "education_chart", "look", "roles_chart", "salary_chart"]
