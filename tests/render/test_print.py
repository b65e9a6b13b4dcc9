"""Print formats: handout, paper sizes, saddle imposition, accessibility, grayscale, layout checks."""

from __future__ import annotations

import io
import itertools
import re

import pikepdf
import pypdfium2
import pytest
from PIL import ImageChops
from pypdf import PdfReader

from booklet import paths
from booklet.catalog import all_profiles
from booklet.content.loader import load
from booklet.options import FORMATS, Options
from booklet.render.impose import impose_saddle, saddle_order
from booklet.render.layout_check import check_document
from booklet.render.pdf import Renderer
from tests.conftest import CONTENT, pdf_text

PROFILES = all_profiles(CONTENT)


def test_handout_content(pipeline, seed_career):
    rendered = pipeline.pdf(seed_career, Options(format="handout"))
    assert rendered.pages == 2
    text = pdf_text(rendered.pdf)
    for expected in (seed_career.title, "TYPICAL ENTRY EDUCATION", "Types of roles", "The path to get there",
                     "Career growth & salary", "$194.4K", "₹55L", "Is this career for you?",
                     "U.S. Bureau of Labor Statistics", seed_career.summary.for_you[0], "Read more:"):
        assert expected in text
    for role in seed_career.roles:
        assert f"{role.share}% {role.name}" in text
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:  # the QR code is vector, like the charts
        assert not [image for page in pdf.pages for image in page.get_images()]


def test_handout_drops_items_by_rule_rather_than_overflowing(pipeline, seed_career):
    long_list = [f"You like item number {n} of a very long list of reasons to choose this career." for n in range(12)]
    summary = seed_career.summary.model_copy(update={"for_you": long_list})
    career = seed_career.model_copy(update={"summary": summary})
    options = Options(format="handout")
    document = pipeline.layout(career, options)
    assert len(document.pages) == 2 and check_document(document, options) == []
    text = pdf_text(pipeline.renderer(Options(format="handout")).write(document).pdf)
    assert "number 0 " in text and "number 11 " not in text


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792)), ("a5", (420, 595)),
                                             ("half-letter", (396, 612))])
def test_paper_sizes(pipeline, seed_career, paper, size):
    rendered = pipeline.pdf(seed_career, Options(paper=paper))
    box = PdfReader(io.BytesIO(rendered.pdf)).pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


@pytest.mark.parametrize(("pages", "expected"), [
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (10, [(None, 1), (2, None), (10, 3), (4, 9), (8, 5), (6, 7)]),
    (13, [(None, 1), (2, None), (None, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]),
])
def test_saddle_order(pages, expected):
    one_based = [tuple(None if i is None else i + 1 for i in side) for side in saddle_order(pages)]
    assert one_based == expected


def _numbered_pdf(pages: int, paper: str) -> bytes:
    html = '<html lang="en"><title>Numbered</title>' + "".join(
        f'<p style="break-after: page; font-size: 40pt">P{n}</p>' for n in range(1, pages + 1))
    return Renderer(Options(paper=paper)).render(html).pdf


@pytest.mark.parametrize("pages", [8, 10, 13])
def test_imposed_sheets_hold_pages_in_folding_order(pages):
    imposed = impose_saddle(_numbered_pdf(pages, "a5"), sheet="a4")
    reader = PdfReader(io.BytesIO(imposed))
    assert len(reader.pages) == len(saddle_order(pages))
    for page, (left, right) in zip(reader.pages, saddle_order(pages), strict=True):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
        found = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_, found=found: found.append(
            (tm[4] * cm[0] + cm[4], text.strip())))
        labels = [text for _x, text in sorted(found) if re.fullmatch(r"P\d+", text)]
        assert labels == [f"P{i + 1}" for i in (left, right) if i is not None]
    assert reader.metadata.title == "Numbered"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_booklet_impose_option_end_to_end(pipeline, seed_career):
    rendered = pipeline.pdf(seed_career, Options(paper="a5", impose="saddle"))
    plain = pipeline.pdf(seed_career, Options(paper="a5"))
    assert rendered.pages == -(-plain.pages // 4) * 2
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert reader.metadata.title == "Machine Learning Engineer: career booklet"
    assert pipeline.pdf(seed_career, Options(paper="a5", impose="saddle")).pdf == rendered.pdf


def _struct(node, found):
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        if "/K" in node:
            _struct(node.K, found)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            _struct(item, found)
    return found


@pytest.mark.parametrize("output_format", FORMATS)
def test_accessible_by_default(pipeline, seed_career, output_format):
    pdf = pikepdf.open(io.BytesIO(pipeline.pdf(seed_career, Options(format=output_format)).pdf))
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert root.Lang == "en"
    assert root.MarkInfo.Marked is True
    assert root.ViewerPreferences.DisplayDocTitle is True
    elements = _struct(root.StructTreeRoot, [])
    figures = [e for e in elements if e.S == "/Figure"]
    assert len(figures) >= 2 and all(len(str(f.get("/Alt", ""))) > 20 for f in figures)
    levels = [int(str(e.S)[2]) for e in elements if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels  # no heading level skipped


def test_pdf_a_variant_for_archiving(pipeline, seed_career):
    pdf = pikepdf.open(io.BytesIO(pipeline.pdf(seed_career, Options(pdf_variant="pdf/a-3b")).pdf))
    with pdf.open_metadata() as meta:
        assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "B"


def _luminance(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_have_contrast():
    """Body text and secondary text (muted notes, labels, the accent) at least 7:1 on every background."""
    css = (paths.TEMPLATES / "css" / "variables.css").read_text()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for text in ("ink", "muted", "navy", "label", "accent"):
        for background in ("#ffffff", var["panel"], var["panel-warm"]):
            assert _contrast(var[text], background) >= 7, (text, background)
    assert _contrast("#b9dbe6", var["navy"]) >= 4.5  # the cover's kicker on the navy band


def test_grayscale_pages_carry_no_colour(pipeline, seed_career):
    rendered = pipeline.pdf(seed_career, Options(grayscale=True))
    document = pypdfium2.PdfDocument(rendered.pdf)
    try:
        for index in (0, 1, 4):
            red, green, blue = document[index].render(scale=0.6).to_pil().convert("RGB").split()
            spread = max(ImageChops.difference(a, b).getextrema()[1] for a, b in ((red, green), (green, blue)))
            assert spread <= 12, f"page {index + 1} has colour"
    finally:
        document.close()


def test_file_sizes(pipeline, seed_career):
    assert len(pipeline.pdf(seed_career, Options()).pdf) <= 250 * 1024
    assert len(pipeline.pdf(seed_career, Options(format="handout")).pdf) <= 120 * 1024


def test_an_unbreakable_word_wraps_instead_of_running_off_the_page(pipeline):
    """A 400-letter 'word' (a pasted URL, a key held down) in the title, text, cards and lists."""
    from tests.conftest import FROZEN_SEED

    career = load(FROZEN_SEED)
    word = "W" * 400
    overview = career.overview.model_copy(update={"summary": f"{word} {career.overview.summary}"})
    roles = [career.roles[0].model_copy(update={"description": word}), *career.roles[1:]]
    skills = [career.skills[0].model_copy(update={"text": word}), *career.skills[1:]]
    long = career.model_copy(update={"title": "T" * 100, "overview": overview, "roles": roles, "skills": skills})
    for output_format, paper in (("booklet", "a4"), ("booklet", "a5"), ("handout", "a4"), ("handout", "letter")):
        options = Options(paper=paper, format=output_format)
        document = pipeline.layout(long, options)
        assert [str(p) for p in check_document(document, options) if p.rule == "overflow"] == [], (output_format, paper)


@pytest.mark.parametrize(("slug", "paper"), [("plumber", "half-letter"), ("doctor", "half-letter"),
                                             ("registered-nurse", "a5")])
def test_a_crowded_handout_keeps_its_skills_and_balances_its_sides(pipeline, slug, paper):
    """Shortening other things comes before dropping every skill; a lopsided fit gets back what it gave up."""
    career = load(CONTENT / "careers" / f"{slug}.yaml")
    options = Options(format="handout", paper=paper)
    document = pipeline.layout(career, options)
    assert len(document.pages) == 2 and check_document(document, options) == []
    assert "Essential skills" in pdf_text(pipeline.renderer(options).write(document).pdf)
