"""Everything a template needs, built before any HTML is written.

Templates stay logic-free: they receive the model, the charts as data URIs
with their alt text, the paper, the edition's ``Text`` (translation and
formatting), and the few sentences assembled from several facts, all
computed here where it can be tested.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from booklet import facts, interests, related, wages
from booklet.charts import Chart, education_charts, interests_chart, look, roles_chart, salary_chart
from booklet.charts.style import SvgText, lift_texts, needs_shaping, svg_size
from booklet.content.brand import Brand
from booklet.content.model import WEEKDAYS, Career, Week
from booklet.i18n import Text, _
from booklet.options import Options
from booklet.render.qr import qr_code


@dataclass(frozen=True)
class Label:
    """A chart's text set as HTML over the drawing: where it goes (CSS) and what it says."""

    style: str
    text: str


@dataclass(frozen=True)
class Figure:
    uri: str
    alt: str
    labels: tuple[Label, ...] = ()


def _figure(chart: Chart) -> Figure:
    """A chart for the template; a chart in a script whose letters join gets its texts as HTML.

    WeasyPrint draws SVG text one letter at a time, which breaks Devanagari
    conjuncts and vowel signs; HTML text is shaped by HarfBuzz.  So such a
    chart is drawn without its texts, and each text is placed over it where
    matplotlib put it, in the same size, weight and colour.
    """
    svg, labels = chart.svg, ()
    if needs_shaping(svg):
        width, height = svg_size(svg)
        svg, texts = lift_texts(svg)
        labels = tuple(Label(_placement(text, width, height), text.text) for text in texts)
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Figure(f"data:image/svg+xml;base64,{encoded}", chart.alt, labels)


def _placement(text: SvgText, width: float, height: float) -> str:
    top = (text.y - 0.86 * text.size) / height * 100  # line-height 1: the baseline sits about 0.86 em down
    where = {"start": f"left: {text.x / width * 100:.3f}%",
             "end": f"right: {(width - text.x) / width * 100:.3f}%",
             "middle": f"left: {text.x / width * 100:.3f}%; transform: translateX(-50%)"}[text.anchor]
    return (f"{where}; top: {top:.3f}%; font-size: {text.size:.2f}pt; color: {text.fill}; "
            f"font-weight: {700 if text.weight == 'bold' else 400}")


SECTIONS = (
    ("overview", _("What is %(a_title)s?")),
    ("roles", _("Types of roles")),
    ("paths", _("The path to get there")),
    ("education", _("Education")),
    ("week", _("A week in the life")),
    ("growth", _("Career growth & salary")),
    ("skills", _("Essential skills")),
    ("truths", _("The human truths & trade-offs")),
    ("toolkit", _("Your toolkit")),
    ("faq", _("Frequently asked questions")),
    ("summary", _("Is this career for you?")),
    ("sources", _("Sources & notes")),
)
WEEKDAY_NAMES = {"monday": _("Monday"), "tuesday": _("Tuesday"), "wednesday": _("Wednesday"),
                 "thursday": _("Thursday"), "friday": _("Friday")}
# How every level band is set from published percentiles: the rule booklet.wages applies.
BAND_RULE = _("How the level bands are set: where a source publishes percentiles of pay, entry-level pay runs "
              "from the 10th to the 25th percentile, early career from the 25th to the median, mid-career from "
              "the median to the 75th, senior from the 75th to the 90th, and the peak starts at the 90th. Where a "
              "source does not publish the 10th or 90th percentile, we estimate them as 0.85 × the 25th and "
              "1.2 × the 75th and mark the bands as estimates. Percentiles describe everyone in the occupation, "
              "so a level band is a guide, not a promise.")
HANDOUT_RING_MM = 34
# A salary chart on a small page is a smaller share of it, so it finds room below the pay table.
SALARY_HEIGHT_MM = {False: 46, True: 37}
# One example per currency of the one short notation money has, explained where amounts first appear.
MONEY_EXAMPLES = {"INR": 500_000, "USD": 50_000, "EUR": 50_000}


@dataclass(frozen=True)
class Section:
    number: str
    key: str
    heading: str
    anchor: str  # the element id; prefixed by the career's slug inside a collection


def sections(career: Career, text: Text, prefix: str = "") -> list[Section]:
    return [Section(f"{number:02d}", key, text._(heading, a_title=career.a_title, title=career.title),
                    f"{prefix}{key}") for number, (key, heading) in enumerate(SECTIONS, start=1)]


def charts(career: Career, options: Options, text: Text) -> dict[str, Any]:
    """Every chart of a career, sized for the paper's text block (true-size type)."""
    width, style = options.page.text_width_mm, look(options.grayscale)
    ring = HANDOUT_RING_MM if options.format == "handout" else 0  # a handout's page is worth more than a big ring
    made = {
        "roles": _figure(roles_chart(career, width_mm=width, height_mm=ring, look=style, text=text)),
        "salary": {pay.region: _figure(salary_chart(pay, width_mm=width, height_mm=SALARY_HEIGHT_MM[options.page.small],
                                                    look=style, text=text))
                   for pay in career.salary},
    }
    if options.format != "handout":
        made["education"] = [_figure(chart) for chart in education_charts(career, width_mm=width, look=style,
                                                                             text=text)]
        if (scores := interests.interests(career.occupation.soc)) is not None:
            made["interests"] = _figure(interests_chart(scores.scores, scores.holland, interests.AREAS,
                                                        width_mm=min(width, INTERESTS_WIDTH_MM), look=style,
                                                        text=text))
    return made


INTERESTS_WIDTH_MM = 100
NO_INTERESTS = _("O*NET, the U.S. occupational database our interest profiles come from, gives no interest scores "
                 "for %(title)s (%(soc)s), the occupation closest to this career, so there is no interest profile "
                 "here. Talk to people in the job about what they enjoy in it.")
NO_INTERESTS_SHORT = _("O*NET gives no interest scores for this career's occupation (%(soc)s).")
INTERESTS_SOURCE = _("Interest scores: O*NET %(release)s, for %(title)s (%(soc)s). Full credit in Sources & notes.")
RELATED_NOTE = _("These careers in our catalog are among the occupations O*NET lists as related to this one.")
OEWS_NOTE = _("BLS.gov cannot vouch for the data or analyses derived from these data after the data have been "
              "retrieved from BLS.gov.")
ONET_NOTE = {
    "booklet": _("This booklet includes information from the %(release)s Database by the U.S. Department of Labor, "
                 "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is "
                 "a trademark of USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these modifications."),
    # The shortest form, for a handout that needs its last lines: title, owner, licence, modified, not endorsed.
    "short": _("Interest data: %(release)s (USDOL/ETA), CC BY 4.0; modified, not endorsed by USDOL/ETA."),
    # A handout has one sheet: the same credit, compact (title, licence, trademark, no endorsement, modified).
    "handout": _("Interest data: %(release)s Database, USDOL/ETA, used under CC BY 4.0. O*NET® is a trademark of "
                 "USDOL/ETA, which has not approved, endorsed, or tested these modifications."),
}
MAX_RELATED = 6


def interest_profile(career: Career, text: Text) -> dict[str, Any]:
    """What a booklet and a handout say about a career's interests: its code and sentence, or that O*NET has none.

    The Holland code is O*NET's own high-point code for the career's occupation (``booklet.interests``).
    """
    code = career.occupation.soc
    scores = interests.interests(code)
    title = interests.titles().get(code, code)
    if scores is None:
        return {"code": "", "none": text._(NO_INTERESTS, title=title, soc=code),
                "none_short": text._(NO_INTERESTS_SHORT, soc=code)}
    return {
        "code": scores.holland,
        "areas": text.join_list([text._(interests.AREAS[letter]) for letter in scores.holland]),
        "sentence": interests.describe(scores.holland, text),
        "source": text._(INTERESTS_SOURCE, release=onet_release(), title=title, soc=code),
        "none": "",
        "none_short": "",
    }


def onet_release() -> str:
    """'29' of 'O*NET 29': the release as O*NET's own attribution names it."""
    return facts.release("onet").release.removeprefix("O*NET ").strip()


def related_careers(career: Career, options: Options) -> list[dict[str, str]]:
    """Catalog careers O*NET lists as related to this one (``booklet.related``), most related first."""
    if career.occupation.match == "none" or not options.catalog:
        return []
    found = related.related_entries(career.slug, career.occupation.soc, options.catalog)
    return [{"slug": slug, "title": title} for slug, title, _code in found[:MAX_RELATED]]


def data_notes(career: Career, text: Text, onet: bool, kind: str = "booklet") -> list[str]:
    """The notes the public datasets ask for: BLS's on OEWS figures, O*NET's licence credit."""
    notes = []
    if any(source.publisher == wages.PUBLISHER and "Occupational Employment" in source.title
           for source in career.sources if any(pay.source == source.id for pay in career.salary)):
        notes.append(text._(OEWS_NOTE))
    if onet:
        notes.append(text._(ONET_NOTE[kind], release="O*NET " + onet_release()))
    return notes


def money_note(currencies: list[str], text: Text) -> str:
    """'Reading the amounts: ₹5L = 5 lakh = ₹5,00,000; $50K = $50,000.' for the currencies shown."""
    keys = "; ".join(text.money_key(MONEY_EXAMPLES[currency], currency) for currency in dict.fromkeys(currencies))
    return text._("Reading the amounts: %(keys)s.", keys=keys)


def folio(text: Text) -> tuple[str, str, str]:
    """The running footer's words around the two numbers, split where they go: ('Page ', ' of ', '')."""
    marker = "\x00"
    pattern = text._("Page %(page)s of %(pages)s", page=marker + "1", pages=marker + "2")
    before, rest = pattern.split(marker + "1")
    middle, after = rest.split(marker + "2")
    return before, middle, after


def furniture(text: Text, reviewed: dt.date, brand: Brand | None = None) -> dict[str, Any]:
    """The words of the running head and foot, which CSS reads from the document; a school's name in the foot."""
    reviewed_label = text._("Reviewed %(date)s", date=text.date(reviewed))
    return {"folio": folio(text), "reviewed_label": f"{brand.school} · {reviewed_label}" if brand else reviewed_label,
            **branding(brand)}


def branding(brand: Brand | None) -> dict[str, Any]:
    """The school's brand for a template, with its website as a QR code; empty without one."""
    return {"brand": brand, "brand_qr": qr_code(str(brand.website)) if brand and brand.website else None}


def build_context(
    career: Career, options: Options, prefix: str = "", page_numbers: dict[str, int] | None = None,
    chapter: int | None = None, contact: bool = False,
) -> dict[str, Any]:
    """The template context for one career.

    ``prefix`` keeps element ids unique when several careers share a document;
    ``page_numbers`` (section key → page) replaces target-counter() when a
    collection is rendered in parts and numbered by us; ``chapter`` (its
    number) words the cover as a chapter of a collection; ``contact`` ends the booklet with the
    school's contact block (when no back matter will carry it).

    A career prints in its own text's language: a Hindi edition of a career
    with no Hindi text is an English booklet (interface included, so no page
    mixes the two), with a note on its cover in the reader's language.
    """
    requested = options.lang
    options = replace(options, lang=career.lang)
    text = Text(options.lang)
    edition = wages.for_state(career, options.us_state) if options.us_state else None
    if edition is not None:
        career = edition.career
    if chapter is not None:
        kicker = text._("Chapter %(number)s · %(field)s", number=text.number(chapter), field=career.field)
    else:
        kicker = text._(_("Career handout · %(field)s") if options.format == "handout"
                        else _("Career booklet · %(field)s"), field=career.field)
    if edition is not None:
        kicker = f"{kicker} · {text._(wages.EDITION, state=edition.name())}"
    profile = interest_profile(career, text)
    linked = related_careers(career, options)
    return {
        "career": career,
        "options": options,
        "text": text,
        "cols": 1 if options.page.small else 2,  # cards side by side, or stacked on a narrow page
        "sections": sections(career, text, prefix),
        "prefix": prefix,
        "page_numbers": page_numbers,
        "kicker": kicker,
        "requested_lang": requested,
        "untranslated": Text(requested)._("This career is not yet translated into your language, so this booklet "
                                          "is in English.") if requested != career.lang else "",
        "contents_heading": text._("In this chapter") if chapter is not None else text._("In this booklet"),
        "money_note": money_note([pay.currency for pay in career.salary], text),
        "band_rule": text._(BAND_RULE),
        "data_notes": data_notes(career, text, onet=bool(profile["code"] or linked),
                                 kind="handout" if options.format == "handout" else "booklet"),
        "data_notes_short": data_notes(career, text, onet=bool(profile["code"] or linked), kind="short"),
        "interests": profile,
        "related_careers": linked,
        "related_note": text._(RELATED_NOTE),
        "edition_note": edition.note(text) if edition is not None else "",
        "meta": {
            "title": text._(_("%(title)s: career handout") if options.format == "handout"
                            else _("%(title)s: career booklet"), title=career.title),
            "author": text._("Career booklet generator"),
            "description": text._("What %(a_title)s does, how to become one, pay and day-to-day life; reviewed "
                                  "%(date)s.", a_title=career.a_title, title=career.title,
                                  date=text.date(career.as_of)),
            "keywords": [career.title, career.field, text._("careers"), text._("career guidance"), *career.tags],
            "created": career.as_of.isoformat(),
        },
        "charts": charts(career, options, text),
        "as_of": text.date(career.as_of),
        "weekdays": lambda week: weekdays(week, text),
        "contact": contact and options.brand is not None,
        **furniture(text, career.as_of, options.brand),
    }


def weekdays(week: Week, text: Text) -> list[tuple[str, Any]]:
    return [(text._(WEEKDAY_NAMES[name]), getattr(week, name)) for name in WEEKDAYS]


QUESTION_IDEAS = (_("What does a normal week look like for you?"),
                  _("What do you wish you had known when you were my age?"),
                  _("Which school subjects do you use most in your work?"))
PEOPLE_IDEAS = (_("My school counsellor or careers teacher"), _("A teacher of the subject I like most"),
                _("Someone in my family or neighbourhood who works in this field"))
NOTES_LINES = {False: 25, True: 19}  # lines that fill a notes page on large and small paper


def worksheet_context(careers: list[Career], options: Options, pages: int, title: str, reviewed: dt.date,
                      a_title: str | None = None, contact: bool = True) -> dict[str, Any]:
    """The back matter's context: ideas to start each prompt, drawn from the careers it follows."""
    text = Text(options.lang)
    first_stages = [f"{text.regions(route.regions)}: {route.stages[0].stage}"
                    for career in careers[:1] for route in career.education.routes]
    exams = [f"{text.region(entry.region)}: {'; '.join(entry.exams[:2])}"
             for career in careers[:1] for entry in career.education.exams if entry.region == "IN"]
    return {
        "options": options,
        "text": text,
        "pages": pages,
        "subject_title": title,
        "subject_a_title": a_title,  # None for a collection: its prompts speak of "these careers"
        "question_ideas": [text._(idea) for idea in QUESTION_IDEAS],
        "subject_ideas": [*first_stages, *exams][:4],
        "people_ideas": [text._(idea) for idea in PEOPLE_IDEAS],
        "reading": [link for career in careers[:3] for link in career.links[:2]][:4],
        "notes_lines": NOTES_LINES[options.page.small],
        "meta": {"title": title, "author": "", "description": "", "keywords": [], "created": reviewed.isoformat()},
        "contact": contact and options.brand is not None,
        **furniture(text, reviewed, options.brand),
    }
