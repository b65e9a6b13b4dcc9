"""The built seed booklet, checked in the PDF itself: text, structure, pixels."""

from __future__ import annotations

import re
import subprocess
import sys
from io import BytesIO

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader

from booklet.content.model import WEEKDAYS
from booklet.i18n import REGION_NAMES, Text
from booklet.options import Options
from booklet.render.context import sections
from tests.conftest import pdf_text


@pytest.fixture(scope="module")
def text(seed_pdf):
    return pdf_text(seed_pdf)


@pytest.fixture(scope="module")
def page_texts(seed_pdf):
    reader = PdfReader(seed_pdf)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def headings(seed_career) -> list[str]:
    return [section.heading for section in sections(seed_career, Text())]


def test_every_section_heading_is_present(text, headings):
    assert headings[0] == "What is a Machine Learning Engineer?"
    for heading in headings:
        assert heading in text


def test_roles_with_shares(text, seed_career):
    for role in seed_career.roles:
        assert f"{role.share}% {role.name}" in text  # the chart's key, as text
        assert role.description in text


def test_three_regions_with_routes(text, seed_career):
    assert len(seed_career.paths) == 3
    for path in seed_career.paths:
        assert REGION_NAMES[path.region] in text
        for step in path.route:
            assert step in text
        assert path.hurdle in text


def test_all_fifteen_days(text, seed_career):
    days = [getattr(week, name) for week in (seed_career.week.junior, seed_career.week.mid_career,
                                             seed_career.week.senior) for name in WEEKDAYS]
    assert len(days) == 15
    for day in days:
        assert day.title in text
        assert " ".join(day.text.split()) in text


def test_ladder_levels_with_year_ranges(text, seed_career):
    for title, rung in seed_career.ladder.rungs():
        assert f"{title} {Text().years_span(rung.years.min, rung.years.max)}" in text
    assert "Entry 0–2 yrs" in text and "Peak 18+ yrs" in text


def test_faq_groups_and_answers(text, seed_career):
    for group in ("The facts", "The confusions", "The applications"):
        assert group in text
    for item in seed_career.faq.facts + seed_career.faq.confusions + seed_career.faq.applications:
        assert item.q in text
        assert " ".join(item.a.split()) in text
    assert "Accountant" not in text  # the seed's FAQ for another career is gone


def test_for_you_lists_and_advice(text, seed_career):
    # Labels are set in capitals by the CSS.
    assert "THIS CAREER IS FOR YOU IF…" in text and "MAYBE NOT FOR YOU IF…" in text
    for item in seed_career.summary.for_you + seed_career.summary.not_for_you:
        assert item in text
    assert seed_career.summary.advice in text


def test_salary_figures_name_source_and_estimate(text, seed_career):
    for pay in seed_career.salary:
        source = seed_career.source(pay.source)
        assert Text().money(pay.top_10_percent, pay.currency) in text
        assert source.publisher in text and str(source.year) in text
    assert "$194.4K" in text and "₹55L" in text
    assert "Salary ladder, United States ESTIMATE" in text
    assert "Salary ladder, India ESTIMATE" in text
    assert "U.S. Bureau of Labor Statistics" in text


def test_seed_stub_summary_is_not_printed(text):
    assert "in the field.." not in text
    assert "Design and build solutions" not in text


def test_charts_are_vector_with_text_labels(seed_pdf, text):
    with pikepdf.open(seed_pdf) as pdf:
        images = [
            name
            for page in pdf.pages
            for name, xobject in _xobjects(page.obj.get("/Resources", {}))
            if xobject.get("/Subtype") == "/Image"
        ]
    assert images == []
    assert "annual pay, United States (USD)" in text
    assert "years after Class 10 / Grade 10" in text
    assert "top 10% earn over $194.4K" in text


def _xobjects(resources):
    for name, xobject in dict(resources.get("/XObject", {})).items():
        yield name, xobject
        yield from _xobjects(xobject.get("/Resources", {}))


def _fonts(resources):
    yield from dict(resources.get("/Font", {})).values()
    for _name, xobject in _xobjects(resources):
        yield from dict(xobject.get("/Resources", {}).get("/Font", {})).values()


def test_every_font_is_embedded_and_is_inter(seed_pdf):
    with pikepdf.open(seed_pdf) as pdf:
        fonts = [font for page in pdf.pages for font in _fonts(page.obj.get("/Resources", {}))]
        assert fonts
        for font in fonts:
            descendant = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
            assert "Inter" in str(font["/BaseFont"])


def test_metadata_language_and_bookmarks(seed_pdf, seed_career, headings):
    reader = PdfReader(seed_pdf)
    meta = reader.metadata
    assert meta.title == "Machine Learning Engineer: career booklet"
    assert meta.author
    assert "Machine Learning Engineer" in meta.subject
    assert "Data & AI" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20261101")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = reader.outline
    assert outline[0].title == seed_career.title
    section_titles = [item.title for item in outline[1]]
    assert section_titles == headings
    assert [item.title for item in outline[2:]] == ["My next steps", "Notes"][:len(outline) - 2]


@pytest.fixture(scope="module")
def contents(page_texts, headings) -> dict[str, int]:
    """Section heading -> the page number the contents on the cover give for it, in order."""
    pages = {}
    for number, heading in enumerate(headings, start=1):
        match = re.search(rf"{number:02d} {re.escape(heading)} (\d+)", page_texts[0])
        assert match, heading
        pages[heading] = int(match.group(1))
    return pages


def test_contents_page_numbers_match_where_sections_start(page_texts, contents):
    for number, (heading, page) in enumerate(contents.items(), start=1):
        assert f"{number:02d} {heading}" in page_texts[page - 1], (heading, page)


def test_running_header_and_page_x_of_y(page_texts):
    """Numbered pages say "Page X of Y"; the back matter that fills the last sheet carries no number."""
    back = [index for index, page in enumerate(page_texts) if "My next steps" in page or page.startswith("Notes")]
    total = back[0] if back else len(page_texts)
    assert len(page_texts) % 4 == 0
    assert "Page" not in page_texts[0]  # the cover has no furniture
    for number, page in enumerate(page_texts[1:total], start=2):
        assert f"Page {number} of {total}" in page
        assert "MACHINE LEARNING ENGINEER" in page
        assert "Reviewed November 2026" in page
    assert all("Page" not in page for page in page_texts[total:])


def test_running_header_names_the_section_the_page_opens_in(seed_pdf, contents):
    """A page that continues section 06 is headed by 06, even when 07 starts lower down."""
    headings, starts = list(contents), contents
    pdf = pypdfium2.PdfDocument(seed_pdf)
    continued = 0
    for index in range(1, max(contents.values())):
        page = pdf[index]
        width, height = page.get_size()
        text = page.get_textpage()
        header = " ".join(text.get_text_bounded(0, height - 56, width, height).split())
        first_line = text.get_text_bounded(0, 0, width, height - 56).strip().splitlines()[0].strip()
        opened = [h for number, h in enumerate(headings, start=1)
                  if starts[h] == index + 1 and first_line == f"{number:02d}"]
        expected = opened[0] if opened else [h for h in headings if starts[h] <= index][-1]
        continued += not opened
        assert header.endswith(expected), (index + 1, header, expected)
    assert continued >= 3  # the check covered pages that open mid-section


def test_a4_by_default_and_letter_on_request(seed_pdf, pipeline, seed_career):
    a4 = PdfReader(seed_pdf).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter = PdfReader(BytesIO(pipeline.pdf(seed_career, Options(paper="letter")).pdf)).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_same_input_same_bytes_across_processes(seed_pdf, content_dir, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "booklet", "build", "machine-learning-engineer", "--content", str(content_dir),
         "--output", str(tmp_path)],
        capture_output=True, text=True, check=True, cwd=tmp_path,  # any working directory will do
    )
    assert "machine-learning-engineer.pdf" in result.stdout
    assert (tmp_path / "machine-learning-engineer.pdf").read_bytes() == seed_pdf.read_bytes()


def test_pages_render_and_none_is_blank(seed_pdf):
    pdf = pypdfium2.PdfDocument(str(seed_pdf))
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=0.5).to_pil().convert("L")
            low, _high = image.getextrema()
            assert low < 100, f"page {index + 1} looks blank"
        cover = pdf[0].render(scale=0.5).to_pil().convert("RGB")
        assert cover.getpixel((20, 20)) == (0x16, 0x32, 0x4F)  # the navy cover band
    finally:
        pdf.close()
