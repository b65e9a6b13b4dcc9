"""The public API is exactly what booklet.__all__ lists, and it works."""

from __future__ import annotations

import booklet
from tests.conftest import SEED, pdf_text


def test_public_names_are_pinned():
    assert sorted(booklet.__all__) == ["BookletError", "Career", "Options", "ProfileError", "build", "load"]
    assert issubclass(booklet.ProfileError, booklet.BookletError)


def test_load_and_build():
    import booklet.render.pdf

    career = booklet.load(SEED)
    pdf = booklet.build(career, booklet.Options(format="handout"))
    assert "Machine Learning Engineer" in pdf_text(pdf)
