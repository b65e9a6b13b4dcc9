"""A collection booklet: shared front matter, then each career as a chapter.

The front matter holds the cover, the introduction and the contents, which
show every career's quick facts side by side (field, entry education, years
to a first job, starting pay in each region) so a reader compares at a glance,
and, for a collection of 2–12 careers unless it says ``compare: false``, the
comparison tables of ``booklet.render.compare`` (at most four careers each).
Chapters start on a right-hand page (a blank left page where needed) unless
``Options.blank_pages`` is off, and the booklet ends with the back matter
that fills it to a multiple of four pages.

Up to ``SINGLE_DOCUMENT_LIMIT`` careers are laid out as one WeasyPrint
document, so the engine numbers pages and the contents itself (target-counter).
A larger collection would not fit in memory that way (about 1.5 MB per page
laid out), so it is rendered in parts: a first pass lays out each part alone
to learn its length and where its sections start, a second pass renders each
part knowing its first page number and the total, and the parts are joined
with pikepdf under one outline.  A chapter's length does not depend on the
number its first page gets, which is what makes the two passes agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup
from weasyprint import Document

from booklet import gc_policy
from booklet.content.collection import Collection
from booklet.content.model import Career, RegionSalary
from booklet.errors import BookletError
from booklet.i18n import REGION_NAMES, Text
from booklet.options import Options
from booklet.render.backmatter import back_matter, pages_to_fill, with_back_matter
from booklet.render.compare import COMPARISON_HEADING, comparison, groups
from booklet.render.compare import LIMITS as COMPARE_LIMITS
from booklet.render.context import build_context, furniture, money_note
from booklet.render.html import render_html
from booklet.render.join import Bookmark, join_pdfs
from booklet.render.layout_check import short_pages, tightest
from booklet.render.pdf import Rendered, Renderer
from booklet.render.thresholds import TIGHTER

SINGLE_DOCUMENT_LIMIT = 24
PLACEHOLDER_PAGE = 999  # as wide as any real page number, so pass 1 lays out like pass 2


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    career: Career
    pays: tuple[RegionSalary | None, ...]  # pay in each of the collection's regions, None where not published


@dataclass(frozen=True)
class Part:
    """One laid-out part of a collection: its length and where anchors fall."""

    pages: int
    anchors: dict[str, int]  # anchor id → 0-based page within the part


def regions_of(careers: list[Career]) -> list[str]:
    """The regions with pay figures, in the catalog's order of regions."""
    present = {pay.region for career in careers for pay in career.salary}
    return [region for region in REGION_NAMES if region in present]


def _front_context(collection: Collection, careers: list[Career], options: Options) -> dict[str, Any]:
    text = Text(options.lang)
    reviewed = max(career.as_of for career in careers)
    regions = regions_of(careers)
    toc = []
    for career in careers:
        pay = {salary.region: salary for salary in career.salary}
        toc.append(TocEntry(f"{career.slug}-cover", career, tuple(pay.get(region) for region in regions)))
    return {
        "meta": {
            "title": text._("%(title)s: career collection", title=collection.title),
            "author": text._("Career booklet generator"),
            "description": f"{collection.subtitle}. " + text.join_list([career.title for career in careers]) + ".",
            "keywords": [collection.title, text._("careers"), text._("career guidance"), *(c.title for c in careers)],
            "created": reviewed.isoformat(),
        },
        "options": options,
        "text": text,
        "collection": {
            "title": collection.title,
            "subtitle": collection.subtitle,
            "audience": collection.audience,
            "paragraphs": [p.strip() for p in collection.introduction.split("\n\n") if p.strip()],
            "careers_count": len(careers),
            "reviewed": text.date(reviewed),
        },
        "regions": regions,
        "money_note": money_note([pay.currency for career in careers for pay in career.salary], text),
        "eu_covers": text.join_list(list(dict.fromkeys(pay.covers for career in careers for pay in career.salary
                                                       if pay.region == "EU" and pay.covers))),
        "toc": toc,
        "toc_pages": None,
        "comparisons": [comparison(group, text) for group in groups(careers)] if collection.compares(len(careers))
        else [],
        "chapters": [],
        **furniture(text, reviewed, options.brand),
    }


def _fitted_front(renderer: Renderer, collection: Collection, careers: list[Career], options: Options) -> dict:
    """The front matter's context; when its last page would print nearly empty, its comparison tables are
    shortened by the comparison sheet's own rule (``compare.LIMITS``), a step at a time, until it does not."""
    front = _front_context(collection, careers, options)
    if not front["comparisons"]:
        return front
    text = Text(options.lang)
    tried = None
    for limits in (None, *COMPARE_LIMITS[1:]):
        trial = front if limits is None else {
            **front, "comparisons": [comparison(group, text, limits) for group in groups(careers)]}
        if trial["comparisons"] == tried:  # a step of the sheet's own layout (its chart, its margins): same tables
            continue
        tried = trial["comparisons"]
        if not short_pages(renderer.layout(render_html("collection.html.j2", trial)), options.page.small)[0]:
            return trial
    return front


def _prefix(career: Career) -> str:
    return f"{career.slug}-"


def _chapter_context(career: Career, options: Options, number: int) -> dict[str, Any]:
    return build_context(career, options, prefix=_prefix(career), chapter=number)


def _footer_css(first_page: int, total: int) -> str:
    """A part numbers its pages from ``first_page`` and says the whole collection's ``total``.

    The total is written as a number because a part cannot count the others'
    pages; the words around it still come from the document (page.css).
    """
    return (f"@page:first {{ counter-reset: page {first_page}; }}\n"
            f"@page {{ @bottom-right {{ content: string(folio-before) counter(page) string(folio-middle) "
            f"\"{total}\" string(folio-after); }} }}\n")


def _part_of(document) -> Part:
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return Part(len(document.pages), anchors)


# Each part's layout is garbage once measured or written: both passes collect
# after every part, so a hundred of them never pile up.
def _measure(renderer: Renderer, html: str) -> Part:
    part = _part_of(renderer.layout(html))
    gc_policy.collect()
    return part


def _render_part(renderer: Renderer, html: str, extra_css: str = "") -> bytes:
    pdf = renderer.render(html, extra_css).pdf
    gc_policy.collect()
    return pdf


def render_collection(
    renderer: Renderer,
    collection: Collection,
    careers: list[Career],
    options: Options,
    in_parts: bool | None = None,
) -> Rendered:
    """Render ``careers`` as one collection PDF; ``in_parts`` forces a strategy (tests)."""
    if in_parts is None:
        in_parts = len(careers) > SINGLE_DOCUMENT_LIMIT
    if in_parts:
        return _render_in_parts(renderer, _fitted_front(renderer, collection, careers, options), collection, careers,
                                options)
    return renderer.write(layout_collection(renderer, collection, careers, options))


def layout_collection(renderer: Renderer, collection: Collection, careers: list[Career], options: Options) -> Document:
    """The collection laid out as one document, back matter included (what the layout check reads).

    A chapter that ends on a page of a few lines, or leaves a page short, is
    set tighter (``TIGHTER``), as a booklet is; the tighter setting is kept
    for the chapters it helps.
    """
    front = _fitted_front(renderer, collection, careers, options)
    chapters = [{"lang": career.lang,
                 "html": Markup(render_html("career.html.j2", _chapter_context(career, options, number)))}
                for number, career in enumerate(careers, start=1)]

    def layout(tight: list[str]) -> tuple[Document, list[int]]:
        tightened = [{**chapter, "tight": level} for chapter, level in zip(chapters, tight, strict=True)]
        document = renderer.layout(render_html("collection.html.j2", {**front, "chapters": tightened}))
        starts = {name: index for index, page in enumerate(document.pages) for name in page.anchors}
        return document, short_pages(document, options.page.small,
                                     tuple(starts[f"{_prefix(career)}cover"] for career in careers))

    # Chapters start on pages of their own, so each is judged alone, as a booklet is (``tightest``).
    tight = [""] * len(careers)
    document, short = layout(tight)
    for level in TIGHTER:
        tried = {index for index, count in enumerate(short) if count}
        if not tried:
            break
        tighter, tighter_short = layout([level if index in tried else t for index, t in enumerate(tight)])
        kept = {index for index in tried if tighter_short[index] < short[index]}
        tight = [level if index in kept else t for index, t in enumerate(tight)]
        if kept == tried:
            document, short = tighter, tighter_short
        elif kept:
            document, short = layout(tight)
    return with_back_matter(renderer, document, careers, options, collection.title, max(c.as_of for c in careers))


def render_handout_pack(renderer: Renderer, collection: Collection, careers: list[Career], options: Options,
                        handouts: list[Document]) -> Rendered:
    """A collection as handouts: a cover sheet listing the careers, then each career's sheet.

    The cover sheet has two sides (the careers at a glance, the
    introduction), so every handout after it falls on a sheet of its own when
    the pack is printed double-sided in one go.
    """
    front = _front_context(collection, careers, options)
    front["toc_pages"] = {entry.anchor: 3 + 2 * index for index, entry in enumerate(front["toc"])}
    cover = renderer.layout(render_html("handout-pack.html.j2", front))
    if len(cover.pages) != 2:
        raise BookletError(f"{collection.slug}: the handout pack's cover does not fit on one sheet")
    return renderer.write(cover.copy([*cover.pages, *(page for handout in handouts for page in handout.pages)]))


@cache
def _blank_page(renderer: Renderer) -> bytes:
    """One empty page of the paper, tagged like every other part: a left page before a chapter."""
    return renderer.render('<html lang="en"><head><title>-</title></head><body><div class="blank-page"></div></body>'
                           '</html>').pdf


def _render_in_parts(renderer: Renderer, front: dict[str, Any], collection: Collection, careers: list[Career],
                     options: Options) -> Rendered:
    # Pass 1: lengths and anchor pages, with placeholder numbers of the final width.
    front["toc_pages"] = {entry.anchor: PLACEHOLDER_PAGE for entry in front["toc"]}
    front_part = _measure(renderer, render_html("collection.html.j2", front))
    # Contexts (with their charts) are built once and reused by pass 2: only page numbers change.
    contexts = [_chapter_context(career, options, number) for number, career in enumerate(careers, start=1)]
    chapter_parts = []
    for context in contexts:
        context["page_numbers"] = {section.key: PLACEHOLDER_PAGE for section in context["sections"]}
        document, context["tight"] = tightest(lambda tight, context=context: renderer.layout(
            render_html("booklet.html.j2", {**context, "tight": tight})), options.page.small)
        chapter_parts.append(_part_of(document))
        document = None
        gc_policy.collect()

    # Where each chapter starts: on a right-hand (odd) page, after a blank left page where needed.
    starts, blanks, page = [], [], 1 + front_part.pages
    for part in chapter_parts:
        blank = options.blank_pages and page % 2 == 0
        blanks.append(blank)
        page += blank
        starts.append(page)
        page += part.pages
    total = page - 1

    # Pass 2: the same parts, now with their real page numbers.
    front["toc_pages"] = {f"{c.slug}-cover": start for c, start in zip(careers, starts, strict=True)}
    pdfs = [_render_part(renderer, render_html("collection.html.j2", front), _footer_css(1, total))]
    text = Text(options.lang)
    outline = [Bookmark(title, front_part.anchors[anchor]) for anchor, title in
               (("introduction", text._("Introduction")), ("contents", text._("Contents")),
                ("comparison", text._(COMPARISON_HEADING))) if anchor in front_part.anchors]
    for career, context, start, part, blank in zip(careers, contexts, starts, chapter_parts, blanks, strict=True):
        if blank:
            pdfs.append(_blank_page(renderer))
        first = {s.key: start + part.anchors[s.anchor] for s in context["sections"]}
        context["page_numbers"] = first
        pdfs.append(_render_part(renderer, render_html("booklet.html.j2", context), _footer_css(start, total)))
        outline.append(Bookmark(career.title, start - 1, tuple(Bookmark(s.heading, first[s.key] - 1)
                                                                for s in context["sections"])))
    back = back_matter(renderer, total, careers, options, collection.title, max(c.as_of for c in careers))
    if back is not None:
        pdfs.append(renderer.write(back).pdf)
        outline += [Bookmark(label, total + page) for label, (page, _x, _y), _children, _state
                    in back.make_bookmark_tree()]
    return Rendered(join_pdfs(pdfs, front["meta"], outline), total + pages_to_fill(total) * options.worksheet)
