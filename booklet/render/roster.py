"""A student's two personal pages: who the booklet was prepared for, by whom, when, and what is inside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from booklet.content.model import Career
from booklet.content.roster import Student
from booklet.errors import BookletError
from booklet.i18n import Text
from booklet.options import Options
from booklet.render.context import furniture
from booklet.render.html import render_html
from booklet.render.pdf import Renderer

COVER_PAGES = 2  # one sheet, front and back: every student's part starts on a right-hand page


@dataclass(frozen=True)
class Cover:
    pdf: bytes
    title: str  # its bookmark: "Prepared for Asha Verma"
    label: str  # its pages' label prefix: "Asha Verma"
    meta: dict[str, Any]  # the student's whole PDF's metadata


@dataclass(frozen=True)
class Inside:
    career: Career
    first: int  # 1-based page of the student's PDF where the career starts
    last: int


def student_cover(renderer: Renderer, student: Student, careers: tuple[Career, ...], pages: list[int],
                  options: Options, date: dt.date) -> Cover:
    text = Text(options.lang)
    brand = options.brand
    counselor = brand.counselor.name if brand and brand.counselor else None
    inside, first = [], COVER_PAGES + 1
    for career, count in zip(careers, pages, strict=True):
        inside.append(Inside(career, first, first + count - 1))
        first += count
    parts = [text._("Class %(name)s", name=student.school_class) if student.school_class else None,
             text._("by %(counselor)s", counselor=counselor) if counselor else None, text.day(date)]
    title = text._("Prepared for %(student)s", student=student.name)
    meta = {"title": text._("%(student)s: career booklet", student=student.name),
            "author": brand.school if brand else text._("Career booklet generator"),
            "description": text._("Careers chosen by %(student)s: %(careers)s.", student=student.name,
                                  careers=text.join_list([career.title for career in careers])),
            "keywords": [career.title for career in careers], "created": date.isoformat()}
    context = {
        "options": options, "text": text, "meta": meta, "student": student, "inside": inside,
        "prepared_on": text.day(date), "prepared_line": " · ".join(part for part in parts if part),
        "counselor": counselor, **furniture(text, max(career.as_of for career in careers), brand),
    }
    document = renderer.layout(render_html("roster-cover.html.j2", context))
    if len(document.pages) != COVER_PAGES:
        raise BookletError(f"{student.name}: the personal pages came to {len(document.pages)} pages instead of "
                           f"{COVER_PAGES}; shorten the note")
    return Cover(renderer.write(document).pdf, title, student.name, meta)
