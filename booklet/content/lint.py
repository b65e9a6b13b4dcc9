"""Editorial rules over a profile: the mistakes a schema cannot see.

The seed page shipped with an FAQ written for accountants and a template stub
as its summary; both were valid YAML of the right shape.  These rules catch
that kind of defect before a booklet is printed.

Text rules read the raw YAML data, so they run even when the profile does not
validate yet (an author sees every problem at once); rules about numbers and
structure need the validated ``Career``.  Every finding is located through the
``Document``'s node marks and carries a rule id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from booklet import glyphs, wages
from booklet.content.loader import Document, Loc
from booklet.content.model import LEVELS, Career, RegionSalary
from booklet.errors import Finding, display_path

ERROR, WARNING = "error", "warning"

# Keys whose values are identifiers or references, not prose.
NOT_PROSE = {"slug", "url", "id", "source", "related", "tags", "region", "regions", "currency", "as_of", "sources",
             "soc", "match", "article", "lang", "source_digest"}

LEFTOVERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "doubled period '..'"),
    (re.compile(r"\b(TODO|TBD|FIXME|XXX)\b"), "unfinished marker '{0}'"),
    (re.compile(r"lorem ipsum", re.I), "placeholder text 'lorem ipsum'"),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "unfilled template placeholder '{0}'"),
    (re.compile(r"\[[^\]\n]{1,40}\]"), "unfilled placeholder '{0}'"),
    (re.compile(r"\bworks on .{1,80}? in the field\b", re.I), "template stub '{0}'"),
)
# Numbers a reader trips over (rule number-format): the booklet's own figures follow these too.
NUMBER_FORMAT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\d\s%"), "'{0}': write a percentage without a space ('10%')"),
    (re.compile(r"\b(\d+(?:\.\d+)?)\s*[–-]\s*\1\s*(?:yrs?|years?)\b"), "'{0}': a range with equal ends"),
    (re.compile(r"\b1 (?:yrs|years)\b"), "'{0}': one year is singular"),
)

# Shortest sensible body text, in characters, by (section, field); None = any field.
MIN_LENGTH: dict[tuple[str, str | None], int] = {
    ("overview", None): 60,
    ("week", "text"): 40,
    ("faq", "a"): 60,
    ("truths", None): 40,
    ("summary", "advice"): 20,
    ("salary", "basis"): 40,
    ("roles", "description"): 15,
    ("skills", "text"): 15,
    ("ladder", "does"): 15,
    ("toolkit", "definition"): 15,
}


def _min_length(loc: Loc) -> int:
    if not loc or not isinstance(loc[0], str):
        return 0
    last = loc[-1] if isinstance(loc[-1], str) else None
    return MIN_LENGTH.get((loc[0], last), MIN_LENGTH.get((loc[0], None), 0))


STALE_AFTER_YEARS = 3
ALL_REGIONS = frozenset({"IN", "US", "EU"})
REQUIRED_REGIONS = {"paths": ALL_REGIONS, "exams": ALL_REGIONS, "routes": ALL_REGIONS, "salary": ALL_REGIONS,
                    "links": frozenset({"IN", "US"})}
CURRENCIES = {"IN": "INR", "US": "USD", "EU": "EUR"}


@dataclass(frozen=True)
class CatalogEntry:
    path: str  # resolved, so one file named two ways is one entry
    slug: str
    title: str
    soc: str | None = None  # occupation.soc and .match, for the rules about shared occupation codes
    match: str | None = None


@dataclass(frozen=True)
class Catalog:
    """What the other profiles are called, for the cross-profile rules."""

    entries: tuple[CatalogEntry, ...]

    def others(self, slug: str) -> list[CatalogEntry]:
        return [entry for entry in self.entries if entry.slug != slug]


def iter_text(data: Any, loc: Loc = (), prose_only: bool = True) -> Iterator[tuple[Loc, str]]:
    """Every prose string in raw profile data (or every string at all), with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and (key not in NOT_PROSE or not prose_only):
                yield from iter_text(value, (*loc, key), prose_only)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_text(value, (*loc, index), prose_only)
    elif isinstance(data, str):
        yield loc, data


# Characters that garble a PDF's text layer or reorder what a reader sees: C0/C1 controls (but the
# line break), DEL, and the bidirectional embedding/override/isolate controls.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _character_name(char: str) -> str:
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def control_characters(doc: Document) -> list[Finding]:
    """Control and bidi-override characters anywhere in the file's strings, and characters no shipped
    font can draw (which would print as empty boxes): errors, located."""
    findings = []
    for loc, text in iter_text(doc.data, prose_only=False):
        if match := _CONTROL.search(text):
            findings.append(doc.finding(loc, f"contains {_character_name(match.group())}, which would garble the "
                                        "printed text; remove it", severity=ERROR, rule="control-character"))
        elif absent := glyphs.missing(text):
            findings.append(doc.finding(loc, f"contains {', '.join(glyphs.describe(c) for c in absent[:3])}, which "
                                        "no font of the booklet can draw (it would print as an empty box)",
                                        severity=ERROR, rule="missing-glyph"))
    return findings


def _title_pattern(title: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(title)}(s|es)?\b", re.I)


def text_rules(doc: Document, catalog: Catalog) -> list[Finding]:
    data = doc.data if isinstance(doc.data, dict) else {}
    slug = str(data.get("slug", doc.path.stem))
    related = data.get("related")
    related = {item for item in related if isinstance(item, str)} if isinstance(related, list) else set()
    foreign = [(entry, _title_pattern(entry.title)) for entry in catalog.others(slug)
               if entry.slug not in related]
    findings = control_characters(doc)
    for loc, text in iter_text(data):
        if not text.strip():
            findings.append(doc.finding(loc, "is empty; this section must be filled in",
                                        severity=ERROR, rule="empty-section"))
            continue
        for entry, pattern in foreign:
            if match := pattern.search(text):
                findings.append(doc.finding(
                    loc, f"mentions another career, '{match.group(0)}' ({entry.slug}): text written for "
                         f"the wrong career? If the comparison is deliberate, add {entry.slug} to related",
                    severity=ERROR, rule="foreign-title"))
        for pattern, message in LEFTOVERS:
            if match := pattern.search(text):
                findings.append(doc.finding(loc, message.format(match.group(0)), severity=ERROR,
                                            rule="template-leftover"))
        for pattern, message in NUMBER_FORMAT:
            if match := pattern.search(text):
                findings.append(doc.finding(loc, message.format(match.group(0)), severity=ERROR,
                                            rule="number-format"))
        minimum = _min_length(loc)
        if len(text.strip()) < minimum:
            findings.append(doc.finding(
                loc, f"is only {len(text.strip())} characters; this section needs at least {minimum}",
                severity=WARNING, rule="too-short"))
    return findings


def _regions(doc: Document, career: Career) -> list[Finding]:
    findings = []
    groups = {
        "paths": (("paths",), [(index, "region", p.region) for index, p in enumerate(career.paths)]),
        "exams": (("education", "exams"), [(index, "region", e.region)
                                           for index, e in enumerate(career.education.exams)]),
        "routes": (("education", "routes"), [(index, "regions", region)
                                             for index, route in enumerate(career.education.routes)
                                             for region in route.regions]),
        "salary": (("salary",), [(index, "region", s.region) for index, s in enumerate(career.salary)]),
        "links": (("links",), [(index, "region", link.region) for index, link in enumerate(career.links)
                               if link.region]),
    }
    for name, (loc, entries) in groups.items():
        required = REQUIRED_REGIONS[name]
        if name == "salary" and career.occupation.match == "none":
            required = required - {"US"}  # no U.S. equivalent: the profile says so instead of showing pay
        missing = sorted(required - {region for _, _, region in entries})
        if missing:
            findings.append(doc.finding(loc, f"no entry for {', '.join(missing)}", severity=ERROR,
                                        rule="missing-region"))
        if name == "links":
            continue  # several links for one region are fine
        seen: set[str] = set()
        for index, key, region in entries:
            if region in seen:
                findings.append(doc.finding((*loc, index, key), f"{region} appears twice",
                                            severity=ERROR, rule="duplicate-region"))
            seen.add(region)
    return findings


def _salary(doc: Document, career: Career) -> list[Finding]:
    findings = []
    for index, pay in enumerate(career.salary):
        here = ("salary", index)
        if CURRENCIES[pay.region] != pay.currency:
            findings.append(doc.finding((*here, "currency"), f"{pay.region} salaries should be in "
                                        f"{CURRENCIES[pay.region]}, not {pay.currency}",
                                        severity=ERROR, rule="currency-region"))
        if pay.region == "EU" and not (pay.covers or "").strip():
            findings.append(doc.finding((*here, "region"), "European pay must say which country it covers "
                                        "(covers: Germany, say)", severity=ERROR, rule="salary-covers"))
        bands = [getattr(pay.levels, level) for level in LEVELS]
        for level, previous, band in zip(LEVELS[1:], bands[:-1], bands[1:], strict=True):
            if previous.max is None:
                findings.append(doc.finding((*here, "levels", LEVELS[LEVELS.index(level) - 1], "max"),
                                            "only the peak band may be open-ended", severity=ERROR,
                                            rule="salary-range"))
            elif band.min < previous.min or (band.max is not None and band.max < previous.max):
                findings.append(doc.finding((*here, "levels", level),
                                            f"band {band.min}–{band.max} is below the previous level's "
                                            f"{previous.min}–{previous.max}; bands must rise with level",
                                            severity=ERROR, rule="salary-not-rising"))
        senior_top = pay.levels.senior.max or pay.levels.senior.min
        if pay.top_10_percent is not None and pay.top_10_percent < senior_top:
            findings.append(doc.finding((*here, "top_10_percent"),
                                        f"{pay.top_10_percent} is below the senior maximum "
                                        f"{senior_top}", severity=ERROR, rule="top10-below-senior"))
    return findings


def _years(doc: Document, career: Career) -> list[Finding]:
    findings = []
    rungs = [getattr(career.ladder, level) for level in LEVELS]
    for level, previous, rung in zip(LEVELS[1:], rungs[:-1], rungs[1:], strict=True):
        if rung.years.min < previous.years.min:
            findings.append(doc.finding(("ladder", level, "years"), "starts earlier than the previous "
                                        "level; ladder levels must rise", severity=ERROR,
                                        rule="ladder-not-rising"))
    for lane, route in enumerate(career.education.routes):
        here = ("education", "routes", lane)
        for index, stage in enumerate(route.stages):
            if stage.years.typical == 0 or stage.years.typical > 8:
                findings.append(doc.finding((*here, "stages", index, "years"),
                                            f"{stage.years.typical:g} typical years is implausible for one stage "
                                            "of education", severity=WARNING, rule="education-implausible"))
        total = sum(stage.years.typical for stage in route.stages if not stage.optional)
        if total > 16:
            findings.append(doc.finding((*here, "stages"), f"required stages add up to {total:g} typical years",
                                        severity=WARNING, rule="education-implausible"))
    return findings


def _identity(doc: Document, career: Career, catalog: Catalog, today: dt.date) -> list[Finding]:
    findings = []
    if career.slug != doc.path.stem:
        findings.append(doc.finding(("slug",), f"'{career.slug}' does not match the file name "
                                    f"'{doc.path.name}'", severity=ERROR, rule="slug-filename"))
    known = {entry.slug for entry in catalog.entries}
    for index, slug in enumerate(career.related):
        if slug not in known or slug == career.slug:
            findings.append(doc.finding(("related", index), f"'{slug}' is not another career in the catalog",
                                        severity=ERROR, rule="related-unknown"))
    for field, value in (("slug", career.slug), ("title", career.title)):
        here = display_path(doc.path.resolve())
        # A file whose slug is not its own name (a copy, a stray) is the one in the wrong: it gets
        # `slug-filename` and this error, and never blocks the career whose name it took.
        twins = [entry.path for entry in catalog.entries
                 if getattr(entry, field).casefold() == value.casefold() and entry.path != here
                 and Path(entry.path).stem == entry.slug]
        if twins:
            findings.append(doc.finding((field,), f"'{value}' is also used by {', '.join(twins)}",
                                        severity=ERROR, rule=f"duplicate-{field}"))
    if career.as_of > today:
        findings.append(doc.finding(("as_of",), f"{career.as_of} is in the future; give the date the facts were "
                                    "last reviewed", severity=ERROR, rule="date-future"))
    cutoff = today.replace(year=today.year - STALE_AFTER_YEARS, day=min(today.day, 28))
    if career.as_of < cutoff:
        findings.append(doc.finding(("as_of",), f"facts last reviewed {career.as_of}, more than "
                                    f"{STALE_AFTER_YEARS} years ago", severity=WARNING, rule="stale"))
    return findings


# A source is an OEWS release when its title says so; its release is the "Month YYYY" in that title.
OEWS_TITLE = re.compile(r"Occupational Employment and Wages?(?: Statistics)?,? (?P<release>[A-Z][a-z]+ \d{4})")


def _figures(pay: RegionSalary) -> dict[Loc, int | bool | None]:
    """The fields of a U.S. block that come from the dataset, by location: what wage-mismatch compares."""
    found: dict[Loc, int | bool | None] = {("top_10_percent",): pay.top_10_percent, ("estimate",): pay.estimate}
    for key in ("p10", "p25", "median", "p75", "p90"):
        found["percentiles", key] = getattr(pay.percentiles, key) if pay.percentiles else None
    for level in LEVELS:
        band = getattr(pay.levels, level)
        found["levels", level, "min"], found["levels", level, "max"] = band.min, band.max
    return found


def _wages(doc: Document, career: Career) -> list[Finding]:
    """U.S. pay against the project's OEWS data: an older release cited, or figures that differ from it.

    Careers with no U.S. equivalent (match: none) show no U.S. pay; a proxy is checked against its proxy
    code.  A profile citing another release is reported once as outdated rather than figure by figure.
    """
    index = next((i for i, pay in enumerate(career.salary) if pay.region == "US"), None)
    if career.occupation.match == "none" or index is None:
        return []
    pay, here, slug = career.salary[index], ("salary", index), career.slug
    try:
        expected = wages.us_block(career.occupation.soc).salary
    except wages.WageError as exc:
        return [doc.finding(("occupation", "soc"), str(exc), severity=ERROR, rule="wage-no-data")]
    current = wages.release()
    cited = next((i for i, source in enumerate(career.sources) if source.id == pay.source), None)
    if cited is not None and (title := OEWS_TITLE.search(career.sources[cited].title)):
        year = career.sources[cited].year
        loc = ("sources", cited, "year") if year != current.year else ("sources", cited, "title")
        if year != current.year or title.group("release") != current.release:
            advice = (f"run `booklet refresh wages {slug}`" if year <= current.year else
                      "update the project's data with `booklet refresh data`")
            return [doc.finding(loc, f"cites OEWS {title.group('release')}; the project's data is OEWS "
                                f"{current.release}: {advice}", severity=WARNING, rule="wage-outdated")]
    want, code = _figures(expected), wages.oews_soc(career.occupation.soc)
    findings = []
    for loc, have in _figures(pay).items():
        if have != want[loc]:
            said = "is left out" if have is None else f"is {have}"
            should = "should be left out" if want[loc] is None else f"OEWS gives {want[loc]}"
            findings.append(doc.finding((*here, *loc), f"{said}; {should} for SOC {code} ({current.release}): "
                                        f"run `booklet refresh wages {slug}`", severity=ERROR, rule="wage-mismatch"))
    return findings


def _shared_proxy(doc: Document, career: Career, catalog: Catalog) -> list[Finding]:
    """A proxy's U.S. pay is another occupation's: its note must name every catalog career showing the same pay.

    Two careers may share one OEWS wage row only when the reader is told: each proxy's ``occupation.note``
    names the other career (title or slug), so two proxies sharing a row both say so.  A warning, since the
    figures themselves are right.
    """
    if career.occupation.match != "proxy" or not any(pay.region == "US" for pay in career.salary):
        return []
    row = wages.oews_soc(career.occupation.soc)
    note = career.occupation.note or ""
    findings = []
    for entry in catalog.others(career.slug):
        if entry.match not in ("exact", "proxy") or not entry.soc or wages.SOC.match(entry.soc) is None:
            continue
        if wages.oews_soc(entry.soc) == row and not (_title_pattern(entry.title).search(note) or
                                                        re.search(rf"\b{re.escape(entry.slug)}\b", note)):
            findings.append(doc.finding(("occupation", "note"), f"the U.S. pay is SOC {row}, which {entry.slug} "
                                        f"({entry.title}) also shows; say so in the note, naming {entry.title}",
                                        severity=WARNING, rule="shared-proxy"))
    return findings


def model_rules(doc: Document, career: Career, catalog: Catalog, today: dt.date) -> list[Finding]:
    return [
        *_regions(doc, career),
        *_salary(doc, career),
        *_years(doc, career),
        *_identity(doc, career, catalog, today),
        *_wages(doc, career),
        *_shared_proxy(doc, career, catalog),
    ]
