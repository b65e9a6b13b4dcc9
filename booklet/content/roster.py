"""A class list: one row a student, the careers they chose, read from a CSV a counselor exports.

The file is untrusted (typed by hand, exported from a spreadsheet, uploaded
to a web page): it is read with the same bounded reader as every input,
decoded as UTF-8 with or without a byte-order mark, split on commas or
semicolons (whichever the header uses), and capped in rows and cell length.
Each bad row is reported as ``CLASS.csv:LINE:COLUMN: message`` (COLUMN is
the field's position in the row) and skipped; the good rows are built.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from booklet.catalog import did_you_mean
from booklet.content.model import Career
from booklet.errors import Finding, ProfileError, display_path
from booklet.i18n import LANGUAGES
from booklet.inputs import read_input
from booklet.limits import MAX_ROSTER_BYTES, MAX_ROSTER_CAREERS, MAX_ROSTER_CELL, MAX_ROSTER_ROWS
from booklet.options import FORMATS, PAPERS

REQUIRED = ("student", "careers")
OPTIONAL = ("class", "format", "paper", "lang", "note")
# Names a file may not have on some file system (Windows keeps these whatever the extension).
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


@dataclass(frozen=True)
class Student:
    """One good row: who, in which class, the careers they chose, and how their booklet is printed."""

    line: int
    name: str
    school_class: str
    careers: tuple[Career, ...]
    format: str | None  # None: the command's --format
    paper: str | None
    lang: str | None
    note: str
    raw: str  # the row as written, part of the student's digest


@dataclass
class Roster:
    students: list[Student]
    findings: list[Finding]
    header: tuple[str, ...]


def safe_name(text: str, fallback: str) -> str:
    """A file or folder name from ``text`` that every file system accepts: letters (any script), digits, dashes."""
    text = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(char if unicodedata.category(char)[0] in "LMN" else "-" for char in text)  # marks: matras
    name = re.sub(r"-+", "-", kept).strip("-")[:60].strip("-")
    return fallback if not name or name in RESERVED else name


def read_roster(path: Path, catalog: dict[str, Career]) -> Roster:
    """The students of ``path`` whose rows are good, and a located finding for every bad row."""
    data = read_input(path, limit=MAX_ROSTER_BYTES).data
    where = display_path(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ProfileError([Finding(where, line, 1, "is not UTF-8 text; save the class list as CSV UTF-8",
                                    rule="roster-encoding")]) from None
    if "\x00" in text:
        raise ProfileError([Finding(where, 1, 1, "is not a text file (it contains NUL bytes)", rule="roster-encoding")])
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ProfileError([Finding(where, 1, 1, "is empty; the first line names the columns: student,careers",
                                    rule="roster-header")])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header = tuple(cell.strip().casefold() for cell in next(reader))
    problems = [f"the column {name!r} is missing" for name in REQUIRED if name not in header]
    problems += [f"unknown column {name!r}{did_you_mean(name, [*REQUIRED, *OPTIONAL])}" for name in header
                 if name not in (*REQUIRED, *OPTIONAL)]
    if problems:
        raise ProfileError([Finding(where, 1, 1, "; ".join(problems) + f" (columns: {', '.join(REQUIRED)}, "
                                    f"and optionally {', '.join(OPTIONAL)})", rule="roster-header")])
    by_title = {career.title.casefold(): career for career in catalog.values()}
    students: list[Student] = []
    findings: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(reader, start=2):
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if index - 1 > MAX_ROSTER_ROWS:
            findings.append(Finding(where, line, 1, f"more than {MAX_ROSTER_ROWS:,} students; the rest are not read",
                                    rule="roster-too-long"))
            break
        student, problems = _row(dict(zip(header, row, strict=False)), len(row), len(header), catalog, by_title)
        for column, message in problems:
            findings.append(Finding(where, line, column, message, rule="roster-row"))
        if student is None:
            continue
        key = (student[1].casefold(), student[0].casefold())
        if key in seen:
            findings.append(Finding(where, line, header.index("student") + 1,
                                    f"{student[0]} is listed twice in class {student[1] or '(none)'} "
                                    f"(first on line {seen[key]})", rule="roster-row"))
            continue
        seen[key] = line
        students.append(Student(line, *student, raw=delimiter.join(row)))
    return Roster(students, findings, header)


def _row(cells: dict[str, str], width: int, expected: int, catalog: dict[str, Career],
         by_title: dict[str, Career]) -> tuple[tuple | None, list[tuple[int, str]]]:
    """One row's student fields, or None, and the (column, message) of every problem in it."""
    def column(name: str) -> int:
        return list(cells).index(name) + 1 if name in cells else 1

    problems: list[tuple[int, str]] = []
    if width > expected:
        problems.append((expected + 1, f"has {width} fields but the header names {expected}; quote a value that "
                                       "holds the separator"))
    values = {name: unicodedata.normalize("NFC", cells.get(name, "")).strip() for name in (*REQUIRED, *OPTIONAL)}
    for name, value in values.items():
        if len(value) > MAX_ROSTER_CELL:
            problems.append((column(name), f"{name} is {len(value)} characters; at most {MAX_ROSTER_CELL}"))
        elif any(unicodedata.category(char) in ("Cc", "Cf") for char in value):
            problems.append((column(name), f"{name} contains a control character"))
    if not values["student"]:
        problems.append((column("student"), "the student's name is empty"))
    chosen: list[Career] = []
    wanted = [part.strip() for part in values["careers"].split(";") if part.strip()]
    if not wanted:
        problems.append((column("careers"), "no career chosen; give one or more slugs or titles separated by ;"))
    if len(wanted) > MAX_ROSTER_CAREERS:
        problems.append((column("careers"), f"{len(wanted)} careers; a student's booklet holds at most "
                                            f"{MAX_ROSTER_CAREERS}"))
    for name in wanted:
        career = catalog.get(name.casefold()) or by_title.get(name.casefold())
        if career is None:
            hint = did_you_mean(name.casefold(), [*catalog, *by_title])
            problems.append((column("careers"), f"unknown career {name!r}{hint}"))
        elif career in chosen:
            problems.append((column("careers"), f"{career.title} is chosen twice"))
        else:
            chosen.append(career)
    checks = (("format", FORMATS), ("paper", tuple(PAPERS)), ("lang", tuple(LANGUAGES)))
    for name, allowed in checks:
        if values[name] and values[name].casefold() not in allowed:
            problems.append((column(name), f"unknown {name} {values[name]!r}{did_you_mean(values[name], list(allowed))}"
                                           f" (one of {', '.join(allowed)})"))
    if problems:
        return None, problems
    return (values["student"], values["class"], tuple(chosen), values["format"].casefold() or None,
            values["paper"].casefold() or None, values["lang"].casefold() or None, values["note"]), []
