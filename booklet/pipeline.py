"""One career, end to end: validated model → HTML → PDF bytes.

The stages are plain functions in their own modules; this module only chains
them, so batch builds, tests and the CLI all run the exact same path.
"""

from __future__ import annotations

from weasyprint import Document

from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.options import Options
from booklet.render.collection import render_collection
from booklet.render.context import build_context
from booklet.render.handout import fit_handout
from booklet.render.html import render_html
from booklet.render.impose import impose_rendered
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
        return self.renderer(options).layout(self.html(career, options))

    def pdf(self, career: Career, options: Options) -> Rendered:
        rendered = self.renderer(options).write(self.layout(career, options))
        return impose_rendered(rendered, options)

    def collection(self, collection: Collection, careers: list[Career], options: Options) -> Rendered:
        if options.format == "handout":
            raise BookletError("a collection is a booklet; build its careers with --format handout instead")
        return impose_rendered(render_collection(self.renderer(options), collection, careers, options), options)
