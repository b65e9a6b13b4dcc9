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
