"""One career, end to end: validated model → HTML → PDF bytes.

The stages are plain functions in their own modules; this module only chains
them, so batch builds, tests and the CLI all run the exact same path.
"""

from __future__ import annotations

from dataclasses import replace

from weasyprint import Document

from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.options import Options
from booklet.render.backmatter import has_back_matter, with_back_matter
from booklet.render.collection import layout_collection, render_collection, render_handout_pack
from booklet.render.compare import layout_sheet
from booklet.render.context import build_context
from booklet.render.handout import fit_handout
from booklet.render.html import render_html
from booklet.render.impose import impose_rendered
from booklet.render.layout_check import tightest
from booklet.render.pdf import Rendered, Renderer


class Pipeline:
    """Reusable builder: keeps one ``Renderer`` per set of style options."""

    def __init__(self) -> None:
        self._renderers: dict[tuple, Renderer] = {}

    def renderer(self, options: Options) -> Renderer:
        key = (options.paper, options.format, options.grayscale, options.pdf_variant, options.templates)
        if key not in self._renderers:
            self._renderers[key] = Renderer(options)
        return self._renderers[key]

    def html(self, career: Career, options: Options) -> str:
        return render_html("booklet.html.j2", build_context(career, options))

    def layout(self, career: Career, options: Options) -> Document:
        """The laid-out pages of a booklet or handout, before they are written."""
        if options.format == "handout":
            return fit_handout(self.renderer(options), career, options)
        renderer = self.renderer(options)
        context = build_context(career, options)
        # A few lines ran onto a page of their own, or a block just missed the room left on a page:
        # set the closing notes, then everything, a little tighter, and keep what falls short less.
        document, tight = tightest(lambda tight: renderer.layout(render_html("booklet.html.j2",
                                                                             {**context, "tight": tight})),
                                   options.page.small)
        context = {**context, "tight": tight}
        # A school's contact block goes on the back matter's last page; with none, the booklet ends with it.
        contact_at_end = options.brand is not None and not has_back_matter(len(document.pages), options)
        if contact_at_end:
            document = renderer.layout(render_html("booklet.html.j2", {**context, "contact": True}))
        # The back matter speaks the booklet's language: an untranslated career is English throughout.
        return with_back_matter(renderer, document, [career], replace(options, lang=career.lang), career.title,
                                career.as_of, career.a_title, contact=not contact_at_end)

    def pdf(self, career: Career, options: Options) -> Rendered:
        rendered = self.renderer(options).write(self.layout(career, options))
        return impose_rendered(rendered, options)

    def layout_compare(self, careers: list[Career], options: Options) -> Document:
        """A comparison sheet's pages, before they are written (the layout check)."""
        return layout_sheet(self.renderer(replace(options, format="booklet")), careers, options)

    def compare(self, careers: list[Career], options: Options) -> Rendered:
        """A comparison sheet of two to four careers: one or two pages, never imposed."""
        document = self.layout_compare(careers, options)
        return self.renderer(replace(options, format="booklet")).write(document)

    def layout_collection(self, collection: Collection, careers: list[Career], options: Options) -> Document:
        """A collection's pages in one document, before they are written (the layout check)."""
        return layout_collection(self.renderer(options), collection, careers, options)

    def collection(self, collection: Collection, careers: list[Career], options: Options) -> Rendered:
        renderer = self.renderer(options)
        if options.format == "handout":
            handouts = [fit_handout(renderer, career, options) for career in careers]
            return impose_rendered(render_handout_pack(renderer, collection, careers, options, handouts), options)
        return impose_rendered(render_collection(renderer, collection, careers, options), options)
