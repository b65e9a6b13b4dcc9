"""Profile text is untrusted: markup and template syntax print literally."""

from __future__ import annotations

from booklet.options import Options
from tests.conftest import pdf_text

HOSTILE = '<img src="file:///etc/passwd"> <b>bold</b> {{ 7 * 7 }} {% raw %}'


def test_markup_and_template_syntax_are_escaped(pipeline, seed_career):
    overview = seed_career.overview.model_copy(update={"blend": HOSTILE})
    career = seed_career.model_copy(update={"overview": overview})
    html = pipeline.html(career, Options())
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt; &lt;b&gt;bold&lt;/b&gt; {{ 7 * 7 }} {% raw %}" in html
    assert "<b>bold</b>" not in html


def test_escaped_text_renders_literally_in_the_pdf(pipeline, seed_career):
    overview = seed_career.overview.model_copy(update={"blend": HOSTILE})
    career = seed_career.model_copy(update={"overview": overview})
    pdf = pipeline.pdf(career, Options()).pdf
    text = pdf_text(pdf)
    assert "<b>bold</b>" in text
    assert "{{ 7 * 7 }}" in text
