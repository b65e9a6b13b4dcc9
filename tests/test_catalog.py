"""Every shipped career builds into a complete booklet."""

from __future__ import annotations

import pytest

from booklet.catalog import all_profiles
from booklet.content.loader import load
from booklet.options import Options
from tests.conftest import CONTENT, pdf_text

PROFILES = all_profiles(CONTENT)


def test_catalog_spans_fields_and_required_careers():
    careers = [load(path) for path in PROFILES]
    titles = {career.title for career in careers}
    required = {"Accountant", "Data Analyst", "Software Developer", "Registered Nurse", "Electrician",
                "Civil Engineer", "Secondary School Teacher", "Graphic Designer", "Pharmacist", "Chef",
                "Lawyer", "Physiotherapist", "Mechanical Engineer", "Digital Marketer", "Machine Learning Engineer"}
    assert required <= titles
    assert len({career.field for career in careers}) >= 8
    assert len(careers) >= 40
    for career in careers:
        regions = {pay.region for pay in career.salary}
        assert regions >= {"IN", "EU"}  # Europe's pay, for the country it covers
        if career.occupation.match != "none":  # no U.S. equivalent: the booklet says so instead
            assert "US" in regions
            us = next(pay for pay in career.salary if pay.region == "US")
            assert career.source(us.source).year >= 2025  # BLS OEWS May 2025
        assert career.tags


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_career_builds(pipeline, profile):
    career = load(profile)
    rendered = pipeline.pdf(career, Options())
    assert rendered.pages % 4 == 0 and 8 <= rendered.pages <= 16  # whole sheets, the last filled by the worksheet
    text = pdf_text(rendered.pdf)
    assert career.title in text
    for pay in career.salary:
        assert career.source(pay.source).publisher in text
    assert "ESTIMATE" in text or not any(pay.estimate for pay in career.salary)
