"""How to render: everything besides the content that changes the output.

Options travel with every job (to workers and Dask) and are part of each
output's digest, so they are a small frozen dataclass of plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from booklet import paths
from booklet.content.brand import Brand
from booklet.i18n import LANGUAGES


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float
    side_margin_mm: float  # must match templates/css/paper/<name>.css
    sheet: str  # the paper two of these pages are imposed on, for saddle stitching
    small: bool = False  # also styled by templates/css/paper/small.css

    @property
    def stylesheets(self) -> tuple[str, ...]:
        return ("paper/small.css", f"paper/{self.name}.css") if self.small else (f"paper/{self.name}.css",)

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - 2 * self.side_margin_mm


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", 210, 297, 18, sheet="a4"),
    "letter": Paper("letter", 215.9, 279.4, 19, sheet="letter"),
    "a5": Paper("a5", 148, 210, 13, sheet="a4", small=True),
    "half-letter": Paper("half-letter", 139.7, 215.9, 13, sheet="letter", small=True),
}
FORMATS = ("booklet", "handout")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
IMPOSITIONS = ("saddle",)


@dataclass(frozen=True)
class Options:
    paper: str = "a4"
    format: str = "booklet"
    grayscale: bool = False
    pdf_variant: str = "pdf/ua-1"  # tagged and accessible unless archiving is asked for
    impose: str | None = None
    templates: str | None = None  # a user's template folder, searched before the built-in one
    lang: str = "en"  # the edition's language: interface text, numbers and, where translated, the career
    worksheet: bool = True  # fill a booklet to a multiple of four pages with a worksheet and notes
    blank_pages: bool = True  # a collection's chapters start on a right-hand page, after a blank one if need be
    brand: Brand | None = None  # a school's name, logo, counselor and colour (booklet.content.brand)
    us_state: str | None = None  # a state's postal code: U.S. pay from that state's OEWS figures (booklet.wages)
    # The catalog a career is printed among, (slug, title, O*NET-SOC code) each: its related careers come from
    # it (booklet.related). Set by the build from the content folder; empty, a booklet lists none.
    catalog: tuple[tuple[str, str, str], ...] = ()

    def __post_init__(self) -> None:
        for value, allowed, what in ((self.paper, PAPERS, "paper"), (self.format, FORMATS, "format"),
                                     (self.pdf_variant, PDF_VARIANTS, "PDF variant")):
            if value not in allowed:
                raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(allowed)}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}; choose one of {', '.join(LANGUAGES)}")
        if self.impose is not None and self.impose not in IMPOSITIONS:
            raise ValueError(f"unknown imposition {self.impose!r}")

    @property
    def page(self) -> Paper:
        return PAPERS[self.paper]

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates and CSS are looked up, first match wins: the user's folder, then ours."""
        return (Path(self.templates).resolve(), paths.TEMPLATES) if self.templates else (paths.TEMPLATES,)
