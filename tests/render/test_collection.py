"""Collections: one PDF, contents numbers that match, nested bookmarks, page X of Y."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from booklet.catalog import all_profiles
from booklet.content.collection import load_collection
from booklet.content.loader import load
from booklet.options import Options
from booklet.render.collection import render_collection
from booklet.render.context import SECTIONS
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


def test_contents_numbers_match_where_chapters_start(built):
    _collection, members, _rendered, _reader, pages = built
    contents = next(page for page in pages if page.startswith("Contents") or " Contents 01 " in page)
    for number, career in enumerate(members, start=1):
        match = re.search(rf"{number:02d} {re.escape(career.title)} {re.escape(career.field)} (\d+)", contents)
        assert match, career.title
        start = int(match.group(1))
        chapter_cover = pages[start - 1]
        assert chapter_cover.startswith(f"CAREER BOOKLET · {career.field.upper()} {career.title}")
        assert "Page" not in chapter_cover  # chapter covers carry no furniture
        assert f"Page {start + 1} of {len(pages)}" in pages[start]


def test_continuous_page_x_of_y(built):
    _c, _m, rendered, _reader, pages = built
    assert rendered.pages == len(pages)
    numbered = [int(m.group(1)) for page in pages if (m := re.search(rf"Page (\d+) of {len(pages)}", page))]
    assert numbered == sorted(numbered) and len(set(numbered)) == len(numbered)
    assert numbered[-1] == len(pages)


def test_chapter_contents_point_into_the_chapter(built):
    _c, members, _r, _reader, pages = built
    career = members[1]
    cover = f"CAREER BOOKLET · {career.field.upper()} {career.title}"
    cover_index = next(i for i, page in enumerate(pages) if page.startswith(cover))
    match = re.search(r"06 Career growth & salary (\d+)", pages[cover_index])
    assert match
    assert "06 Career growth & salary" in pages[int(match.group(1)) - 1]


def test_nested_bookmarks_career_then_section(built):
    _c, members, _r, reader, _pages = built
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:2] == ["Introduction", "Contents"]
    assert titles[2:] == [career.title for career in members]
    children = [item for item in outline if isinstance(item, list)]
    assert len(children) == len(members)
    expected = [heading.format(a_title=members[0].a_title) for _key, heading in SECTIONS]
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


def _structure(pdf: bytes) -> tuple[int, set[int], set[int]]:
    """(structure elements, parent-tree keys, keys that pages and annotations use) of a PDF."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as doc:
        root = doc.Root.StructTreeRoot
        count, stack = 0, list(root.K)
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                count += 1
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
    assert elements == _structure(whole)[0]  # every heading, paragraph, table and figure, once
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
