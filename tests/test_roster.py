"""`booklet roster CLASS.csv` (issue 12): located row errors, one PDF per student, the class pack, incremental."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.conftest import SEED, alone, invoke, pdf_text

ROWS = [
    "student;class;careers;format;paper;note",
    "Asha Verma;10B;machine-learning-engineer;;;Talk to me before Friday",
    "अनन्या शर्मा;10B;Machine Learning Engineer;handout;;",
    "Ravi Kumar;10B;machine-lerning-engineer;;;",
    ";10B;machine-learning-engineer;;;",
    "Asha Verma;10B;machine-learning-engineer;;;",
    "Zoë ../etc;10B;machine-learning-engineer;handout;b5;",
]


@pytest.fixture(scope="module")
def school(tmp_path_factory) -> Path:
    """A catalog of one career and a class list with a BOM, semicolons, non-Latin names and four bad rows."""
    root = tmp_path_factory.mktemp("school")
    (root / "content" / "careers").mkdir(parents=True)
    (root / "content" / "careers" / SEED.name).write_text(alone(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "class.csv").write_bytes(b"\xef\xbb\xbf" + "\n".join(ROWS).encode() + b"\n")
    return root


@pytest.fixture(scope="module")
def first_run(school) -> tuple[int, str, str]:
    import contextlib
    import io

    from booklet.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["roster", str(school / "class.csv"), "--content", str(school / "content"),
                    "--output", str(school / "output"), "--date", "2026-12-12", "-j", "1"])
    return code, out.getvalue(), err.getvalue()


def test_bad_rows_are_located_and_skipped_and_the_status_is_2(first_run):
    code, out, err = first_run
    assert code == 2
    assert "class.csv:4:3: error roster-row: unknown career 'machine-lerning-engineer'; did you mean " \
           "machine-learning-engineer?" in err
    assert "class.csv:5:1: error roster-row: the student's name is empty" in err
    assert "class.csv:6:1: error roster-row: Asha Verma is listed twice in class 10B (first on line 2)" in err
    assert "class.csv:7:5: error roster-row: unknown paper 'b5'" in err
    assert "Traceback" not in out + err


def test_each_good_row_gets_its_booklet_with_a_personal_cover(school, first_run):
    folder = school / "output" / "roster" / "10b"
    asha = folder / "asha-verma.pdf"
    text = pdf_text(asha)
    assert "Prepared for Asha Verma" in text and "Class 10B" in text and "12 December 2026" in text
    assert "Talk to me before Friday" in text and "Machine Learning Engineer" in text
    ananya = folder / "अनन्या-शर्मा.pdf"  # a Devanagari name keeps its letters in the file name
    assert len(PdfReader(ananya).pages) == 4  # the cover sheet, then the two-sided handout
    with pikepdf.open(asha) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"
        labels = [str(label) for label in PdfReader(asha).page_labels]
    # The cover sheet apart; the booklet's pages keep the numbers printed on them ("Page 1 of 12").
    assert labels[:3] == ["Asha Verma 1", "Asha Verma 2", "Machine Learning Engineer 1"]


def test_the_class_pack_starts_every_student_on_a_right_hand_page(school, first_run):
    folder = school / "output" / "roster" / "10b"
    reader = PdfReader(folder / "class-pack.pdf")
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline
               if not isinstance(item, list)]
    assert [title for title, _ in outline] == ["Asha Verma", "अनन्या शर्मा"]
    assert all(page % 2 == 0 for _, page in outline)  # 0-based even: a right-hand page
    index = list(csv.DictReader((school / "output" / "roster" / "index.csv").read_text(encoding="utf-8").splitlines()))
    assert [(row["student"], row["file"]) for row in index] == [("Asha Verma", "10b/asha-verma.pdf"),
                                                                ("अनन्या शर्मा", "10b/अनन्या-शर्मा.pdf")]
    assert int(index[0]["pages"]) == len(PdfReader(folder / "asha-verma.pdf").pages)
    assert len(reader.pages) >= sum(int(row["pages"]) for row in index)


def test_a_large_class_gets_its_pack_in_parts(school, first_run, tmp_path, capsys, monkeypatch):
    """Past MAX_PACK_STUDENTS the pack comes in files a print room takes (and the whole pack goes)."""
    copy = tmp_path / "school"
    shutil.copytree(school, copy)
    monkeypatch.setattr("booklet.roster.MAX_PACK_STUDENTS", 1)
    invoke(capsys, "roster", str(copy / "class.csv"), "--content", str(copy / "content"), "--output",
           str(copy / "output"), "--date", "2026-12-12", "-j", "1")
    folder = copy / "output" / "roster" / "10b"
    assert sorted(path.name for path in folder.glob("class-pack*.pdf")) == ["class-pack-1.pdf", "class-pack-2.pdf"]
    titles = [[item.title for item in PdfReader(folder / f"class-pack-{n}.pdf").outline if not isinstance(item, list)]
              for n in (1, 2)]
    assert titles == [["Asha Verma"], ["अनन्या शर्मा"]]


def test_a_student_named_like_the_pack_keeps_their_file_when_the_pack_changes_parts(school, tmp_path, capsys,
                                                                                      monkeypatch):
    """Only the pack's own names are removed when it comes in other parts: never a student's file."""
    copy = tmp_path / "school"
    shutil.copytree(school, copy, ignore=shutil.ignore_patterns("output"))
    (copy / "class.csv").write_text("student,class,careers\nClass Pack 1,10B,machine-learning-engineer\n"
                                    "Ravi Kumar,10B,machine-learning-engineer\n", encoding="utf-8")
    args = ["roster", str(copy / "class.csv"), "--content", str(copy / "content"), "--output", str(copy / "output"),
            "--date", "2026-12-12", "-j", "1"]
    folder = copy / "output" / "roster" / "10b"
    monkeypatch.setattr("booklet.roster.MAX_PACK_STUDENTS", 1)
    assert invoke(capsys, *args)[0] == 0
    assert sorted(path.name for path in folder.glob("*.pdf")) == [
        "class-pack-1-student.pdf", "class-pack-1.pdf", "class-pack-2.pdf", "ravi-kumar.pdf"]
    monkeypatch.setattr("booklet.roster.MAX_PACK_STUDENTS", 50)
    assert invoke(capsys, *args)[0] == 0
    assert sorted(path.name for path in folder.glob("*.pdf")) == [
        "class-pack-1-student.pdf", "class-pack.pdf", "ravi-kumar.pdf"]


def test_a_second_run_rebuilds_only_the_student_who_changed(school, first_run, tmp_path, capsys):
    copy = tmp_path / "school"
    shutil.copytree(school, copy)
    args = ["roster", str(copy / "class.csv"), "--content", str(copy / "content"), "--output", str(copy / "output"),
            "--date", "2026-12-12", "-j", "1"]
    code, out, err = invoke(capsys, *args)
    assert code == 2 and "0 built, 2 up to date" in out + err  # the bad rows are still reported
    rows = (copy / "class.csv").read_text(encoding="utf-8-sig").replace("Talk to me before Friday", "See me")
    (copy / "class.csv").write_text(rows, encoding="utf-8")
    _code, out, err = invoke(capsys, *args)
    assert "1 built, 1 up to date" in out + err and "0 career bodies rendered" in out + err
    assert "See me" in pdf_text(copy / "output" / "roster" / "10b" / "asha-verma.pdf")


def test_a_roster_that_is_not_a_class_list_is_refused(capsys, school, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,career\nAsha,accountant\n", encoding="utf-8")
    code, out, err = invoke(capsys, "roster", str(bad), "--content", str(school / "content"),
                            "--output", str(tmp_path / "out"))
    assert code == 2 and "bad.csv:1:" in out + err and "student" in out + err
    assert not (tmp_path / "out" / "roster").exists() or not list((tmp_path / "out").rglob("*.pdf"))


@pytest.mark.parametrize(("name", "safe"), [("Zoë Ng", "zoë-ng"), ("../../etc/passwd", "etc-passwd"),
                                            ("CON", "student"), ("अनन्या", "अनन्या"), ("   ", "student")])
def test_file_names_are_safe_everywhere(name, safe):
    from booklet.content.roster import safe_name

    result = safe_name(name, "student")
    assert "/" not in result and "\\" not in result and not result.startswith(".")
    assert result.startswith(safe)
