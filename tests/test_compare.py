"""Comparison sheets (`booklet compare`) and a collection's comparison tables, checked on the PDF itself.

Latin text is read back with pypdf; Hindi text is read from the laid-out pages
(WeasyPrint 70 writes Devanagari in visual order, so pypdf garbles it).
Structure is read with pikepdf.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from booklet.catalog import all_profiles
from booklet.content.collection import Collection, load_collection
from booklet.content.loader import load
from booklet.i18n import Text
from booklet.options import Options
from booklet.render.compare import comparison, first_sentence, groups
from booklet.render.layout_check import PageReading, check_document
from tests.conftest import CONTENT, invoke, pdf_text

THREE = ("registered-nurse", "pharmacist", "doctor")
ROW_LABELS = ("Field", "What the job is", "Entry education", "School to first job", "India (₹)",
              "United States ($)", "Europe (€)", "Key skills", "Money", "Stability", "Work–life balance", "Sources",
              "Salary ladders")
CURRENCIES = {"IN": "₹", "US": "$", "EU": "€"}


def _career(slug: str):
    return load(CONTENT / "careers" / f"{slug}.yaml")


def _plain(text: str) -> str:
    """Text as pypdf reads it back: without the word joiners and no-break spaces that keep amounts together."""
    return " ".join(text.replace("\u2060", "").replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, Path]:
    """`booklet compare registered-nurse Pharmacist doctor` on A4 and A5: a slug, a title, a slug."""
    from booklet.cli import run

    out = tmp_path_factory.mktemp("compare")
    built = {}
    for paper in ("a4", "a5"):
        target = out / paper / "sheet.pdf"
        assert run(["compare", "registered-nurse", "Pharmacist", "doctor", "--paper", paper, "--content",
                    str(CONTENT), "--output", str(target)]) == 0
        built[paper] = target
    return built


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_the_sheet_shows_every_career_row_and_amount(sheets, paper):
    pdf = sheets[paper]
    text = pdf_text(pdf)
    pages = len(PdfReader(pdf).pages)
    assert 1 <= pages <= 2
    for slug in THREE:
        assert _career(slug).title in text
    for label in ROW_LABELS:
        assert label in text, label
    for slug in THREE:
        career = _career(slug)
        for pay in career.salary:
            entry = _plain(Text().money_range(pay.levels.entry.min, pay.levels.entry.max, pay.currency))
            assert entry in text and entry.startswith(CURRENCIES[pay.region]), (slug, pay.region)
        assert _plain(first_sentence(career.truths.stability)) in text or paper == "a5"
    assert "U.S. Bureau of Labor Statistics, 2025" in text
    assert f"Page {pages} of {pages}" in text


def test_default_name_incremental_and_reproducible(tmp_path, capsys):
    out = tmp_path / "out"
    args = ("compare", "chef", "plumber", "--content", str(CONTENT), "--output", str(out))
    code, stdout, _err = invoke(capsys, *args)
    target = out / "compare-chef-plumber.pdf"
    assert code == 0 and target.is_file() and re.search(r"  [12] pages  ", stdout)
    first = target.read_bytes()
    code, stdout, _err = invoke(capsys, *args)
    assert code == 0 and "up to date" in stdout
    code, _stdout, _err = invoke(capsys, *args, "--force")
    assert code == 0 and target.read_bytes() == first  # the same bytes, built again
    assert not [name for name in (p.name for p in out.iterdir()) if name.endswith(".booklet-tmp")]


def test_the_sheet_is_tagged_with_language_title_and_header_scopes(sheets):
    with pikepdf.open(sheets["a4"]) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.open_metadata().get("dc:title")) == \
            "Registered Nurse, Pharmacist and Doctor: career comparison"
        scopes = {str(obj.A.Scope) for obj in pdf.objects
                  if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH" and "/A" in obj}
        assert scopes == {"/Column", "/Row"}
    outline = [item.title for item in PdfReader(sheets["a4"]).outline if not isinstance(item, list)]
    assert outline == ["Registered Nurse, Pharmacist and Doctor"]


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_the_layout_check_finds_nothing_on_three_careers(pipeline, paper):
    options = Options(paper=paper)
    document = pipeline.layout_compare([_career(slug) for slug in THREE], options)
    assert 1 <= len(document.pages) <= 2
    assert check_document(document, options) == []


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_a_hindi_sheet_keeps_each_regions_axis_clear_of_the_next(pipeline, paper):
    """Amounts in lakh are twice as wide as "$150K": the gap between two panels is measured, not fixed."""
    from booklet.content.translation import load_translated
    from booklet.inputs import Inputs

    careers = [load_translated(CONTENT / "careers" / f"{slug}.yaml", "hi", Inputs())[0]
               for slug in ("accountant", "electrician", "registered-nurse")]
    options = Options(paper=paper, lang="hi")
    document = pipeline.layout_compare(careers, options)
    assert len(document.pages) <= 2
    assert check_document(document, options) == []


@pytest.mark.parametrize("names, message", [
    (("doctor",), "compares 2 to 4 careers; got 1"),
    (("doctor", "chef", "plumber", "welder", "lawyer"), "compares 2 to 4 careers; got 5"),
    (("doctor", "pharmacst"), "compare:1:2: error unknown-career: 'pharmacst' is not a career in"),
    (("nurse", "doctor"), "did you mean registered-nurse?"),
    (("doctor", "Doctor"), "compare:1:2: error duplicate-career"),
])
def test_bad_names_exit_2_with_a_located_message(tmp_path, capsys, names, message):
    code, _out, err = invoke(capsys, "compare", *names, "--content", str(CONTENT), "--output", str(tmp_path))
    assert code == 2 and message in err
    assert not list(tmp_path.glob("*.pdf"))


def test_format_and_impose_do_not_apply(tmp_path, capsys):
    code, _out, err = invoke(capsys, "compare", "chef", "plumber", "--format", "handout", "--output", str(tmp_path))
    assert code == 2 and "do not apply" in err


def test_branded_grayscale_sheet(tmp_path, capsys):
    brand = tmp_path / "brand" / "brand.yaml"
    assert invoke(capsys, "brand", "new", str(brand))[0] == 0
    target = tmp_path / "branded.pdf"
    code, _out, err = invoke(capsys, "compare", "chef", "plumber", "--brand", str(brand), "--grayscale",
                             "--content", str(CONTENT), "--output", str(target))
    assert code == 0, err
    from booklet.content.brand import load_brand

    school = load_brand(brand).school
    text = pdf_text(target)
    assert text.count(school) >= 2 and "Questions?" in text  # the band, the footer and the contact block
    assert len(PdfReader(target).pages) <= 2


def test_hindi_sheet_is_in_devanagari(pipeline):
    from booklet.content.translation import load_translated

    careers = [load_translated(CONTENT / "careers" / f"{slug}.yaml", "hi")[0]
               for slug in ("registered-nurse", "software-developer", "electrician")]
    assert all(career.lang == "hi" for career in careers)
    options = Options(lang="hi")
    document = pipeline.layout_compare(careers, options)
    text = " ".join(PageReading(document, index).text() for index in range(len(document.pages)))
    assert len(document.pages) <= 2
    for career in careers:
        assert career.title in text and career.overview.one_line in text
    assert "लाख" in text and "भारत" in text and "पृष्ठ" in text  # lakh, India, "Page"
    # A chart's Devanagari texts are set as HTML over the drawing at the charts' 7.5 pt; this branch's layout
    # check still measures them against body text's minimum (the chart minimum is 7 pt).
    assert [problem for problem in check_document(document, options)
            if not (problem.rule == "type-too-small" and "7.5 pt" in problem.message)] == []
    assert re.search("[\u0900-\u097f]", text)
    pdf = pipeline.compare(careers, options).pdf
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.Root.Lang) == "hi"


def test_groups_are_at_most_four_and_even():
    assert [len(group) for group in groups(list(range(2)))] == [2]
    assert [len(group) for group in groups(list(range(5)))] == [3, 2]
    assert [len(group) for group in groups(list(range(7)))] == [4, 3]
    assert [len(group) for group in groups(list(range(12)))] == [4, 4, 4]


def test_a_trade_off_keeps_its_first_sentence_or_main_clause():
    truth = "Pay is steady rather than spectacular, and it differs: US nurses earn more. Night shifts add to pay."
    assert first_sentence(truth) == "Pay is steady rather than spectacular, and it differs: US nurses earn more."
    assert first_sentence(truth, clause=True) == "Pay is steady rather than spectacular, and it differs."


@pytest.fixture(scope="module")
def catalog():
    return {career.slug: career for career in (load(path) for path in all_profiles(CONTENT))}


@pytest.mark.parametrize("compare, expected", [(None, True), (True, True), (False, False)])
def test_a_collection_compares_its_careers_after_the_contents(pipeline, catalog, compare, expected):
    path = CONTENT / "collections" / "careers-in-data-and-ai.yaml"
    collection, members = load_collection(path, catalog)
    collection = Collection.model_validate({**collection.model_dump(), "careers": ["chef", "plumber"],
                                            "compare": compare})
    members = collection.members(catalog)
    options = Options()
    reader = PdfReader(io.BytesIO(pipeline.collection(collection, members, options).pdf))
    outline = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in outline]
    heads = ["Introduction", "Contents", "Comparison"] if expected else ["Introduction", "Contents"]
    assert titles[:len(heads) + 2] == [*heads, "Chef", "Plumber"]
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    contents = next(index for index, page in enumerate(pages) if page.startswith("Contents"))
    if expected:
        comparison = reader.get_destination_page_number(outline[2])
        assert comparison == contents  # right after the contents, on the same page
        assert "Key skills" in pages[comparison + 1] or "Key skills" in pages[comparison]
    else:
        assert not any("Key skills" in page for page in pages[:reader.get_destination_page_number(outline[2])])
    starts = [reader.get_destination_page_number(item) + 1 for item in outline[len(heads):len(heads) + 2]]
    assert all(start % 2 == 1 for start in starts)  # a chapter still starts on a right-hand page
    listed = re.findall(r"(?:[\d.]+[KL]|–) (\d+)\b", pages[contents].split("Comparison")[0])
    assert [int(page) for page in listed] == starts  # and the contents say where


def test_a_collection_in_parts_has_the_comparison_bookmark(pipeline, catalog):
    from booklet.render.collection import render_collection

    collection = Collection.model_validate({"slug": "two", "title": "Two", "subtitle": "S", "audience": "A",
                                            "introduction": "I", "careers": ["chef", "plumber"]})
    members = collection.members(catalog)
    options = Options()
    whole = render_collection(pipeline.renderer(options), collection, members, options, in_parts=False)
    parts = render_collection(pipeline.renderer(options), collection, members, options, in_parts=True)
    for pdf in (whole.pdf, parts.pdf):
        titles = [item.title for item in PdfReader(io.BytesIO(pdf)).outline if not isinstance(item, list)]
        assert titles[:5] == ["Introduction", "Contents", "Comparison", "Chef", "Plumber"]


# Four of the catalog's wordiest careers (long routes, trade-offs and entry education; two of them without U.S.
# pay): the sheet the give-way rule must still fit on two pages, checked on the laid-out pages.
WORDY_FOUR = ("airline-pilot", "armed-forces-officer", "civil-services-officer", "biotechnologist")


@pytest.mark.parametrize("paper", ["a5", "letter"])
def test_four_wordy_careers_fit_two_pages(pipeline, paper):
    options = Options(paper=paper)
    document = pipeline.layout_compare([_career(slug) for slug in WORDY_FOUR], options)
    assert len(document.pages) <= 2
    assert check_document(document, options) == []
    text = " ".join(PageReading(document, index).text() for index in range(len(document.pages)))
    for label in ("Field", "What the job is", "India (₹)", "Europe (€)", "Key skills", "Work–life balance",
                  "Sources"):
        assert label in text, label


def test_sources_are_named_once_with_the_careers_citing_them():
    careers = [_career(slug) for slug in ("chef", "plumber", "airline-pilot")]
    cited = comparison(careers, Text()).cited
    everyone = [sources for columns, sources in cited if not columns]
    assert everyone and "U.S. Bureau of Labor Statistics, 2025" in everyone[0]  # first, and without names
    named = [source for _columns, sources in cited for source in sources]
    assert len(named) == len(set(named))
    assert {source for career in careers for source in comparison([career], Text()).columns[0].sources} == set(named)


# Four careers with long texts in the same rows, on small paper: before the last give-way steps (columns sized by
# measuring their text, then the pay cells without their ladders, amounts with their unit once) these ran a few
# lines onto a third page.
CROWDED_FOUR = {
    ("product-manager", "electrician", "police-officer", "web-developer"): ("a5", "half-letter"),
    ("product-manager", "doctor", "armed-forces-officer", "data-scientist"): ("half-letter",),
    # Two lines over until the last step, side margins of 7 mm on small paper.
    ("civil-services-officer", "product-manager", "machine-learning-engineer", "cybersecurity-analyst"):
        ("half-letter",),
}


@pytest.mark.parametrize("slugs, paper", [(slugs, paper) for slugs, papers in CROWDED_FOUR.items()
                                          for paper in papers])
def test_four_crowded_careers_fit_two_small_pages(tmp_path, capsys, slugs, paper):
    target = tmp_path / "sheet.pdf"
    code, _out, err = invoke(capsys, "compare", *slugs, "--paper", paper, "--content", str(CONTENT),
                             "--output", str(target))
    assert code == 0 and "note:" not in err, err
    assert len(PdfReader(target).pages) == 2
    text = pdf_text(target)
    careers = [_career(slug) for slug in slugs]
    for career in careers:
        assert career.title in text
        for pay in career.salary:  # every amount is still there, as the cell prints it without a ladder
            entry = Text().money_span(pay.levels.entry.min, pay.levels.entry.max, pay.currency)
            assert _plain(entry) in text, (career.slug, pay.region)
        for path in career.paths:  # each route keeps (at least) its last step, whole
            assert _plain(path.route[-1]).split()[-1] in text
    for label in ("India (₹)", "United States ($)", "Europe (€)", "Key skills", "Money", "Stability", "Sources"):
        assert label in text, label


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_four_untranslated_careers_fit_two_small_pages_of_a_hindi_sheet(tmp_path, capsys, paper):
    """Untranslated careers print in English under Hindi labels and amounts (हज़ार, लाख): a longer sheet, which
    ran onto a third page before its ranges said their unit once and its side margins could narrow."""
    target = tmp_path / "sheet.pdf"
    code, _out, err = invoke(capsys, "compare", "airline-pilot", "psychologist", "biotechnologist",
                             "environmental-scientist", "--lang", "hi", "--paper", paper, "--content", str(CONTENT),
                             "--output", str(target))
    assert code == 0 and "note:" not in err, err
    assert len(PdfReader(target).pages) == 2
