"""Editions in the students' language: Hindi booklets, handouts and collections, checked in the PDF.

Structure is read with pikepdf and pages are rendered with pypdfium2; a glyph
drawn as the font's missing-glyph box (glyph 0) is found in the content
streams themselves.  Devanagari text read back from a WeasyPrint 70 PDF comes
out in visual order with some glyphs mis-mapped (it writes one Unicode
mapping per glyph and no /ActualText, so a vowel sign drawn before its
consonant is read first), so the words are checked in the laid-out pages'
text, the text WeasyPrint shaped and placed, and only Latin text in the PDF's.
"""

from __future__ import annotations

import io
import re
import shutil

import pikepdf
import pypdfium2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from booklet import glyphs, paths
from booklet.content.loader import load
from booklet.content.model import WEEKDAYS
from booklet.content.translation import load_translated
from booklet.i18n import Text
from booklet.inputs import Inputs
from booklet.options import Options
from booklet.render.context import SECTIONS, WEEKDAY_NAMES
from tests.conftest import CONTENT, REPO, invoke, pdf_text

ML = CONTENT / "careers" / "machine-learning-engineer.yaml"
HINDI = Text("hi")


SHIPPED_FONTS = ("Inter", "Noto-Sans-Devanagari")  # BaseFont names of assets/fonts, after the subset tag


def _glyph_faults(pdf: bytes) -> tuple[int, set[str]]:
    """Glyphs drawn as glyph 0 (.notdef, the missing-glyph box), and fonts that are not ours.

    WeasyPrint writes every font as a CID font with two-byte glyph ids, so a
    shown string is a run of glyph ids.  A character no shipped font has is
    either drawn as glyph 0 or taken from whatever system font has it: the
    booklet then depends on the machine it was built on.
    """
    notdef, foreign = 0, set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        holders = [(page.obj, page) for page in document.pages]
        seen = set()
        while holders:
            dictionary, stream = holders.pop()
            resources = dictionary.get("/Resources", {})
            for font in dict(resources.get("/Font", {})).values():
                name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
                if not name.startswith(SHIPPED_FONTS):
                    foreign.add(name)
            for xobject in dict(resources.get("/XObject", {})).values():
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    holders.append((xobject, xobject))
            for operands, operator in pikepdf.parse_content_stream(stream):
                if str(operator) == "Tj":
                    runs = [operands[0]]
                elif str(operator) == "TJ":
                    runs = [item for item in operands[0] if isinstance(item, pikepdf.String)]
                else:
                    continue
                for run in runs:
                    data = bytes(run)
                    notdef += sum(1 for i in range(0, len(data) - 1, 2) if data[i:i + 2] == b"\x00\x00")
    return notdef, foreign


def _render_every_page(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=0.4).to_pil().convert("L")
            assert image.getextrema()[0] < 128  # something is printed on it
        return len(document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def hindi_career():
    career, findings = load_translated(ML, "hi", Inputs())
    assert career.lang == "hi" and findings == []
    return career


@pytest.fixture(scope="module")
def hindi_pdf(tmp_path_factory) -> bytes:
    """`booklet build machine-learning-engineer --lang hi`, the real command."""
    from booklet.cli import run

    out = tmp_path_factory.mktemp("hi")
    assert run(["build", "machine-learning-engineer", "--lang", "hi", "--content", str(CONTENT), "--output", str(out),
                "--quiet", "-j", "1"]) == 0
    return (out / "machine-learning-engineer.pdf").read_bytes()


@pytest.fixture(scope="module")
def hindi_text(pipeline, hindi_career) -> str:
    """Every word printed on the Hindi booklet's pages, in reading order."""
    from booklet.render.layout_check import PageReading

    document = pipeline.layout(hindi_career, Options(lang="hi"))
    return " ".join(PageReading(document, index).text() for index in range(len(document.pages)))


def test_the_hindi_booklet_is_in_hindi(hindi_text, hindi_career, hindi_pdf):
    text = hindi_text
    for key, heading in SECTIONS:
        assert HINDI._(heading, a_title=hindi_career.a_title, title=hindi_career.title) in text, key
    for name in WEEKDAYS:
        assert HINDI._(WEEKDAY_NAMES[name]) in text
    assert hindi_career.title in text and hindi_career.overview.summary.split()[0] in text
    assert "नवंबर 2026" in text  # the review date, in Hindi
    assert "लाख" in text  # rupee amounts are explained in lakh
    assert "पृष्ठ" in text  # "Page 2 of N", whose numbers are the layout engine's counters
    latin = pdf_text(hindi_pdf)  # what reads back from the PDF: numbers, amounts, Latin names
    assert "2026" in latin and "₹" in latin and "O*NET" in latin


def test_no_english_interface_text_is_left(hindi_text):
    """Every interface message of the catalog appears in Hindi, none in English."""
    text = hindi_text
    english = [message for message in _catalog_messages() if len(message.split()) >= 3 and "%" not in message]
    assert len(english) > 40
    # The notices BLS and O*NET require are printed in their own English words in every edition.
    legal = {message for message in english if message.startswith("BLS.gov cannot vouch")}
    assert legal
    left = [message for message in english if message in text and message not in legal]
    assert left == []
    # The words of the page itself: no English word of four letters or more outside names of exams,
    # tools and organisations, which the profile's translation keeps in Latin script.
    latin = set(re.findall(r"\b[A-Za-z]{4,}\b", text))
    assert not latin & {"Page", "Reviewed", "Contents", "Education", "Monday", "Salary", "Sources", "years",
                        "Entry", "Senior", "Peak", "Estimate", "Notes"}


def test_pdf_language_metadata_and_bookmarks_are_hindi(hindi_pdf, hindi_career):
    with pikepdf.open(io.BytesIO(hindi_pdf)) as pdf:
        assert str(pdf.Root.Lang) == "hi"
        assert str(pdf.docinfo["/Title"]) == HINDI._("%(title)s: career booklet", title=hindi_career.title)
        assert "करियर" in str(pdf.docinfo["/Keywords"])
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root[0].children]
        assert titles[0] == HINDI._(SECTIONS[0][1], a_title=hindi_career.a_title, title=hindi_career.title)
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        figures = []
        _figures(pdf.Root.StructTreeRoot, figures)
        assert figures and all(re.search("[\u0900-\u097f]", str(alt)) for alt in figures)  # alt text in Hindi


def _figures(node, found):
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(node.get("/Alt", ""))
        if "/K" in node:
            _figures(node.K, found)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            _figures(item, found)


def test_every_glyph_is_drawn_and_every_page_renders(hindi_pdf):
    assert _glyph_faults(hindi_pdf) == (0, set())
    assert _render_every_page(hindi_pdf) % 4 == 0


def test_the_glyph_check_sees_text_our_fonts_cannot_draw():
    """The check above can fail: Tamil is drawn from a system font, or as the missing-glyph box."""
    from booklet.render.pdf import Renderer

    html = '<html lang="en"><title>x</title><p>A தமிழ் B</p></html>'
    notdef, foreign = _glyph_faults(Renderer(Options()).render(html).pdf)
    assert notdef or foreign


def test_hindi_handout(pipeline, hindi_career):
    from booklet.render.layout_check import PageReading

    options = Options(format="handout", lang="hi")
    document = pipeline.layout(hindi_career, options)
    text = " ".join(PageReading(document, index).text() for index in range(len(document.pages)))
    assert HINDI._("Types of roles") in text and hindi_career.title in text
    rendered = pipeline.renderer(options).write(document)
    assert rendered.pages == 2 and _glyph_faults(rendered.pdf) == (0, set())
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "hi"


def test_hindi_collection_of_the_six_translated_careers(pipeline):
    from booklet.plan import jobs, plan

    planned = plan(("chhah-career-hindi-mein",), CONTENT, Options())
    work, skipped, _warnings = jobs(planned.outputs, CONTENT, planned.inputs)
    assert skipped == [] and len(work) == 1
    job = work[0]
    assert job.options.lang == "hi" and {career.lang for career in job.careers} == {"hi"} and len(job.careers) == 6
    from booklet.render.layout_check import PageReading

    document = pipeline.layout_collection(job.collection, list(job.careers), job.options)
    text = " ".join(PageReading(document, index).text() for index in range(len(document.pages)))
    assert HINDI._("Contents") in text and HINDI._("In this chapter") in text
    assert all(career.title in text for career in job.careers)
    rendered = pipeline.renderer(job.options).write(document)
    assert _glyph_faults(rendered.pdf) == (0, set())
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "hi"


def test_an_untranslated_career_prints_in_english_with_a_note_in_hindi(pipeline):
    from booklet.render.layout_check import PageReading

    chef = load(CONTENT / "careers" / "chef.yaml")
    document = pipeline.layout(chef, Options(lang="hi"))
    text = " ".join(PageReading(document, index).text() for index in range(len(document.pages)))
    assert "My next steps" in text  # the back matter too
    assert "What is a Chef?" in text  # the career, and the interface around it, in English
    assert Text("hi")._("This career is not yet translated into your language, so this booklet is in English.") in text


def test_numbers_dates_and_money_follow_the_locale():
    assert HINDI.money(500_000, "INR") == "₹5\u00a0लाख" and Text("en").money(500_000, "INR") == "₹5L"
    assert HINDI.money(12_000_000, "INR") == "₹1.2 क॰" or HINDI.money(12_000_000, "INR").endswith("करोड़")
    assert Text("en").money_full(500_000, "INR") == "₹5,00,000"
    assert Text("en").money(67_240, "USD") == "$67.2K"
    # A range's unit once where both ends share it (a narrow comparison cell), else both amounts whole.
    assert HINDI.money_span(200_000, 600_000, "INR") == "₹2–6\u00a0लाख"
    assert Text("en").money_span(82_500, 105_200, "USD") == "$82.5–105.2K"
    assert Text("en").money_span(900_000, 12_000_000, "INR") == "₹9L–₹1.2Cr"
    assert HINDI.years_span(1, 1) != Text("en").years_span(1, 1) and Text("en").years_span(1, 1) == "1 yr"
    assert Text("en").years_span(2, 2) == "2 yrs" and Text("en").years_span(2, 4) == "2–4 yrs"
    import datetime as dt

    assert HINDI.date(dt.date(2026, 11, 1)) == "नवंबर 2026"
    assert Text("en").percent(10) == "10%"


# -- the catalog ------------------------------------------------------------------------------------------

def _catalog_messages() -> list[str]:
    """Every message the sources mark for translation, extracted as `pybabel extract` does (babel.cfg)."""
    method_map = [("booklet/**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = []
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options, keywords={"_": None, "n_": (1, 2), "ngettext": (1, 2)}):
        found.append(message if isinstance(message, str) else message[0])
    return sorted(set(found))


def test_the_catalog_is_up_to_date_with_the_sources():
    """A message added, changed or removed in the code without `make messages` fails here."""
    with (paths.PACKAGE / "locale" / "booklet.pot").open("rb") as handle:
        template = sorted({m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id})
    assert template == _catalog_messages()


def test_hindi_translates_every_message_and_only_with_glyphs_we_ship():
    with (paths.PACKAGE / "locale" / "hi" / "LC_MESSAGES" / "booklet.po").open("rb") as handle:
        catalog = read_po(handle, locale="hi")
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert sorted(messages) == _catalog_messages()
    for message in messages.values():
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings) and not message.fuzzy, message.id
        for string in strings:
            assert glyphs.missing(string) == [], message.id
            # Placeholders survive translation; Hindi has no articles, so "%(a_title)s" may become "%(title)s".
            allowed = set(re.findall(r"%\(\w+\)s", str(message.id)))
            allowed |= {"%(title)s"} if "%(a_title)s" in allowed else set()
            assert set(re.findall(r"%\(\w+\)s", string)) <= allowed, message.id


@pytest.mark.parametrize(("script", "sample"), [("Tamil", "தமிழ்"), ("Ethiopic", "ሰላም"), ("emoji", "🚀")])
def test_a_character_no_shipped_font_draws_is_an_error_in_check_and_build(tmp_path, capsys, script, sample):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "careers", content / "careers", ignore=shutil.ignore_patterns("hi"))
    profile = content / "careers" / "chef.yaml"
    text = profile.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.startswith("title:"))
    profile.write_text(text.replace("title: Chef", f"title: Chef {sample}", 1), encoding="utf-8")
    status, out, _err = invoke(capsys, "check", "chef", "--content", str(content))
    assert status == 2
    assert re.search(rf"chef\.yaml:{line}:\d+: error missing-glyph: .*title", out), out
    status, _out, err = invoke(capsys, "build", "chef", "--content", str(content), "--output", str(tmp_path / "out"))
    assert status == 2 and "missing-glyph" in err and not (tmp_path / "out" / "chef.pdf").exists()


def test_checking_a_career_checks_its_translations_too(tmp_path, capsys):
    """An editor who checks "electrician" after changing it hears that its Hindi edition is now behind."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "careers", content / "careers")
    profile = content / "careers" / "electrician.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Skilled trades", "Skilled trade", 1),
                       encoding="utf-8")
    status, out, _err = invoke(capsys, "check", "electrician", "--content", str(content))
    assert status == 2 and "hi/electrician.yaml:5:1: error translation-stale" in out, out
    assert out.strip().endswith("1 profile(s) and 1 translation(s) checked: 1 error(s), 0 warning(s)"), out
    status, out, _err = invoke(capsys, "check", "chef", "--content", str(content))  # no translation: none checked
    assert status == 0 and out.strip().endswith("1 profile(s) checked: 0 error(s), 0 warning(s)"), out
