"""No line breaks inside units of meaning, in profile text and in interface text alike."""

from __future__ import annotations

import pytest

from booklet.options import Options
from booklet.render.html import environment
from booklet.render.typography import NB_HYPHEN, NBSP, WORD_JOINER, tie


@pytest.mark.parametrize(("text", "tied"), [
    ("4 yrs", f"4{NBSP}yrs"),
    ("₹5L–₹10L", f"₹5L{WORD_JOINER}–{WORD_JOINER}₹10L"),
    ("United States", f"United{NBSP}States"),
    ("Mid-career", f"Mid{NB_HYPHEN}career"),
    ("Class 10", f"Class{NBSP}10"),
])
def test_tie_joins_units_ranges_phrases_and_compounds(text, tied):
    assert tie(text) == tied


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_interface_text_is_tied_too(lang):
    """The templates' _() returns Markup, which the environment's finalize leaves alone: tied at lookup."""
    rendered = environment(Options().template_dirs, lang).from_string('{{ _("Mid-career") }}').render()
    assert rendered == (f"Mid{NB_HYPHEN}career" if lang == "en" else "मध्य करियर")


@pytest.mark.parametrize("words", ["के 50%", "कु 50", "फे 50", "कं 50", "के (50)"])
def test_a_space_after_devanagari_prints_as_a_space(pipeline, words):
    """Noto Sans Devanagari's hooked consonants under a matra overhang their advance and count on kerning with the
    space after them: a space drawn in another font printed "के 50%" as "के50%".  Seen on the page: between the
    Hindi word and the number there must be a blank gap of about a space (0.26 em), wider than any inside them."""
    import numpy
    import pypdfium2

    size_pt, scale = 24, 4
    html = (f'<html lang="hi"><head><title>-</title></head><body>'
            f'<p style="font-size: {size_pt}pt; margin: 0">{words}</p></body></html>')
    options = Options(paper="a5", lang="hi")
    renderer = pipeline.renderer(options)
    page = pypdfium2.PdfDocument(renderer.write(renderer.layout(html)).pdf)[0]
    ink = numpy.asarray(page.render(scale=scale, grayscale=True).to_pil()) < 128
    rows = numpy.flatnonzero(ink.any(axis=1))
    line = ink[rows[0]:rows[0] + int(1.6 * size_pt * scale)]  # the paragraph's line, not the page's footer
    columns = numpy.flatnonzero(line.any(axis=0))
    widest_gap = int(numpy.diff(columns).max()) - 1
    assert widest_gap >= 0.18 * size_pt * scale, f"{words!r}: widest blank gap {widest_gap / (size_pt * scale):.2f} em"
