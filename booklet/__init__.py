"""Career booklets: career profiles in YAML → print-ready PDF booklets and handouts.

The public API is what ``__all__`` lists; everything else may change.
The command line (``booklet``) is built on these same functions. (The
function is ``build``, not ``render``: ``booklet.render`` is a subpackage and
would replace a function of that name as soon as it is imported.)
"""

from __future__ import annotations

from booklet.content.loader import load
from booklet.content.model import Career
from booklet.errors import BookletError, ProfileError
from booklet.options import Options

__all__ = ["BookletError", "Career", "Options", "ProfileError", "build", "load"]


def build(career: Career, options: Options | None = None) -> bytes:
    """The PDF of one career: a booklet or handout as ``options`` say (default: A4 booklet)."""
    from booklet.pipeline import Pipeline  # WeasyPrint and matplotlib load only when rendering

    return Pipeline().pdf(career, options or Options()).pdf
