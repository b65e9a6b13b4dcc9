"""Charts: vector SVG with real text, stable bytes, readable without colour."""

from __future__ import annotations

import itertools
import re

import pytest
from matplotlib.colors import to_rgb

from booklet.charts import education_charts, roles_chart, salary_chart
from booklet.charts.style import COLOR, GRAY, Look, svg_texts
from booklet.options import PAPERS


def _texts(chart) -> list[str]:
    return [text.text for text in svg_texts(chart.svg)]


def test_roles_chart_keys_each_slice_and_describes_itself(seed_career):
    chart = roles_chart(seed_career)
    texts = _texts(chart)
    for role in seed_career.roles:
        assert texts[texts.index(role.name) - 1] == f"{role.share}%"  # the share, then the name, in the key
        assert f"{role.name} {role.share}%" in chart.alt
    assert "font-family: 'Inter'" in chart.svg
    assert "<image" not in chart.svg  # nothing rasterised


def test_salary_axis_uses_the_regions_currency(seed_career):
    pay = {salary.region: salary for salary in seed_career.salary}
    us, india = salary_chart(pay["US"]), salary_chart(pay["IN"])
    assert {"$100K", "top 10% earn over $194.4K", "$63K–$90K"} <= set(_texts(us))
    assert {"₹20L", "₹5L–₹10L", "top 10% earn over ₹55L"} <= set(_texts(india))
    assert "Entry $63K–$90K" in us.alt and "₹55L" in india.alt
    assert "(estimate)" in us.alt


def test_education_charts_one_per_route_with_typical_spans_and_total(seed_career):
    charts = education_charts(seed_career, width_mm=174)
    assert len(charts) == len(seed_career.education.routes)
    for chart, route in zip(charts, seed_career.education.routes, strict=True):
        printed = " ".join(_texts(chart))
        for stage in route.stages:
            assert stage.stage in printed
    assert "2 yrs (2–4)" in _texts(charts[0])  # the typical length, then the range when it varies
    assert "1 yr (1–2) · optional" in _texts(charts[0])
    assert "Typically 5 yrs in all" in charts[0].alt  # 2 + 3, without the optional stage
    assert charts[0].outside == () and charts[0].collisions == ()


def test_svg_bytes_are_stable(seed_career):
    assert roles_chart(seed_career).svg == roles_chart(seed_career).svg
    assert "<dc:date>" not in roles_chart(seed_career).svg
    ids = re.findall(r'id="([^"]+)"', salary_chart(seed_career.salary[0]).svg)
    assert ids == re.findall(r'id="([^"]+)"', salary_chart(seed_career.salary[0]).svg)


def _luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("look", [COLOR, GRAY], ids=["color", "grayscale"])
def test_series_luminance_steps_apart(look: Look):
    levels = [_luminance(color) for color in look.palette]
    assert levels == sorted(levels)  # dark to light, one direction
    assert min(b - a for a, b in itertools.pairwise(levels)) > 0.05


def test_grayscale_charts_are_gray_and_patterned(seed_career):
    chart = roles_chart(seed_career, look=GRAY)
    fills = set(re.findall(r"fill: (#[0-9a-f]{6})", chart.svg))
    assert fills and all(c[1:3] == c[3:5] == c[5:7] for c in fills)  # no hue anywhere
    assert "<pattern" in chart.svg  # hatches separate neighbouring slices


def test_accent_text_has_contrast_on_white():
    # WCAG relative contrast (L1 + 0.05) / (L2 + 0.05) >= 4.5 for the top-10 % label.
    for look in (COLOR, GRAY):
        assert (1.05) / (_luminance(look.accent) + 0.05) >= 4.5


@pytest.mark.parametrize("paper", PAPERS)
def test_chart_text_stays_inside_the_drawing_and_clear_of_marks(seed_career, paper):
    """Text outside the SVG's box would be cut off in print; text over text or over a bar is unreadable."""
    width = PAPERS[paper].text_width_mm
    charts = [*(salary_chart(pay, width_mm=width, height_mm=37) for pay in seed_career.salary),
              roles_chart(seed_career, width_mm=width), roles_chart(seed_career, width_mm=width, height_mm=34),
              *education_charts(seed_career, width_mm=width)]
    for chart in charts:
        assert chart.outside == () and chart.collisions == (), chart.alt
