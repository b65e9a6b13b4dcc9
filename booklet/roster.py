"""``booklet roster CLASS.csv``: a booklet for every student of a class, and a pack for the print room.

Personalisation must not cost a render per student.  Each career's body (its
booklet or handout, in one set of options) is rendered once, in the worker
pool, and kept by the digest of its inputs under ``output/roster/.bodies``;
each student then gets two small personal pages (prepared for, the note,
what is inside), and their PDF is joined from those pages and the bodies with
pikepdf, keeping the tags, the bookmarks and page labels that name each page
as it is printed (a career's pages keep their own "Page X of Y").  Students
whose inputs did not change are not rebuilt; a class's pack is rejoined only
when one of its students changed.  Every student part has an even number of
pages (two personal pages, then bodies of whole sheets), so in the pack each
student starts on a right-hand page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from booklet.batch import Job, Tally, executor_for, run_all
from booklet.catalog import careers_dir
from booklet.content.model import Career
from booklet.content.roster import Student, safe_name
from booklet.errors import BookletError
from booklet.i18n import Text
from booklet.incremental import Manifest, job_digest
from booklet.inputs import Inputs
from booklet.limits import MAX_PACK_STUDENTS
from booklet.options import Options
from booklet.output import open_atomic, write_atomic
from booklet.plan import edition, translation_bytes

ROSTER_FOLDER = "roster"
BODIES = ".bodies"
PACK = "class-pack.pdf"
PACK_NAME = re.compile(r"class-pack(-\d+)?\.pdf")  # the pack, whole or in parts; a student's file never matches
INDEX = "index.csv"


@dataclass(frozen=True)
class Planned:
    """One student's PDF to be: where it goes, its careers in their edition, its options and digest."""

    student: Student
    name: str  # relative to the roster folder: <class>/<student>.pdf
    careers: tuple[Career, ...]
    options: Options
    digest: str


@dataclass
class Summary(Tally):
    """A roster's tally (students built, up to date, failed), with the career bodies it rendered."""

    bodies: int = 0


def plan_students(students: list[Student], content: Path, options: Options, date: dt.date,
                  inputs: Inputs) -> list[Planned]:
    """Each student's file name (safe, unique within the class), careers, options and input digest."""
    taken: set[str] = set()
    planned = []
    for student in students:
        folder = safe_name(student.school_class, "no-class")
        stem = safe_name(student.name, f"student-{student.line}")
        stem = f"{stem}-student" if stem.startswith(Path(PACK).stem) else stem  # the pack's names are taken
        name, number = f"{folder}/{stem}.pdf", 2
        while name.casefold() in taken:
            name, number = f"{folder}/{stem}-{number}.pdf", number + 1
        taken.add(name.casefold())
        settings = replace(options, **{key: value for key, value in (("format", student.format),
                                                                     ("paper", student.paper),
                                                                     ("lang", student.lang)) if value})
        careers, data = [], [student.raw.encode(), date.isoformat().encode()]
        for career in student.careers:
            profile = careers_dir(content) / f"{career.slug}.yaml"
            careers.append(edition(profile, career, settings.lang, inputs)[0])
            data += [inputs.get(profile).data, *translation_bytes(profile, settings.lang, inputs)]
        planned.append(Planned(student, name, tuple(careers), settings, job_digest(data, settings)))
    return planned


def _body_digest(career: Career, options: Options) -> str:
    return job_digest([career.model_dump_json().encode()], options)


def build_roster(planned: list[Planned], output: Path, date: dt.date, workers: int,
                 echo: Callable[[str], None]) -> Summary:
    """Render what changed: the missing bodies, then each changed student, then the packs of changed classes."""
    from booklet.pipeline import Pipeline  # heavy: WeasyPrint

    folder = output / ROSTER_FOLDER
    manifest = Manifest(folder, note=echo)
    summary = Summary()
    todo = [item for item in planned if not manifest.is_current(item.name, item.digest)]
    summary.skipped = len(planned) - len(todo)
    bodies = _bodies(todo, folder / BODIES, workers, summary)
    pipeline = Pipeline()
    changed_classes = set()
    for item in todo:
        try:
            pdf, pages = _student_pdf(pipeline, item, [bodies[_body_digest(c, item.options)] for c in item.careers],
                                      date)
        except BookletError as exc:
            summary.failed += 1
            echo(f"{folder / item.name}: failed: {exc}")
            continue
        write_atomic(folder / item.name, pdf)
        manifest.record(item.name, item.digest, pages)
        summary.built += 1
        summary.pages += pages
        changed_classes.add(item.name.split("/")[0])
        echo(f"{folder / item.name}  {pages} pages")
    by_class: dict[str, list[Planned]] = defaultdict(list)
    for item in planned:
        by_class[item.name.split("/")[0]].append(item)
    for school_class, items in by_class.items():
        parts = _pack_parts(school_class, items)
        for old in (folder / school_class).glob("*.pdf"):  # a pack in other parts before
            if PACK_NAME.fullmatch(old.name) and f"{school_class}/{old.name}" not in dict(parts):
                old.unlink()
        for pack, part in parts:
            digest = job_digest([item.digest.encode() for item in part], Options())
            if school_class in changed_classes or not manifest.is_current(pack, digest):
                present = [item for item in part if (folder / item.name).exists()]
                pages = _write_pack(present, folder, folder / pack)
                manifest.record(pack, digest, pages)
                echo(f"{folder / pack}  {pages} pages (class pack)")
    write_atomic(folder / INDEX, _index(planned, manifest))
    return summary


def _bodies(todo: list[Planned], cache: Path, workers: int, summary: Summary) -> dict[str, bytes]:
    """Every career body the students to build need, rendered once each (kept by digest between runs)."""
    needed: dict[str, Job] = {}
    for item in todo:
        for career in item.careers:
            digest = _body_digest(career, item.options)
            needed.setdefault(digest, Job(digest, (career,), replace(item.options, impose=None), digest=digest))
    found = {digest: (cache / f"{digest}.pdf").read_bytes() for digest in needed
             if (cache / f"{digest}.pdf").is_file()}
    missing = [job for digest, job in needed.items() if digest not in found]
    with executor_for(len(missing), workers) as executor:
        for outcome in run_all(missing, executor):
            if outcome.error:
                raise BookletError(f"{outcome.job.careers[0].slug}: {outcome.error}")
            write_atomic(cache / f"{outcome.job.name}.pdf", outcome.pdf)
            found[outcome.job.name] = outcome.pdf
            summary.bodies += 1
    return found


def _student_pdf(pipeline, item: Planned, bodies: list[bytes], date: dt.date) -> tuple[bytes, int]:
    from booklet.render.join import Bookmark, PageLabel, join_pdfs, outline_of, shifted
    from booklet.render.roster import COVER_PAGES, student_cover

    counts = [_page_count(body) for body in bodies]
    cover = student_cover(pipeline.renderer(item.options), item.student, item.careers, counts, item.options, date)
    outline = [Bookmark(cover.title, 0)]
    labels = [PageLabel(0, f"{cover.label} ")]
    offset = COVER_PAGES
    for career, body, count in zip(item.careers, bodies, counts, strict=True):
        inner = outline_of(body)
        children = [*inner[0].children, *inner[1:]] if inner and inner[0].title == career.title else inner
        outline.append(Bookmark(career.title, offset, shifted(children, offset)))
        labels.append(PageLabel(offset, f"{career.title} "))
        offset += count
    return join_pdfs([cover.pdf, *bodies], cover.meta, outline, labels), offset


def _pack_parts(school_class: str, items: list[Planned]) -> list[tuple[str, list[Planned]]]:
    """A class's pack, in parts of at most ``MAX_PACK_STUDENTS`` students when the class is larger.

    Joining takes the same memory for any number of students, but a print
    room's queue and a counselor's mail do not take files of hundreds of
    megabytes: a class list of a whole year group without classes gets
    class-pack-1.pdf, -2.pdf, … of some 25 MB each.
    """
    parts = [items[start:start + MAX_PACK_STUDENTS] for start in range(0, len(items), MAX_PACK_STUDENTS)]
    if len(parts) == 1:
        return [(f"{school_class}/{PACK}", items)]
    stem = Path(PACK).stem
    return [(f"{school_class}/{stem}-{number}.pdf", part) for number, part in enumerate(parts, 1)]


def _write_pack(items: list[Planned], folder: Path, target: Path) -> int:
    """Every student's PDF of one class, in class-list order, bookmarked by student; returns its pages.

    The students' files are read one at a time, twice (their outlines first,
    then their pages), and the pack goes to disk as it is joined, so a class
    of any size takes the memory of one student's booklet.
    """
    from booklet.render.join import Bookmark, PageLabel, outline_of, shifted, write_joined

    outline, labels, offset = [], [], 0
    for item in items:
        pdf = (folder / item.name).read_bytes()
        outline.append(Bookmark(item.student.name, offset, shifted(outline_of(pdf), offset)))
        labels.append(PageLabel(offset, f"{item.student.name} "))
        offset += _page_count(pdf)
    text = Text(items[0].options.lang)
    meta = {"title": text._("Class %(name)s: career booklets", name=items[0].student.school_class or "–"),
            "author": items[0].options.brand.school if items[0].options.brand else text._("Career booklet generator"),
            "description": text.join_list([item.student.name for item in items]), "keywords": [],
            "created": max(item.careers[0].as_of for item in items).isoformat()}
    with open_atomic(target) as handle:
        write_joined(handle, ((folder / item.name).read_bytes() for item in items), meta, outline, labels)
    return offset


def _page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _index(planned: list[Planned], manifest: Manifest) -> bytes:
    """index.csv: each student, their class, their file and its pages (blank where the build failed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "class", "file", "pages"])
    for item in planned:
        pages = manifest.pages(item.name)
        writer.writerow([item.student.name, item.student.school_class, item.name, pages if pages is not None else ""])
    return buffer.getvalue().encode("utf-8")
