"""U.S. pay from BLS OEWS: the figures of an occupation, and the U.S. salary block a profile prints.

A profile names its occupation by O*NET-SOC code (``13-2011.00``); OEWS
publishes wages by the six-digit SOC code that O*NET's code refines
(``13-2011``), for the nation and for each state.  The five level bands are
set from the published percentiles by one rule, the one the booklet prints
(``booklet.render.context.BAND_RULE``): entry from the 10th to the 25th
percentile, early career to the median, mid-career to the 75th, senior to
the 90th, the peak from the 90th.  Where BLS publishes no 10th or 90th
percentile, they are estimated as 0.85 × the 25th and 1.2 × the 75th and the
bands are marked as an estimate.

Everything a profile's U.S. block says (figures, source, basis sentence) is
made here, so ``booklet refresh wages`` writes it, ``booklet check`` compares
against it, and a state edition replaces it, all from the same function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from booklet import facts
from booklet.content.model import Band, Career, Percentiles, RegionSalary, SalaryLevels, Source
from booklet.errors import BookletError
from booklet.i18n import Text, _

NATIONAL = "US"
PUBLISHER = "U.S. Bureau of Labor Statistics"
# The band rule's estimates of unpublished percentiles, in hundredths: 0.85 × p25 and 1.2 × p75.
P10_OF_P25, P90_OF_P75 = 85, 120
# BLS's page for one occupation's national figures, and the one for figures by state (its README cites these).
NATIONAL_URL = "https://www.bls.gov/oes/current/oes{digits}.htm"
STATE_URL = "https://www.bls.gov/oes/current/oessrcst.htm"
BASIS = _("BLS OEWS %(release)s percentiles for %(title)s (SOC %(soc)s), all industries, %(scope)s.")
NATIONWIDE = _("nationwide")
NO_STATE_FIGURE = _("nationwide (BLS publishes no %(state)s figure for this occupation)")
UNPUBLISHED = _("BLS publishes no %(which)s percentile for it, so the level bands are our estimate.")
RULE_NOTE = _("Level bands follow the published percentiles by one rule for every career (see Sources & notes).")
MISSING = {(True, False): _("10th"), (False, True): _("90th"), (True, True): _("10th or 90th")}
FELL_BACK = _("%(country)s (no %(state)s figure)")
# What a state edition's U.S. pay covers, printed after "United States" in captions, tables and on the cover.
COVERS_NATION = _("nationwide: no %(state)s figure")
EDITION = _("%(state)s edition")
EDITION_NOTE = _("U.S. pay in this edition is for %(state)s (BLS OEWS %(release)s).")
EDITION_FELL_BACK = _("BLS publishes no %(state)s figure for this occupation, so the U.S. pay is the national "
                      "figure (BLS OEWS %(release)s).")
EDITION_NO_PAY = _("This career shows no U.S. pay, so it is the same in every state's edition.")
SOC = re.compile(r"^(\d{2}-\d{4})(?:\.\d{2})?$")


class WageError(BookletError):
    """No OEWS figure where one was asked for, or a state code that names no area of the data."""


@dataclass(frozen=True)
class Figures:
    """The published annual wage percentiles of one occupation in one area (None: not published)."""

    soc: str  # the OEWS SOC code, '13-2011'
    title: str  # BLS's title, 'Accountants and Auditors'
    area: str  # 'US' or a state's postal code
    p10: int | None
    p25: int
    median: int
    p75: int
    p90: int | None

    @property
    def percentiles(self) -> Percentiles:
        return Percentiles(p10=self.p10, p25=self.p25, median=self.median, p75=self.p75, p90=self.p90)


def oews_soc(code: str) -> str:
    """The OEWS SOC code of an O*NET-SOC code: '13-2011.00' → '13-2011'."""
    match = SOC.match(code)
    if not match:
        raise WageError(f"'{code}' is not an O*NET-SOC code such as 13-2011.00")
    return match.group(1)


def release() -> facts.Release:
    """The OEWS release the project holds (``release().release`` is 'May 2025')."""
    return facts.release("oews")


@cache
def areas() -> dict[str, str]:
    """Postal code → name of every area with figures: 'US' → 'United States', 'CA' → 'California', …"""
    return {row["code"]: row["name"] for row in facts.table("oews", "areas.csv")}


@cache
def _titles() -> dict[str, str]:
    return {row["soc"]: row["title"] for row in facts.table("oews", "titles.csv")}


@cache
def _wages(area: str) -> dict[str, tuple[int | None, ...]]:
    """SOC → (p10, p25, median, p75, p90) in ``area``, read from its own file the first time it is asked for."""
    return {row["soc"]: tuple(int(row[key]) if row[key] else None for key in ("p10", "p25", "median", "p75", "p90"))
            for row in facts.table("oews", f"wages/{area}.csv")}


def state_code(code: str) -> str:
    """``code`` as a state's postal code in the data ('ca' → 'CA'), or a ``WageError`` saying what is valid."""
    normal = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", normal):
        raise WageError(f"'{code}' is not a state code: give its two letters, such as CA or NY")
    if normal == NATIONAL or normal not in areas():
        states = ", ".join(sorted(area for area in areas() if area != NATIONAL))
        raise WageError(f"'{code}' is not a U.S. state or territory in the OEWS data; use one of {states}")
    return normal


def figures(soc: str, area: str = NATIONAL) -> Figures | None:
    """OEWS figures of an O*NET-SOC or SOC code in ``area`` ('US' or a state code), or None if none published."""
    key, area = oews_soc(soc), area if area == NATIONAL else state_code(area)
    values = _wages(area).get(key)
    if values is None:
        return None
    p10, p25, median, p75, p90 = values
    return Figures(key, _titles()[key], area, p10, p25, median, p75, p90)


@dataclass(frozen=True)
class Bands:
    """The five level bands set from percentiles by the band rule, and whether any end is an estimate."""

    levels: SalaryLevels
    top_10_percent: int
    estimate: bool


def bands(percentiles: Percentiles) -> Bands:
    """The band rule: five bands between the 10th, 25th, 50th, 75th and 90th percentiles.

    An unpublished 10th or 90th percentile is estimated (0.85 × p25, 1.2 × p75, rounded half up in whole
    currency units) and the result is marked as an estimate.
    """
    p25, median, p75 = percentiles.p25, percentiles.median, percentiles.p75
    p10 = percentiles.p10 if percentiles.p10 is not None else (p25 * P10_OF_P25 + 50) // 100
    p90 = percentiles.p90 if percentiles.p90 is not None else (p75 * P90_OF_P75 + 50) // 100
    levels = SalaryLevels(entry=Band(min=p10, max=p25), early_career=Band(min=p25, max=median),
                          mid_career=Band(min=median, max=p75), senior=Band(min=p75, max=p90), peak=Band(min=p90))
    return Bands(levels, p90, percentiles.p10 is None or percentiles.p90 is None)


@dataclass(frozen=True)
class USBlock:
    """A profile's U.S. salary block made from OEWS, the source it cites, and the area it describes."""

    salary: RegionSalary
    source: Source
    area: str  # the area the figures describe: 'US' or the state's postal code
    asked: str  # the area asked for; differs from ``area`` when a state had no figure

    @property
    def fell_back(self) -> bool:
        return self.area != self.asked

    def describes(self, text: Text | None = None) -> str:
        """Which area the figures describe: 'California', 'United States (no California figure)'."""
        text = text or Text()
        if self.fell_back:
            return text._(FELL_BACK, country=text.region(NATIONAL), state=areas()[self.asked])
        return text.region(NATIONAL) if self.area == NATIONAL else areas()[self.area]


def us_block(soc: str, state: str | None = None, text: Text | None = None) -> USBlock:
    """The U.S. salary block for an O*NET-SOC code, nationwide or for ``state`` (its postal code).

    A state without a figure for the code falls back to the nation, and says so (``fell_back``, the basis).
    ``text`` words the basis sentence in an edition's language (default English, as profiles are written).
    Raises ``WageError`` when the code has no national figures.
    """
    text = text or Text()
    asked = state_code(state) if state else NATIONAL
    found = (figures(soc, asked) if asked != NATIONAL else None) or figures(soc)
    if found is None:
        raise WageError(f"SOC {oews_soc(soc)} has no OEWS {release().release} wage figures; choose the closest "
                        "occupation that has (match: proxy) or, with no U.S. equivalent, match: none")
    made = bands(found.percentiles)
    source = oews_source(found)
    if found.area != asked:
        scope = text._(NO_STATE_FIGURE, state=areas()[asked])
    else:
        scope = text._(NATIONWIDE) if found.area == NATIONAL else areas()[found.area]
    sentences = [text._(BASIS, release=release().release, title=found.title, soc=found.soc, scope=scope)]
    if made.estimate:
        which = MISSING[(found.p10 is None, found.p90 is None)]
        sentences.append(text._(UNPUBLISHED, which=text._(which)))
    sentences.append(text._(RULE_NOTE))
    covers = None  # a national block covers the region itself; a state edition says which area it shows
    if asked != NATIONAL:
        covers = areas()[asked] if found.area == asked else text._(COVERS_NATION, state=areas()[asked])
    salary = RegionSalary(region="US", covers=covers, currency="USD", levels=made.levels,
                          top_10_percent=made.top_10_percent,
                          percentiles=found.percentiles, source=source.id, estimate=made.estimate,
                          basis=" ".join(sentences))
    return USBlock(salary, source, found.area, asked)


def oews_source(found: Figures) -> Source:
    """The source entry OEWS figures cite: its id, BLS's title with the SOC code, and BLS's page."""
    meta = release()
    if found.area == NATIONAL:
        return Source(id=f"bls-oews-{meta.year}-{found.soc}", publisher=PUBLISHER,
                      title=f"Occupational Employment and Wages, {meta.release}: {found.soc} {found.title}",
                      year=meta.year, url=NATIONAL_URL.format(digits=found.soc.replace("-", "")))
    return Source(id=f"bls-oews-{meta.year}-{found.soc}-{found.area.lower()}", publisher=PUBLISHER,
                  title=f"Occupational Employment and Wages, {meta.release}, {areas()[found.area]}: "
                        f"{found.soc} {found.title}",
                  year=meta.year, url=STATE_URL)


@dataclass(frozen=True)
class StateEdition:
    """A career whose U.S. pay describes one state, and which area that pay really describes."""

    career: Career
    block: USBlock | None  # None: the career shows no U.S. pay (match: none)

    state: str = ""  # the postal code asked for

    def describes(self, text: Text | None = None) -> str:
        """'California', 'United States (no California figure)', or '' when the career shows no U.S. pay."""
        return self.block.describes(text) if self.block else ""

    def name(self) -> str:
        return areas()[self.state]

    def note(self, text: Text | None = None) -> str:
        """The cover's sentence on what the state edition's U.S. pay is."""
        text = text or Text()
        if self.block is None:
            return text._(EDITION_NO_PAY)
        wording = EDITION_FELL_BACK if self.block.fell_back else EDITION_NOTE
        return text._(wording, state=self.name(), release=release().release)


def for_state(career: Career, state: str) -> StateEdition:
    """``career`` with its U.S. salary block made from ``state``'s OEWS figures (the nation's where it has none).

    The state's source is added to the career's sources; everything else is unchanged.  A career with no
    U.S. pay (``match: none``) comes back as it is.  Raises ``WageError`` for a code that is not a state in
    the data.
    """
    state = state_code(state)
    if career.occupation.match == "none" or not any(pay.region == "US" for pay in career.salary):
        return StateEdition(career, None, state)
    block = us_block(career.occupation.soc, state, Text(career.lang))
    salary = [block.salary if pay.region == "US" else pay for pay in career.salary]
    sources = career.sources if any(s.id == block.source.id for s in career.sources) else \
        [*career.sources, block.source]
    return StateEdition(career.model_copy(update={"salary": salary, "sources": sources}), block, state)
