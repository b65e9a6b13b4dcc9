"""WeasyPrint, configured once and reused for every document.

Parsing the stylesheets and loading the fonts costs more than laying out a
short booklet, so a ``Renderer`` keeps its ``FontConfiguration``, parsed
``CSS`` objects and image cache for as many documents as it renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydyf
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from booklet import paths
from booklet.errors import BookletError, FetchRefused
from booklet.options import Options
from booklet.render.fetcher import ProjectFetcher

STYLESHEETS = ("fonts.css", "variables.css", "page.css", "base.css", "components.css", "compare.css")


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


def _finish(document: Document, pdf: pydyf.PDF) -> None:
    """Finisher: what WeasyPrint leaves out of an accessible PDF.

    Viewers show the document title, not the file name (PDF/UA, WCAG); and
    every table header cell says whether it heads a column or a row
    (``/Scope``), which assistive technology reads and WeasyPrint does not
    write.  WeasyPrint names each header cell ``table-row-column``: a header
    in the first column of a body row heads its row, any other its column.
    """
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("S") == "/TH" and "ID" in item:
            _table, row, column = item["ID"].data.decode().strip("()").rsplit("-", 2)
            scope = "/Row" if column == "0" and row != "0" else "/Column"
            attributes = item.get("A") or pydyf.Dictionary({"O": "/Table"})
            attributes["Scope"] = scope
            item["A"] = attributes


class Renderer:
    """Turns booklet HTML into PDF bytes for one set of style options."""

    def __init__(self, options: Options):
        self.template_dirs = options.template_dirs
        self.fetcher = ProjectFetcher((*self.template_dirs, paths.ASSETS))
        self.fonts = FontConfiguration()
        self.pdf_variant = options.pdf_variant
        names = [*STYLESHEETS, *options.page.stylesheets]
        if options.format == "handout":
            names += ["handout.css", "handout-small.css"] if options.page.small else ["handout.css"]
        if options.grayscale:
            names.append("grayscale.css")
        self.stylesheets = [CSS(filename=self._stylesheet(name), url_fetcher=self.fetcher, font_config=self.fonts)
                            for name in names]
        self.cache: dict = {}

    def _stylesheet(self, name: str) -> Path:
        """``css/<name>`` from the first template folder that has it (a user's folder overrides ours)."""
        return next(path for folder in self.template_dirs if (path := folder / "css" / name).is_file())

    def layout(self, html: str, extra_css: str = "") -> Document:
        """Lay out ``html`` (plus ``extra_css``, e.g. page-number offsets) into pages."""
        source = HTML(string=html, base_url=self.template_dirs[-1].as_uri() + "/", url_fetcher=self.fetcher)
        sheets = self.stylesheets + ([CSS(string=extra_css, font_config=self.fonts)] if extra_css else [])
        try:
            return source.render(stylesheets=sheets, font_config=self.fonts, cache=self.cache)
        except FatalURLFetchingError as exc:
            cause = exc.__cause__
            if isinstance(cause, FetchRefused):
                raise cause from None
            raise BookletError(f"{exc}: {cause}") from None

    def render(self, html: str, extra_css: str = "") -> Rendered:
        document = self.layout(html, extra_css)
        return self.write(document)

    def write(self, document: Document) -> Rendered:
        pdf = document.write_pdf(pdf_variant=self.pdf_variant, finisher=_finish)
        # Charts arrive as data: URIs unique to one career; keeping them would grow a
        # long-lived worker's image cache without bound. Project files stay cached.
        for url in [url for url in self.cache if isinstance(url, str) and url.startswith("data:")]:
            del self.cache[url]
        return Rendered(pdf, len(document.pages))
