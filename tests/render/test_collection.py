"""Collections: one PDF, contents numbers that match, nested bookmarks, page X of Y."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from booklet.catalog import all_profiles
from booklet.content.collection import load_collection
from booklet.content.loader import load
from booklet.i18n import Text
from booklet.options import Options
from booklet.render.collection import render_collection
from booklet.render.context import sections
from tests.conftest import CONTENT

COLLECTION = CONTENT / "collections" / "careers-in-data-and-ai.yaml"


@pytest.fixture(scope="module")
def catalog():
    return {career.slug: career for career in (load(path) for path in all_profiles(CONTENT))}


@pytest.fixture(scope="module", params=[False, True], ids=["one-document", "in-parts"])
def built(request, pipeline, catalog):
    collection, members = load_collection(COLLECTION, catalog)
    options = Options(paper=collection.paper)
    rendered = render_collection(pipeline.renderer(options), collection, members, options, in_parts=request.param)
    reader = PdfReader(BytesIO(rendered.pdf))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    return collection, members, rendered, reader, pages


def _numbered(pages: list[str]) -> int:
    """The number of numbered pages (the back matter after them carries no number)."""
    return int(re.search(r"Page \d+ of (\d+)", pages[1]).group(1))


def test_contents_numbers_match_where_chapters_start(built):
    _collection, members, _rendered, _reader, pages = built
    contents = next(page for page in pages if page.startswith("Contents"))
    # Each row ends with its pay per region, then the page its chapter starts on.
    starts = [int(page) for page in re.findall(r"(?:[\d.]+[KL]|–) (\d+)\b", contents)]
    assert len(starts) == len(members)
    for number, (career, start) in enumerate(zip(members, starts, strict=True), start=1):
        assert f"{career.title} {career.field} {number:02d}" in contents
        chapter_cover = pages[start - 1]
        assert chapter_cover.startswith(f"CHAPTER {number} · {career.field.upper()} {career.title}")
        assert start % 2 == 1  # a chapter starts on a right-hand page
        assert "Page" not in chapter_cover  # chapter covers carry no furniture
        assert f"Page {start + 1} of {_numbered(pages)}" in pages[start]


def test_continuous_page_x_of_y(built):
    _c, _m, rendered, _reader, pages = built
    assert rendered.pages == len(pages) and len(pages) % 4 == 0
    total = _numbered(pages)
    numbered = [int(m.group(1)) for page in pages if (m := re.search(rf"Page (\d+) of {total}", page))]
    assert numbered == sorted(numbered) and len(set(numbered)) == len(numbered)
    assert numbered[-1] == total
    assert all(page == "" for page in pages[:total] if not re.search(r"Page \d+ of|CHAPTER|CAREER COLLECTION", page))
    assert all("Page" not in page for page in pages[total:])  # the back matter


def test_chapter_contents_point_into_the_chapter(built):
    _c, members, _r, _reader, pages = built
    career = members[1]
    cover = f"CHAPTER 2 · {career.field.upper()} {career.title}"
    cover_index = next(i for i, page in enumerate(pages) if page.startswith(cover))
    match = re.search(r"06 Career growth & salary (\d+)", pages[cover_index])
    assert match
    assert "06 Career growth & salary" in pages[int(match.group(1)) - 1]


def test_nested_bookmarks_career_then_section(built):
    _c, members, _r, reader, _pages = built
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:3] == ["Introduction", "Contents", "Comparison"]  # the careers side by side (tests/test_compare.py)
    assert titles[3:3 + len(members)] == [career.title for career in members]
    assert titles[3 + len(members):] in (["My next steps"], ["My next steps", "Notes"], ["Notes"], [])
    children = [item for item in outline if isinstance(item, list)]
    assert len(children) == len(members)
    expected = [section.heading for section in sections(members[0], Text())]
    assert [child.title for child in children[0]] == expected


def test_metadata(built):
    collection, _m, _r, reader, _pages = built
    assert reader.metadata.title == f"{collection.title}: career collection"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_both_strategies_agree(pipeline, catalog):
    collection, members = load_collection(COLLECTION, catalog)
    options = Options()
    texts = []
    for in_parts in (False, True):
        pdf = render_collection(pipeline.renderer(options), collection, members, options, in_parts=in_parts).pdf
        texts.append([" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages])
    assert texts[0] == texts[1]


def test_unknown_career_in_a_collection_is_located(tmp_path, catalog):
    from booklet.errors import ProfileError

    path = tmp_path / "x.yaml"
    path.write_text("slug: x\ntitle: X\nsubtitle: Y\naudience: Z\nintroduction: I\ncareers:\n  - chef\n  - astronaut\n")
    with pytest.raises(ProfileError) as caught:
        load_collection(path, catalog)
    (finding,) = caught.value.findings
    assert (finding.line, finding.field, finding.rule) == (8, "careers[1]", "unknown-career")


# Links are left out: a collection in parts numbers its contents as text, a whole one links them.
CONTENT_ELEMENTS = {"/H1", "/H2", "/H3", "/H4", "/P", "/Table", "/TH", "/TD", "/Figure", "/L", "/LI"}


def _structure(pdf: bytes) -> tuple[dict[str, int], set[int], set[int]]:
    """(content elements by type, parent-tree keys, keys that pages and annotations use) of a PDF."""
    from collections import Counter

    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as doc:
        root = doc.Root.StructTreeRoot
        count, stack = Counter(), list(root.K)
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                if str(element.S) in CONTENT_ELEMENTS:
                    count[str(element.S)] += 1
                kids = element.get("/K")
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
        numbers = root.ParentTree.Nums
        keys = {int(numbers[i]) for i in range(0, len(numbers), 2)}
        used = {int(page.obj.StructParents) for page in doc.pages if "/StructParents" in page.obj}
        used |= {int(a.StructParent) for page in doc.pages for a in page.obj.get("/Annots", []) if "/StructParent" in a}
        assert doc.Root.MarkInfo.Marked
        return count, keys, used


def test_a_collection_joined_from_parts_keeps_its_tags(pipeline, catalog):
    collection, members = load_collection(COLLECTION, catalog)
    options = Options()
    whole, parts = (render_collection(pipeline.renderer(options), collection, members[:2], options, in_parts=flag).pdf
                    for flag in (False, True))
    elements, keys, used = _structure(parts)
    assert elements == _structure(whole)[0]  # every heading, paragraph, table, list and figure, once
    assert used <= keys and len(used) > 20  # every page and link finds its structure


def test_a_collection_joined_from_parts_stays_pdf_a(pipeline, catalog):
    import pikepdf

    collection, members = load_collection(COLLECTION, catalog)
    options = Options(pdf_variant="pdf/a-3b")
    pdf = render_collection(pipeline.renderer(options), collection, members[:2], options, in_parts=True).pdf
    with pikepdf.open(BytesIO(pdf)) as doc:
        assert doc.Root.OutputIntents[0].S == "/GTS_PDFA1"
        with doc.open_metadata() as xmp:
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "B")
            assert xmp["dc:title"] == f"{collection.title}: career collection"
