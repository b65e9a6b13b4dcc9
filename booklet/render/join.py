"""Joining rendered parts into one PDF that stays what each part was: tagged, PDF/A, bookmarked.

A collection too large to lay out in one piece and a class's roster (each
career's body rendered once, each student's pages rendered alone) are both
made of PDFs rendered separately; this module puts them together under one
outline, one structure tree and, where parts number their own pages, page
labels that name each page as it is printed.  pikepdf reads the parts; the
joined file is written front to back, so a class pack of any size joins in
the memory of one student's booklet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from booklet.render.pdf_writer import PdfWriter, entries, serialize, spell


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
    """The parts joined into one PDF in memory (see ``write_joined``)."""
    out = io.BytesIO()
    write_joined(out, pdfs, meta, outline, labels)
    return out.getvalue()


def write_joined(handle: BinaryIO, pdfs: Iterable[bytes], meta: dict[str, Any], outline: list[Bookmark],
                 labels: list[PageLabel] | None = None) -> None:
    """Write the parts as one PDF that keeps what each part was: tagged, and PDF/A when asked.

    Each part's tagged content becomes a ``Part`` element under one
    ``Document`` element, its ``StructParents`` keys are shifted past the
    previous parts', and the parent trees are merged, so the joined file is
    as accessible as one laid out in one piece.  The first part's XMP
    metadata (PDF/UA or PDF/A identification) and output intent are kept.
    The whole gets one outline and one set of metadata, and ``labels`` (when
    given) name its pages as the parts print them.

    Memory stays flat however many parts there are: ``pdfs`` may be a
    generator, each part is opened when its turn comes, written out and
    closed, and the file is written front to back (``PdfWriter``).  The
    document's own objects (catalog, outline, labels, metadata) are made by
    pikepdf in a small skeleton whose blank pages stand for the real ones.
    """
    import pikepdf  # joins are for rosters and very large collections; keep it off every build's start-up

    writer = PdfWriter(handle)
    joined = _Joined(writer, pages_root=writer.reserve(), document=writer.reserve(), language=pikepdf.String("en"))
    tagged = None
    skeleton = pikepdf.new()
    try:
        for number, pdf in enumerate(pdfs):
            with pikepdf.open(io.BytesIO(pdf)) as source:
                part_tagged = "/StructTreeRoot" in source.Root
                if tagged is None:
                    tagged = part_tagged
                elif part_tagged != tagged:
                    raise ValueError("the parts of one join are all tagged or all untagged")
                copy = _Copy(writer)
                _explicit_destinations(source)
                for page in source.pages:
                    _inherit(page.obj)
                    copy.numbers[page.obj.Parent.objgen] = joined.pages_root
                    joined.pages.append(copy.number_of(page.obj))
                if tagged:
                    _graft_structure(copy, source, joined)
                if number == 0:
                    joined.language = source.Root.get("/Lang", joined.language)
                    if "/OutputIntents" in source.Root:
                        joined.intents = writer.reserve()
                        writer.object(joined.intents, spell(source.Root.OutputIntents, copy.number_of))
                    if "/Metadata" in source.Root:
                        skeleton.Root.Metadata = skeleton.make_stream(source.Root.Metadata.read_bytes(),
                                                                      Type=pikepdf.Name.Metadata,
                                                                      Subtype=pikepdf.Name.XML)
                copy.drain()
        _write_document(joined, skeleton, meta, outline, labels)
    finally:
        skeleton.close()


@dataclass
class _Joined:
    """What the joined file's own objects need of the parts written so far: numbers, not objects."""

    writer: PdfWriter
    pages_root: int
    document: int  # the Document structure element
    language: Any
    pages: list[int] = field(default_factory=list)  # every page, in order
    parts: list[int] = field(default_factory=list)  # each part's Part element, when the parts are tagged
    parent_tree: list[bytes] = field(default_factory=list)  # "key N 0 R", a page's or annotation's elements
    next_key: int = 0
    intents: int | None = None  # the first part's output intents


class _Copy:
    """One source file's objects on their way into the writer, each under a new number the first time it is met.

    ``numbers`` may be seeded with objects that are written elsewhere (a
    part's page tree is replaced by the joined file's): those are referred to,
    never copied.
    """

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: list = []

    def number_of(self, obj) -> int:
        if obj.objgen not in self.numbers:
            self.numbers[obj.objgen] = self.writer.reserve()
            self.queue.append(obj)
        return self.numbers[obj.objgen]

    def drain(self) -> None:
        """Write every object met so far, and every object those refer to."""
        import pikepdf

        while self.queue:
            obj = self.queue.pop()
            number = self.numbers[obj.objgen]
            if isinstance(obj, pikepdf.Stream):
                kept = ((key, value) for key, value in obj.stream_dict.items() if key != "/Length")
                self.writer.stream(number, entries(kept, self.number_of), obj.read_raw_bytes())
            else:
                self.writer.object(number, spell(obj, self.number_of))


def _explicit_destinations(source) -> None:
    """Point each link at its place itself instead of by name.

    WeasyPrint's links name their targets (``/Dest (growth)``, looked up in
    the catalog's name tree), and every part has names of its own: each
    career has a "growth".  With the place in the link, no name tree is
    needed and no name can collide.  A name the part does not define stays
    as it was.
    """
    import pikepdf

    if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
        return
    names = pikepdf.NameTree(source.Root.Names.Dests)
    for page in source.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            holder, key = (action, "/D") if action is not None and action.get("/S") == pikepdf.Name.GoTo \
                else (annotation, "/Dest")
            name = holder.get(key)
            if isinstance(name, pikepdf.String) and str(name) in names:
                place = names[str(name)]
                holder[key] = place.D if isinstance(place, pikepdf.Dictionary) else place


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _inherit(page) -> None:
    """Give the page what it inherits from its page tree, which the joined file replaces."""
    node = page.get("/Parent")
    while node is not None:
        for key in _INHERITED:
            if key not in page and key in node:
                page[key] = node[key]
        node = node.get("/Parent")


def _graft_structure(copy: _Copy, source, joined: _Joined) -> None:
    """Write one part's structure tree as a ``Part`` element, its parent-tree keys shifted past the parts before.

    Pages and annotations carry the keys (``StructParents``, ``StructParent``)
    that index the parent tree; their values are written as objects of their
    own, so that only a reference to each stays in memory until the joined
    parent tree is written.
    """
    import pikepdf

    element, offset = copy.writer.reserve(), joined.next_key
    joined.parts.append(element)
    tree = source.Root.StructTreeRoot
    copy.numbers[tree.objgen] = element
    kids = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
    children = []
    for kid in kids:
        # WeasyPrint wraps each part in its own Document element: the Part takes its place.
        if kid.get("/S") == pikepdf.Name.Document:
            copy.numbers[kid.objgen] = element
            inner = kid.K if isinstance(kid.K, pikepdf.Array) else pikepdf.Array([kid.K])
        else:
            inner = pikepdf.Array([kid])
        # A marked-content id straight under the document names no page to belong to: left out.
        children += [serialize(item, copy.number_of) for item in inner
                     if isinstance(item, pikepdf.Object) and item.is_indirect]
    copy.writer.object(element, b"<</Type/StructElem/S/Part/P %d 0 R/K[%s]>>" % (joined.document,
                                                                                 b" ".join(children)))
    for page in source.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    numbers = tree.ParentTree.Nums
    highest = -1
    for index in range(0, len(numbers), 2):
        key, value = int(numbers[index]), numbers[index + 1]
        if value.is_indirect:
            reference = copy.number_of(value)
        else:
            reference = copy.writer.reserve()
            copy.writer.object(reference, spell(value, copy.number_of))
        joined.parent_tree.append(b"%d %d 0 R" % (key + offset, reference))
        highest = max(highest, key)
    joined.next_key = offset + highest + 1


def _write_document(joined: _Joined, skeleton, meta: dict[str, Any], outline: list[Bookmark],
                    labels: list[PageLabel] | None) -> None:
    """The joined file's own objects: page tree, structure root, and the skeleton's catalog, outline and info."""
    import pikepdf

    writer = joined.writer
    writer.object(joined.pages_root, b"<</Type/Pages/Count %d/Kids[%s]>>" % (
        len(joined.pages), b" ".join(b"%d 0 R" % number for number in joined.pages)))
    copy = _Copy(writer)
    for number in joined.pages:
        skeleton.add_blank_page()
        copy.numbers[skeleton.pages[-1].obj.objgen] = number
    copy.numbers[skeleton.Root.Pages.objgen] = joined.pages_root
    tagged = bool(joined.parts)
    if tagged:
        root, tree = writer.reserve(), writer.reserve()
        writer.object(root, b"<</Type/StructTreeRoot/K[%d 0 R]/ParentTree %d 0 R/ParentTreeNextKey %d>>" % (
            joined.document, tree, joined.next_key))
        writer.object(joined.document, b"<</Type/StructElem/S/Document/P %d 0 R/K[%s]>>" % (
            root, b" ".join(b"%d 0 R" % element for element in joined.parts)))
        writer.object(tree, b"<</Nums[%s]>>" % b" ".join(joined.parent_tree))
        skeleton.Root.StructTreeRoot = skeleton.make_indirect(pikepdf.Dictionary())
        copy.numbers[skeleton.Root.StructTreeRoot.objgen] = root
    if joined.intents is not None:
        skeleton.Root.OutputIntents = skeleton.make_indirect(pikepdf.Array())
        copy.numbers[skeleton.Root.OutputIntents.objgen] = joined.intents
    with skeleton.open_outline() as tree:
        tree.root.extend(_outline_item(bookmark) for bookmark in outline)
    if labels:
        skeleton.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(
            item for label in labels for item in (label.start, label.dictionary())))
    date = "D:" + meta["created"].replace("-", "") + "000000Z"
    skeleton.docinfo.update({
        "/Title": pikepdf.String(meta["title"]),
        "/Author": pikepdf.String(meta["author"]),
        "/Subject": pikepdf.String(meta["description"]),
        "/Keywords": pikepdf.String(", ".join(meta["keywords"])),
        "/Producer": pikepdf.String(f"booklet with WeasyPrint and pikepdf {pikepdf.__version__}"),
        "/CreationDate": pikepdf.String(date),
        "/ModDate": pikepdf.String(date),
    })
    if "/Metadata" in skeleton.Root:
        with skeleton.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:title"] = meta["title"]
            xmp["dc:description"] = meta["description"]
            xmp["pdf:Producer"] = str(skeleton.docinfo["/Producer"])
    skeleton.Root.Lang = joined.language
    skeleton.Root.MarkInfo = pikepdf.Dictionary(Marked=tagged)
    skeleton.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    catalog, info = copy.number_of(skeleton.Root), copy.number_of(skeleton.trailer.Info)
    copy.drain()
    writer.close(catalog, info)


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
