"""Joining rendered parts into one PDF that stays what each part was: tagged, PDF/A, bookmarked.

A collection too large to lay out in one piece and a class's roster (each
career's body rendered once, each student's pages rendered alone) are both
made of PDFs rendered separately; this module puts them together with pikepdf
under one outline, one structure tree and, where parts number their own
pages, page labels that name each page as it is printed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Bookmark:
    """One entry of the joined file's outline: its title, the 0-based page it opens, its children."""

    title: str
    page: int
    children: tuple[Bookmark, ...] = ()


@dataclass(frozen=True)
class PageLabel:
    """Pages from ``start`` (0-based) on are labelled ``prefix`` + a number counting from ``first``."""

    start: int
    prefix: str = ""
    first: int = 1
    numbered: bool = True  # False: the prefix alone (a cover)

    def dictionary(self):
        import pikepdf

        entries = {"/P": pikepdf.String(self.prefix)} if self.prefix else {}
        if self.numbered:
            entries |= {"/S": pikepdf.Name.D, "/St": self.first}
        return pikepdf.Dictionary(entries)


def _outline_item(bookmark: Bookmark):
    import pikepdf

    item = pikepdf.OutlineItem(bookmark.title, bookmark.page)
    item.children.extend(_outline_item(child) for child in bookmark.children)
    return item


def join_pdfs(pdfs: Iterable[bytes], meta: dict[str, Any], outline: list[Bookmark],
              labels: list[PageLabel] | None = None) -> bytes:
    """Concatenate the parts into one PDF that keeps what each part was: tagged, and PDF/A when asked.

    Pages are copied with their structure: each part's tagged content goes
    under one ``Document`` element, its ``StructParents`` keys are shifted past
    the previous parts', and the parent trees are merged, so the joined file is
    as accessible as a collection laid out in one piece.  The first part's
    XMP metadata (PDF/UA or PDF/A identification) and output intent are kept.
    The whole gets one outline and one set of metadata, and ``labels`` (when
    given) name its pages as the parts print them.

    ``pdfs`` may be a generator: each part is opened only when its turn comes
    and let go once copied (qpdf keeps what it still needs of a part's
    streams), so a class pack of forty students holds one student's parsed
    file at a time besides the joined one.
    """
    import pikepdf  # only very large collections get here; keep it off every build's start-up

    merged = pikepdf.new()
    document = merged.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                       S=pikepdf.Name.Document, K=pikepdf.Array()))
    parent_tree: list = []
    next_key, tagged, language = 0, True, pikepdf.String("en")
    try:
        for number, pdf in enumerate(pdfs):
            # Not closed: qpdf reads the part's streams when the joined file is saved, and the
            # part's parsed objects go as soon as this name is bound to the next part.
            source = pikepdf.open(io.BytesIO(pdf))
            first = len(merged.pages)
            merged.add_pages_from(source)
            tagged = tagged and "/StructTreeRoot" in source.Root
            if tagged:
                next_key = _graft_structure(merged, source, merged.pages[first:], document, parent_tree,
                                            next_key)
            if number == 0:
                language = source.Root.get("/Lang", language)
                if "/OutputIntents" in source.Root:
                    merged.Root.OutputIntents = pikepdf.Array(
                        merged.copy_foreign(source.make_indirect(intent)) for intent in source.Root.OutputIntents)
                if "/Metadata" in source.Root:
                    merged.Root.Metadata = merged.copy_foreign(source.Root.Metadata)
        if tagged:
            root = merged.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]),
                ParentTree=merged.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(parent_tree))),
                ParentTreeNextKey=next_key))
            document.P = root
            merged.Root.StructTreeRoot = root
        if "/Outlines" in merged.Root:  # the parts' own bookmarks; ours replace them
            del merged.Root.Outlines
        with merged.open_outline() as tree:
            tree.root.extend(_outline_item(bookmark) for bookmark in outline)
        if labels:
            merged.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(
                item for label in labels for item in (label.start, label.dictionary())))
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
        merged.Root.Lang = language
        merged.Root.MarkInfo = pikepdf.Dictionary(Marked=tagged)
        merged.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        merged.save(out, deterministic_id=True, compress_streams=True,
                    object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
    finally:
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


def outline_of(pdf: bytes) -> list[Bookmark]:
    """The outline of a rendered PDF, as bookmarks with 0-based pages (to nest it in a joined file)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: index for index, page in enumerate(document.pages)}

        def read(item) -> Bookmark:
            target = item.destination[0] if item.destination is not None else None
            page = pages.get(target.objgen, 0) if target is not None else 0
            return Bookmark(str(item.title), page, tuple(read(child) for child in item.children))

        with document.open_outline() as tree:
            return [read(item) for item in tree.root]


def shifted(bookmarks: list[Bookmark] | tuple[Bookmark, ...], offset: int) -> tuple[Bookmark, ...]:
    """The same bookmarks for a part that starts ``offset`` pages into the joined file."""
    return tuple(Bookmark(b.title, b.page + offset, shifted(b.children, offset)) for b in bookmarks)
