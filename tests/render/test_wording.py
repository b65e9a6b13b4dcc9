"""Sentences the templates build around a career's title read as English."""

from __future__ import annotations

from booklet.content.loader import load
from booklet.options import Options
from tests.conftest import CONTENT


def test_headings_and_intros_use_the_titles_article(pipeline):
    html = pipeline.html(load(CONTENT / "careers" / "accountant.yaml"), Options())
    assert "What is an Accountant?" in html
    assert "How you become an Accountant depends" in html
    assert " a Accountant" not in html
