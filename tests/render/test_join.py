"""Joining rendered PDFs (booklet/render/join.py): a valid tagged file, written to disk as it is joined."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from pypdf import PdfReader

from booklet.render.join import Bookmark, PageLabel, join_pdfs, write_joined

META = {"title": "Two booklets", "author": "A school", "description": "A test", "keywords": [],
        "created": "2026-11-01"}


def _elements(element, found: list) -> list:
    """Every structure element under ``element``, depth first."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            _elements(kid, found)
    return found


def test_a_joined_file_is_valid_and_keeps_each_part_whole(seed_pdf):
    part = seed_pdf.read_bytes()
    count = len(PdfReader(BytesIO(part)).pages)
    joined = join_pdfs([part, part], META, [Bookmark("First", 0), Bookmark("Second", count)],
                       [PageLabel(0, "A "), PageLabel(count, "B ")])
    assert joined == join_pdfs([part, part], META, [Bookmark("First", 0), Bookmark("Second", count)],
                               [PageLabel(0, "A "), PageLabel(count, "B ")])  # same input, same bytes
    with pikepdf.open(BytesIO(joined)) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf reads every object, stream and cross-reference
        assert len(pdf.pages) == 2 * count and str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked
        (document,) = pdf.Root.StructTreeRoot.K
        assert [str(part.S) for part in document.K] == ["/Part", "/Part"]
        first, second = (_elements(part, []) for part in document.K)
        assert len(first) == len(second) > 100
        assert all(kid.P.objgen == part.objgen for part in document.K for kid in part.K)  # each part under its Part
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        assert {pages[e.Pg.objgen] for e in first if "/Pg" in e} <= set(range(count))
        assert {pages[e.Pg.objgen] for e in second if "/Pg" in e} <= set(range(count, 2 * count))
        numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = {int(numbers[i]) for i in range(0, len(numbers), 2)}
        used = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(used)) == 2 * count and set(used) <= keys  # every page finds its own structure
        assert "pdfuaid:part" in pdf.Root.Metadata.read_bytes().decode()  # the PDF/UA identification stays
    reader = PdfReader(BytesIO(joined))
    assert [item.title for item in reader.outline] == ["First", "Second"]
    assert reader.page_labels[count - 1:count + 1] == [f"A {count}", "B 1"]
    alone = PdfReader(BytesIO(part))
    for index in (0, count // 2, count - 1):
        text = alone.pages[index].extract_text()
        assert reader.pages[index].extract_text() == reader.pages[count + index].extract_text() == text


def test_the_joined_file_goes_to_disk_as_each_part_is_joined(seed_pdf):
    """What makes a class pack's memory flat: a part is written out before the next one is read."""
    part = seed_pdf.read_bytes()
    handle, written = BytesIO(), []

    def parts():
        for _ in range(3):
            written.append(handle.tell())
            yield part

    write_joined(handle, parts(), META, [])
    assert written[0] < len(part) / 2 < written[1] - written[0] and written[1] < written[2]


def test_links_in_each_part_still_lead_to_their_own_pages(seed_pdf):
    """Every career names its places alike ("growth"): a joined link points at its own part's page."""
    part = seed_pdf.read_bytes()
    count = len(PdfReader(BytesIO(part)).pages)
    with pikepdf.open(BytesIO(part)) as alone:
        assert "/Dests" in alone.Root.Names  # the part links by name
    with pikepdf.open(BytesIO(join_pdfs([part, part], META, []))) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        links = [(index, annotation.Dest) for index, page in enumerate(pdf.pages)
                 for annotation in page.obj.get("/Annots", []) if "/Dest" in annotation]
        assert len(links) > 4
        names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root else {}
        for index, place in links:
            if isinstance(place, pikepdf.String):  # a named place: the name must be there
                place = names[str(place)]
                place = place.D if isinstance(place, pikepdf.Dictionary) else place
            assert (pages[place[0].objgen] < count) == (index < count)  # in the link's own part
