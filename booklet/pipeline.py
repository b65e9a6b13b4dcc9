"""One career, end to end: validated model → HTML → PDF bytes.

The stages are plain functions in their own modules; this module only chains
them, so batch builds, tests and the CLI all run the exact same path.
"""

from __future__ import annotations

from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.render.collection import render_collection
from booklet.render.context import Options, build_context
from booklet.render.html import render_html
from booklet.render.pdf import Rendered, Renderer


class Pipeline:
    """Reusable builder: keeps one ``Renderer`` per paper size."""

    def __init__(self) -> None:
        self._renderers: dict[str, Renderer] = {}

    def renderer(self, options: Options) -> Renderer:
        if options.paper not in self._renderers:
            self._renderers[options.paper] = Renderer(options.paper)
        return self._renderers[options.paper]

    def html(self, career: Career, options: Options) -> str:
        return render_html("booklet.html.j2", build_context(career, options))

    def pdf(self, career: Career, options: Options) -> Rendered:
        return self.renderer(options).render(self.html(career, options))

    def collection(self, collection: Collection, careers: list[Career], options: Options) -> Rendered:
        return render_collection(self.renderer(options), collection, careers, options)
