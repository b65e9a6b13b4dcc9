"""Comparison sheets: two to four careers side by side, on one or two pages.

One table, a column per career and a row per fact: field, what the job is,
entry education, years from school to a first job, pay per region (one
currency a row: entry, peak and where the top 10 % start), the typical
route in each region, key skills, the trade-offs (money, stability,
work–life balance: the first sentence of each of the profile's truths) and
the sources of the pay figures.  Then the salary ladders: one chart with a
panel per region, every career on that region's one shared axis.

The same table (without the charts) follows a collection's contents, in
groups of at most ``MAX_COMPARED`` careers.

A sheet should end within ``MAX_PAGES``.  When it does not, it gives way by
a fixed rule (``GIVE_WAY``), one step at a time, the same for every set of
careers: first the chart's rows get narrower and the key skills go from four
to three; then the table is set tight (closer lines and cells, long words
hyphenated; on small paper a smaller title and label column) and the sources
share one line across the careers, each named once with the careers that cite
it.  Then each route keeps its last three steps (where the qualifications
are), a long row may continue on the next page (under the repeated names of
the careers), each trade-off keeps the clause before its first colon,
semicolon or dash, and each route keeps its last two steps.  Then the salary
ladders move into the pay cells, a ladder above each career's amounts on its
row's one scale, so the chart needs no room of its own (on small paper the
amounts drop their level words, a range says its unit once, "₹2–6L", an open
peak reads "$140K+" as its arrow says, and a range too wide for its column
breaks after its dash); the columns take the widths that make the table
shortest, measured by breaking each cell's text into lines
(``fitted_widths``); the key skills go to two and each route keeps its last
step.  Last, the pay cells drop their ladders: the amounts, entry above peak
as the group's heading says, are all there as text.  The rule never drops a
row, a career or a region, and no type goes below
``booklet.render.thresholds``.  On small paper the sheet has no running head:
the careers' names head the table on each page.

Measured by laying out the last step (a sheet that does not fit there fits
nowhere) for every four of the catalog's seven wordiest careers and some 200
random fours in English, and some 150 random fours in Hindi (where the careers
not yet translated print in English under Hindi labels and amounts in हज़ार
and लाख, a longer sheet): none runs past ``MAX_PAGES`` on any paper, nor does
any of 117 random sets of two and three on A5 or half-letter.  The narrow
margins took the Hindi sets on half-letter from 41 of 98 over to 3, and twelve
more translations to none.  A sheet that still runs on prints on a further
page and the command says so (``too_long``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import accumulate, product
from typing import Any

from markupsafe import Markup, escape
from weasyprint import Document

from booklet.charts import look
from booklet.charts.ladders import ROW_MM, ladders_chart, rungs, scale
from booklet.content.model import Career, RegionPath, RegionSalary
from booklet.errors import BookletError
from booklet.i18n import REGION_NAMES, Text, _
from booklet.options import Options
from booklet.render.context import (
    OEWS_NOTE,
    ONET_NOTE,
    Figure,
    _figure,
    furniture,
    interest_profile,
    money_note,
    onet_release,
)
from booklet.render.html import render_html
from booklet.render.pdf import Renderer

MIN_COMPARED, MAX_COMPARED = 2, 4
MAX_PAGES = 2
SHORT_ROW_MM = 5.0  # a chart row when room is short
# A sheet's side margins on small paper, and at the last give-way step (templates/css/paper/small.css:
# @page compare, @page compare-narrow); on A4 and Letter the booklet's.
SIDE_MM = {"normal": 10.0, "narrow": 7.0}
CURRENCY_SYMBOLS = {"INR": "₹", "USD": "$", "EUR": "€"}
WIDTH_SPREAD = (0.75, 1.35)  # a column sized by its text: from this much of an even share to this much
TABLE_PT = 8.5  # the table's type once it is set tight (compare.css, paper/small.css)
CELL_PADDING_MM = {False: 3.0, True: 1.5}  # a cell's right padding, set tight, on A4/Letter and on small paper
SKILL_INDENT_MM = 3.0  # a key skill's bullet (compare.css ul.skills li)
CAREERS_WIDTH = 84  # the careers' columns together, in % of the table (the row labels: compare.css col.label)
EVERYTHING = {"chart_rows": True, "skills": 4, "tight": False, "sources": "cells", "route": None, "split": False,
              "clause": False, "widths": "even", "ladders": "chart", "margins": "normal"}
GIVE_WAY = ({"chart_rows": False}, {"skills": 3}, {"tight": True}, {"sources": "line"}, {"route": 3}, {"split": True},
            {"clause": True}, {"route": 2}, {"ladders": "cells"}, {"widths": "fit"}, {"skills": 2}, {"route": 1},
            {"ladders": None}, {"margins": "narrow"})
LIMITS = tuple(accumulate(GIVE_WAY, lambda limits, step: {**limits, **step}, initial=EVERYTHING))
# The first sentence of a truth: up to a full stop, question or exclamation mark, or the Devanagari danda.
_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")


# Where a sentence's main clause ends and its elaboration starts.
_CLAUSE_END = re.compile(r"(?::|;|\s[—–])\s")


def first_sentence(text: str, clause: bool = False) -> str:
    """The first sentence of ``text``; with ``clause``, only its main clause (up to a colon, semicolon or dash)."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if clause and (head := _CLAUSE_END.split(sentence, maxsplit=1)[0]) != sentence:
        sentence = head.rstrip(",") + ("।" if sentence.endswith("।") else ".")
    return sentence


@dataclass(frozen=True)
class Pay:
    """One career's pay in one region, worded for a cell."""

    entry: str
    peak: str
    top: str | None  # where the top 10 % start, when the source says
    peak_is_top: bool  # the peak band starts where the top 10 % do (a narrow page says so in one line)
    covers: str | None
    estimate: bool
    rungs: tuple[tuple[int, float, float], ...]  # the ladder on its row's one scale: (level, left %, width %)
    arrow: float | None  # where the open top band's arrow starts (%); None when the peak has a top
    entry_short: str  # in a bare cell (small paper, no level words): its unit once, "₹2–6 लाख"
    peak_short: str  # in a bare cell: an open peak as its arrow says it, "$140K+", else its unit once


@dataclass(frozen=True)
class Column:
    """One career's cells, in the order of the rows."""

    career: Career
    pays: tuple[Pay | None, ...]  # per region of the sheet; None where the career has no figures there
    routes: tuple[tuple[str, ...], ...]  # per region of the routes; () where the profile has no route there
    skills: tuple[str, ...]
    tradeoffs: tuple[str, str, str]  # money, stability, work–life balance
    sources: tuple[str, ...]  # "publisher, year" of each source the pay figures cite


@dataclass(frozen=True)
class Comparison:
    """What the comparison table shows: its columns and the regions of its pay and route rows."""

    columns: tuple[Column, ...]
    regions: tuple[tuple[str, str], ...]  # (region code, row label with its currency: "India (₹)")
    route_regions: tuple[tuple[str, str], ...]  # (region code, row label)
    eu_covers: str  # "Germany" when every European figure describes it; else ""

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def cited(self) -> list[tuple[tuple[Column, ...], tuple[str, ...]]]:
        """The sources once each, grouped by the careers that cite them: (careers, sources); () for every career."""
        citing: dict[str, tuple[int, ...]] = {}
        for index, column in enumerate(self.columns):
            for source in column.sources:
                citing[source] = (*citing.get(source, ()), index)
        grouped: dict[tuple[int, ...], list[str]] = {}
        for source, indexes in citing.items():
            grouped.setdefault(() if len(indexes) == self.width else indexes, []).append(source)
        return [(tuple(self.columns[index] for index in indexes), tuple(grouped[indexes]))
                for indexes in sorted(grouped, key=bool)]  # the sources of every career first


def fitted_widths(table: Comparison, options: Options, bare: bool, margins: str = "normal") -> tuple[float, ...]:
    """Each career's column width (% of the table) that makes the table shortest, by measuring its text.

    Every cell is broken into lines at its words in the table's type (``TABLE_PT``) for each width a column
    may take (whole per cents, within ``WIDTH_SPREAD`` of an even share); a row is as tall as its tallest
    cell, and the widths whose rows add up to the fewest lines win, the most even of them on a tie.  Only an
    estimate (the charts' font metrics, no kerning or hyphenation), but a much better one than the length of
    a column's text: a column with one long cell in a row of short ones gets the room that row needs.
    """
    from booklet.charts.style import text_width_mm

    paper = options.page
    table_mm = table_width_mm(options, margins)
    padding = CELL_PADDING_MM[paper.small]
    space = text_width_mm("a b", TABLE_PT) - text_width_mm("ab", TABLE_PT)

    def lines(text: str, width: float, weight: str = "normal") -> int:
        count, used = 0, 0.0
        for word in text.split():
            size = text_width_mm(word, TABLE_PT, weight)
            if count and used + space + size <= width:
                used += space + size
            else:
                count += -(-size // width) if size > width else 1  # a word wider than the line is hyphenated
                used = size % width if size > width else size
        return max(count, 1)

    def cells(column: Column) -> list[list[tuple[str, float, str]]]:
        """The column's cells, a row each: its paragraphs as (text, indent mm, weight)."""
        career = column.career
        rows = [[(career.title, 0.0, "bold")], [(career.field, 0.0, "normal")],
                [(career.overview.one_line, 0.0, "normal")],
                [(career.quick_facts.entry_education, 0.0, "normal")]]
        for pay in column.pays:
            amounts = ([pay.entry_short, pay.peak_short] if bare else [pay.entry, pay.peak]) if pay else ["-"]
            if bare:
                amounts = [amount.replace("–", "– ") for amount in amounts]
            rows.append([(amount, 0.0, "bold") for amount in amounts]
                        + [(extra, 0.0, "normal") for extra in (pay.top if pay else None,
                                                                pay.covers if pay and not table.eu_covers else None)
                           if extra])
        rows += [[(" → ".join(route) or "-", 0.0, "normal")] for route in column.routes]
        rows.append([(skill, SKILL_INDENT_MM, "normal") for skill in column.skills])
        rows += [[(tradeoff, 0.0, "normal")] for tradeoff in column.tradeoffs]
        return rows

    even = CAREERS_WIDTH / table.width
    choices = range(int(-(-WIDTH_SPREAD[0] * even // 1)), int(WIDTH_SPREAD[1] * even) + 1)
    heights = [{units: [sum(lines(text, table_mm * units / 100 - padding - indent, weight)
                            for text, indent, weight in cell) for cell in cells(column)]
                for units in choices} for column in table.columns]

    best: tuple[float, float, tuple[int, ...]] | None = None
    for head in product(choices, repeat=table.width - 1):
        last = CAREERS_WIDTH - sum(head)
        if last not in heights[-1]:
            continue
        units = (*head, last)
        total = sum(map(max, zip(*(heights[index][unit] for index, unit in enumerate(units)), strict=True)))
        candidate = (total, sum(abs(unit - even) for unit in units), units)
        if best is None or candidate < best:
            best = candidate
    return tuple(float(unit) for unit in best[2]) if best else tuple(even for _ in table.columns)


def _pay(pay: RegionSalary, text: Text, limit: float) -> Pay:
    """One career's pay in one region; ``limit``: the end of the region's one scale (its ladders)."""
    levels, money = pay.levels, text.money
    bands = rungs(pay, limit)
    top = text._("top 10%% earn over %(amount)s", amount=money(pay.top_10_percent, pay.currency)) \
        if pay.top_10_percent is not None else None
    peak = text.money_range(levels.peak.min, levels.peak.max, pay.currency)
    return Pay(
        entry=text.money_range(levels.entry.min, levels.entry.max, pay.currency),
        peak=peak,
        top=top,
        peak_is_top=pay.top_10_percent == levels.peak.min,
        covers=pay.covers,
        estimate=pay.estimate,
        rungs=tuple((level, _percent(start, limit), _percent(stop - start, limit))
                    for level, start, stop, _open in bands if stop > start),
        arrow=next((_percent(stop, limit) for _level, _start, stop, is_open in bands if is_open), None),
        entry_short=text.money_span(levels.entry.min, levels.entry.max, pay.currency),
        peak_short=money(levels.peak.min, pay.currency) + "+" if levels.peak.max is None
        else text.money_span(levels.peak.min, levels.peak.max, pay.currency),
    )


def _percent(amount: float, limit: float) -> float:
    return round(100 * amount / limit, 2)


def _publisher(name: str) -> str:
    """A publisher's name without its explanation: 'Bundesagentur für Arbeit (Federal …)' → 'Bundesagentur …'."""
    return re.sub(r"\s*\([^)]*\)$", "", name) or name


def _route(path: RegionPath | None, steps: int | None) -> tuple[str, ...]:
    if path is None:
        return ()
    return tuple(path.route if steps is None or len(path.route) <= steps else path.route[-steps:])


def comparison(careers: list[Career], text: Text, limits: dict[str, Any] | None = None) -> Comparison:
    """The table's content for ``careers``, in their order; ``limits`` from ``LIMITS``."""
    limits = limits or EVERYTHING
    present = {pay.region for career in careers for pay in career.salary}
    regions = [code for code in REGION_NAMES if code in present]
    route_present = {path.region for career in careers for path in career.paths}
    route_regions = [code for code in REGION_NAMES if code in route_present]
    currency = {pay.region: pay.currency for career in careers for pay in career.salary}
    limits_of = {code: scale([pay for career in careers for pay in career.salary if pay.region == code])
                 for code in regions}
    columns = []
    for career in careers:
        pays = {pay.region: pay for pay in career.salary}
        paths = {path.region: path for path in career.paths}
        cited = dict.fromkeys(pay.source for pay in career.salary)
        sources = tuple(dict.fromkeys(f"{_publisher(career.source(key).publisher)}, {career.source(key).year}"
                                      for key in cited))
        truths = career.truths
        columns.append(Column(
            career,
            tuple(_pay(pays[code], text, limits_of[code]) if code in pays else None for code in regions),
            tuple(_route(paths.get(code), limits["route"]) for code in route_regions),
            tuple(skill.name for skill in career.skills[:limits["skills"]]),
            tuple(first_sentence(truth, limits["clause"]) for truth in (truths.money, truths.stability,
                                                                         truths.work_life_balance)),
            sources,
        ))
    covers = {pay.covers for career in careers for pay in career.salary if pay.region == "EU"}
    return Comparison(
        tuple(columns),
        tuple((code, _breakable(f"{text.region(code)} ({CURRENCY_SYMBOLS[currency[code]]})")) for code in regions),
        tuple((code, _breakable(text.region(code))) for code in route_regions),
        next(iter(covers)) if len(covers) == 1 and None not in covers else "",
    )


def _breakable(label: str) -> Markup:
    """A row label that may wrap between its words ("United States" is otherwise kept on one line)."""
    return Markup(escape(label))


def groups(careers: list[Career], size: int = MAX_COMPARED) -> list[list[Career]]:
    """``careers`` in consecutive groups of at most ``size``, as even as can be: 5 → 3 + 2, 7 → 4 + 3."""
    count = -(-len(careers) // size)
    base, extra = divmod(len(careers), count) if careers else (0, 0)
    result, start = [], 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        result.append(careers[start:end])
        start = end
    return result


def file_name(careers: list[Career]) -> str:
    return "compare-" + "-".join(career.slug for career in careers) + ".pdf"


def table_width_mm(options: Options, margins: str = "normal") -> float:
    """The width of a sheet's table and chart: the page between its side margins (``SIDE_MM`` on small paper)."""
    paper = options.page
    return paper.width_mm - 2 * SIDE_MM[margins] if paper.small else paper.text_width_mm


def ladders(careers: list[Career], table: Comparison, options: Options, text: Text,
            chart_rows: bool = True) -> Figure:
    """The salary ladders: a panel a region of the table, every career with pay there on its axis."""
    panels = []
    for code, _label in table.regions:
        pays = [next((pay for pay in career.salary if pay.region == code), None) for career in careers]
        currency = next(pay.currency for pay in pays if pay is not None)
        panels.append((text.region(code), currency, pays))
    chart = ladders_chart([career.title for career in careers], panels, table_width_mm(options),
                          look=look(options.grayscale), text=text, row_mm=ROW_MM if chart_rows else SHORT_ROW_MM)
    return _figure(chart)


def sheet_context(careers: list[Career], options: Options, limits: dict[str, Any] | None = None,
                  charts: dict[bool, Figure] | None = None) -> dict[str, Any]:
    """The template context of a comparison sheet (templates/compare.html.j2).

    ``charts`` keeps the chart drawn for each row height across the attempts of one sheet.
    """
    limits = limits or EVERYTHING
    charts = {} if charts is None else charts
    text = Text(options.lang)
    reviewed = max(career.as_of for career in careers)
    table = comparison(careers, text, limits)
    in_cells = limits["ladders"] == "cells"
    if limits["ladders"] == "chart" and limits["chart_rows"] not in charts:
        charts[limits["chart_rows"]] = ladders(careers, table, options, text, limits["chart_rows"])
    titles = text.join_list([career.title for career in careers])
    return {
        "options": options,
        "text": text,
        "compare": table,
        "title": titles,
        "meta": {
            "title": text._("%(careers)s: career comparison", careers=titles),
            "author": options.brand.school if options.brand else text._("Career booklet generator"),
            "description": text._("%(careers)s side by side: what each job is, how to get there, what it pays and "
                                  "what it asks of you.", careers=titles),
            "keywords": [*(career.title for career in careers), text._("careers"), text._("career guidance")],
            "created": reviewed.isoformat(),
        },
        "reviewed": text.date(reviewed),
        "money_note": money_note([pay.currency for career in careers for pay in career.salary], text),
        "estimates": any(pay.estimate for career in careers for pay in career.salary),
        # The careers in English are plain to see in their own script: the note need not name them again.
        "untranslated": text._("Careers shown in English are not yet translated into your language.")
        if any(career.lang != options.lang for career in careers) else "",
        "split_rows": limits["split"],
        "tight": limits["tight"],
        "sources_line": limits["sources"] == "line",
        "widths": fitted_widths(table, options, limits["ladders"] != "chart" and options.page.small, limits["margins"])
        if limits["widths"] == "fit" else (),
        "narrow": limits["margins"] == "narrow" and options.page.small,
        "ladders": charts[limits["chart_rows"]] if limits["ladders"] == "chart" else None,
        "bare": limits["ladders"] != "chart" and options.page.small,
        "shades": look(options.grayscale).palette[-2::-1] if in_cells else (),
        # Each career's O*NET interest code, a row of the table, and the credits the datasets ask for; not on
        # small paper, where the sheet has no line to spare.
        "interests": [] if options.page.small else [interest_profile(career, text) for career in careers],
        "data_notes": [] if options.page.small else [
            text._(OEWS_NOTE), text._(ONET_NOTE["handout"], release="O*NET " + onet_release())],
        **furniture(text, reviewed, options.brand),
    }


def check_count(count: int) -> None:
    if not MIN_COMPARED <= count <= MAX_COMPARED:
        raise BookletError(f"a comparison sheet compares {MIN_COMPARED} to {MAX_COMPARED} careers; got {count}")


def layout_sheet(renderer: Renderer, careers: list[Career], options: Options) -> Document:
    """The laid-out sheet: the first set of limits whose sheet ends within ``MAX_PAGES``."""
    check_count(len(careers))
    options = replace(options, format="booklet")
    charts: dict[bool, Figure] = {}

    def attempt(index: int) -> Document:
        return renderer.layout(render_html("compare.html.j2", sheet_context(careers, options, LIMITS[index], charts)))

    # The limits are cumulative, so a sheet that fits keeps fitting with every later set: the first set that
    # fits is found by bisection, in a few layouts instead of one per set.
    first = attempt(0)
    if len(first.pages) <= MAX_PAGES:
        return first
    low, high = 0, len(LIMITS) - 1  # LIMITS[low] does not fit; LIMITS[high] is the last to try
    fitting = attempt(high)
    if len(fitting.pages) > MAX_PAGES:
        return fitting  # the shortest cells, run on to a further page: the command says so (too_long)
    while high - low > 1:
        middle = (low + high) // 2
        document = attempt(middle)
        if len(document.pages) <= MAX_PAGES:
            high, fitting = middle, document
        else:
            low = middle
    return fitting


def too_long(pages: int, paper: str) -> str | None:
    """What to tell a user whose sheet runs past ``MAX_PAGES``; None when it does not."""
    if pages <= MAX_PAGES:
        return None
    return (f"the comparison takes {pages} pages of {paper} even with the shortest cells (a sheet is meant to be "
            f"at most {MAX_PAGES}); compare fewer careers, or use larger paper")


COMPARISON_HEADING = _("Comparison")
