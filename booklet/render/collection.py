"""A collection booklet: shared front matter, then each career as a chapter.

Up to ``SINGLE_DOCUMENT_LIMIT`` careers are laid out as one WeasyPrint
document, so the engine numbers pages and the contents itself (target-counter).
A larger collection would not fit in memory that way (about 1.5 MB per page
laid out), so it is rendered in parts: a first pass lays out each part alone
to learn its length and where its sections start, a second pass renders each
part knowing its first page number and the total, and the parts are joined
with pikepdf under one outline.  A chapter's length does not depend on the
number its first page gets, which is what makes the two passes agree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from weasyprint import Document

from booklet import gc_policy
from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.i18n import REGION_NAMES
from booklet.options import Options
from booklet.render.context import build_context
from booklet.render.html import render_html
from booklet.render.pdf import Rendered, Renderer

SINGLE_DOCUMENT_LIMIT = 24
PLACEHOLDER_PAGE = 999  # as wide as any real page number, so pass 1 lays out like pass 2


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    field: str


@dataclass(frozen=True)
class Part:
    """One laid-out part of a collection: its length and where anchors fall."""

    pages: int
    anchors: dict[str, int]  # anchor id → 0-based page within the part


def _front_context(collection: Collection, careers: list[Career], options: Options) -> dict[str, Any]:
    reviewed = max(career.as_of for career in careers)
    return {
        "meta": {
            "title": f"{collection.title}: career collection",
            "author": "Career booklet generator",
            "description": f"{collection.subtitle}. {len(careers)} careers: "
                           + ", ".join(career.title for career in careers) + ".",
            "keywords": [collection.title, "careers", "career guidance", *(c.title for c in careers)],
            "created": reviewed.isoformat(),
        },
        "options": options,
        "regions": REGION_NAMES,
        "collection": {
            "title": collection.title,
            "subtitle": collection.subtitle,
            "audience": collection.audience,
            "paragraphs": [p.strip() for p in collection.introduction.split("\n\n") if p.strip()],
            "careers_count": len(careers),
            "reviewed": reviewed.strftime("%B %Y"),
        },
        "toc": [TocEntry(f"{career.slug}-cover", career.title, career.field) for career in careers],
        "toc_pages": None,
        "chapters": [],
    }


def _prefix(career: Career) -> str:
    return f"{career.slug}-"


def _footer_css(first_page: int, total: int) -> str:
    return (
        f"@page:first {{ counter-reset: page {first_page}; }}\n"
        f'@page {{ @bottom-right {{ content: "Page " counter(page) " of {total}"; }} }}\n'
    )


def _part_of(document: Document) -> Part:
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return Part(len(document.pages), anchors)


# Each part's layout is garbage once measured or written: both passes collect
# after every part, so a hundred of them never pile up.
def _measure(renderer: Renderer, html: str) -> Part:
    part = _part_of(renderer.layout(html))
    gc_policy.collect()
    return part


def _render_part(renderer: Renderer, html: str, extra_css: str) -> bytes:
    pdf = renderer.render(html, extra_css).pdf
    gc_policy.collect()
    return pdf


def render_collection(
    renderer: Renderer,
    collection: Collection,
    careers: list[Career],
    options: Options,
    in_parts: bool | None = None,
) -> Rendered:
    """Render ``careers`` as one collection PDF; ``in_parts`` forces a strategy (tests)."""
    front = _front_context(collection, careers, options)
    if in_parts is None:
        in_parts = len(careers) > SINGLE_DOCUMENT_LIMIT
    if not in_parts:
        front["chapters"] = [build_context(career, options, prefix=_prefix(career)) for career in careers]
        return renderer.render(render_html("collection.html.j2", front))
    return _render_in_parts(renderer, front, careers, options)


def _render_in_parts(renderer: Renderer, front: dict[str, Any], careers: list[Career], options: Options) -> Rendered:
    # Pass 1: lengths and anchor pages, with placeholder numbers of the final width.
    front["toc_pages"] = {entry.anchor: PLACEHOLDER_PAGE for entry in front["toc"]}
    front_part = _measure(renderer, render_html("collection.html.j2", front))
    # Contexts (with their charts) are built once and reused by pass 2: only page numbers change.
    contexts = [build_context(career, options, prefix=_prefix(career)) for career in careers]
    chapter_parts = []
    for context in contexts:
        context["page_numbers"] = {section.key: PLACEHOLDER_PAGE for section in context["sections"]}
        chapter_parts.append(_measure(renderer, render_html("booklet.html.j2", context)))

    starts, page = [], 1 + front_part.pages
    for part in chapter_parts:
        starts.append(page)
        page += part.pages
    total = page - 1

    # Pass 2: the same parts, now with their real page numbers.
    front["toc_pages"] = {f"{c.slug}-cover": start for c, start in zip(careers, starts, strict=True)}
    pdfs = [_render_part(renderer, render_html("collection.html.j2", front), _footer_css(1, total))]
    outline: list[tuple[str, int, list[tuple[str, int]]]] = [
        (title, front_part.anchors[anchor], []) for anchor, title in (("introduction", "Introduction"),
                                                                       ("contents", "Contents"))
    ]
    for career, context, start, part in zip(careers, contexts, starts, chapter_parts, strict=True):
        first = {s.key: start + part.anchors[s.anchor] for s in context["sections"]}
        context["page_numbers"] = first
        pdfs.append(_render_part(renderer, render_html("booklet.html.j2", context), _footer_css(start, total)))
        outline.append((career.title, start - 1, [(s.heading, first[s.key] - 1) for s in context["sections"]]))
    return Rendered(_join(pdfs, front["meta"], outline), total)


def _join(pdfs: list[bytes], meta: dict[str, Any], outline: list[tuple[str, int, list[tuple[str, int]]]]) -> bytes:
    """Concatenate the parts into one PDF that keeps what each part was: tagged, and PDF/A when asked.

    Pages are copied with their structure: each part's tagged content goes
    under one ``Document`` element, its ``StructParents`` keys are shifted past
    the previous parts', and the parent trees are merged, so the joined file is
    as accessible as a collection laid out in one piece.  The first part's
    XMP metadata (PDF/UA or PDF/A identification) and output intent are kept.
    The whole gets one outline and one set of metadata.
    """
    import pikepdf  # only very large collections get here; keep it off every build's start-up

    merged = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(pdf)) for pdf in pdfs]
    try:
        tagged = all("/StructTreeRoot" in source.Root for source in sources)
        document = merged.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                           S=pikepdf.Name.Document, K=pikepdf.Array()))
        parent_tree: list = []
        next_key = 0
        for source in sources:
            first = len(merged.pages)
            merged.add_pages_from(source)
            if tagged:
                next_key = _graft_structure(merged, source, merged.pages[first:], document, parent_tree, next_key)
        first_part = sources[0]
        if tagged:
            root = merged.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]),
                ParentTree=merged.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(parent_tree))),
                ParentTreeNextKey=next_key))
            document.P = root
            merged.Root.StructTreeRoot = root
        if "/OutputIntents" in first_part.Root:
            merged.Root.OutputIntents = pikepdf.Array(merged.copy_foreign(first_part.make_indirect(intent))
                                                      for intent in first_part.Root.OutputIntents)
        if "/Metadata" in first_part.Root:
            merged.Root.Metadata = merged.copy_foreign(first_part.Root.Metadata)
        if "/Outlines" in merged.Root:  # the parts' own bookmarks; ours replace them
            del merged.Root.Outlines
        with merged.open_outline() as tree:
            for title, page, children in outline:
                item = pikepdf.OutlineItem(title, page)
                item.children.extend(pikepdf.OutlineItem(child, child_page) for child, child_page in children)
                tree.root.append(item)
        date = "D:" + meta["created"].replace("-", "") + "000000Z"
        merged.docinfo.update({
            "/Title": pikepdf.String(meta["title"]),
            "/Author": pikepdf.String(meta["author"]),
            "/Subject": pikepdf.String(meta["description"]),
            "/Keywords": pikepdf.String(", ".join(meta["keywords"])),
            "/Producer": pikepdf.String(f"booklet with WeasyPrint and pikepdf {pikepdf.__version__}"),
            "/CreationDate": pikepdf.String(date),
            "/ModDate": pikepdf.String(date),
        })
        if "/Metadata" in merged.Root:
            with merged.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                xmp["dc:title"] = meta["title"]
                xmp["dc:description"] = meta["description"]
                xmp["pdf:Producer"] = str(merged.docinfo["/Producer"])
        merged.Root.Lang = first_part.Root.get("/Lang", pikepdf.String("en"))
        merged.Root.MarkInfo = pikepdf.Dictionary(Marked=tagged)
        merged.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        merged.save(out, deterministic_id=True, compress_streams=True,
                    object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
    finally:
        for source in sources:
            source.close()
        merged.close()


def _graft_structure(merged, source, pages, document, parent_tree: list, offset: int) -> int:
    """Move one part's structure tree under ``document``, shifting its parent-tree keys by ``offset``.

    Returns the next free key.  Pages and annotations carry the keys
    (``StructParents``, ``StructParent``) that index the parent tree; element
    references to pages resolve to the copies already made, since pikepdf maps
    each foreign object to one copy.
    """
    import pikepdf

    tree = source.Root.StructTreeRoot
    kids = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
    for kid in kids:
        # WeasyPrint wraps each part in its own Document element: take its children.
        inner = kid.K if kid.get("/S") == pikepdf.Name.Document else pikepdf.Array([kid])
        for element in inner if isinstance(inner, pikepdf.Array) else [inner]:
            if not element.is_indirect:  # a marked-content id or reference straight under the document
                continue
            copied = merged.copy_foreign(element)
            if isinstance(copied, pikepdf.Dictionary) and "/S" in copied:
                copied.P = document
            document.K.append(copied)
    numbers = tree.ParentTree.Nums
    highest = -1
    for index in range(0, len(numbers), 2):
        key = int(numbers[index])
        value = numbers[index + 1]
        # A direct array of element references is rebuilt here; its items are indirect and copy one by one.
        copied = pikepdf.Array([merged.copy_foreign(item) for item in value]) \
            if isinstance(value, pikepdf.Array) and not value.is_indirect else merged.copy_foreign(value)
        parent_tree.extend([key + offset, copied])
        highest = max(highest, key)
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return offset + highest + 1
