"""The typed career profile: one pydantic model per section of a career page.

Unknown keys are rejected everywhere (``extra="forbid"``) so that a typo in a
YAML key is an error instead of a silently missing section.  Validators here
only check what makes a profile *unbuildable or self-contradictory* (shares
that do not total 100, a minimum above its maximum, a figure citing a source
that does not exist); softer editorial rules live in ``lint``.

Custom errors carry a rule id as their type (``shares-total``, ``salary-range``
…) so that ``booklet check`` can name the rule that failed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from booklet.i18n import _
from booklet.limits import MAX_SLUG_LENGTH, MAX_TITLE_LENGTH

Text = Annotated[str, Field(min_length=1)]
RegionCode = Literal["IN", "US", "EU"]
MAX_PAY = 1_000_000_000  # a year's pay above this (₹100 crore, $1 billion) is a typo, and overflows charts
LEVELS: tuple[str, ...] = ("entry", "early_career", "mid_career", "senior", "peak")
# Display names, marked for translation; templates and charts translate them where they print them.
LEVEL_TITLES: dict[str, str] = {
    "entry": _("Entry"),
    "early_career": _("Early career"),
    "mid_career": _("Mid-career"),
    "senior": _("Senior"),
    "peak": _("Peak"),
}
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday")


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, models are immutable, types are exact.

    Strict mode: "35000" (a string), true (a boolean) or 1.5 are not an
    integer, and a date must be written as a date; the YAML loader already
    reads only decimal numbers as numbers.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class YearSpan(Strict):
    """A span of years; ``max`` may be left out for open-ended spans ("18+")."""

    min: float = Field(ge=0, le=60, description="Fewest years.")
    max: float | None = Field(default=None, ge=0, le=60, description="Most years; omit for 'or more'.")

    @model_validator(mode="after")
    def _ordered(self) -> YearSpan:
        if self.max is not None and self.max < self.min:
            raise PydanticCustomError("year-range", "min ({low:g}) is above max ({high:g})",
                                      {"low": self.min, "high": self.max})
        return self



class StageYears(YearSpan):
    """How long one stage of education takes: the usual time and the range around it."""

    typical: float = Field(ge=0, le=60, description="The usual number of years; the chart draws this.")

    @model_validator(mode="after")
    def _typical_inside(self) -> StageYears:
        high = self.max if self.max is not None else self.typical
        if not self.min <= self.typical <= high:
            raise PydanticCustomError("year-range", "typical ({typical:g}) is outside min–max ({low:g}–{high:g})",
                                      {"typical": self.typical, "low": self.min, "high": high})
        return self


class Source(Strict):
    """A public source that a figure refers to by ``id``."""

    id: Text = Field(description="Short key that figures use to cite this source, e.g. 'bls-oews-2024'.")
    publisher: Text = Field(description="Who published it, e.g. 'U.S. Bureau of Labor Statistics'.")
    title: Text = Field(description="Title of the page, table or report.")
    year: int = Field(ge=1990, le=2100, description="Year the figures refer to or were published.")
    url: HttpUrl = Field(description="Where a reader can check it.")


class Overview(Strict):
    one_line: Text = Field(max_length=110, description="What the job is, in one line of at most 110 characters "
                                                       "(comparison sheets): 'Cares for people who are ill, …'.")
    summary: Text = Field(description="'What is a …': two or three sentences on what the job is.")
    blend: Text = Field(description="What the work blends, e.g. statistics, coding and business context.")
    why_it_matters: Text = Field(description="Why the work matters to people and organisations.")
    typical_work: Text = Field(description="What a typical workload looks like; introduces the role mix.")


class QuickFacts(Strict):
    entry_education: Text = Field(description="Typical education for a first job.")
    years_to_first_job: YearSpan = Field(description="Years from leaving school to a first job.")


class Role(Strict):
    name: Text = Field(description="Name of the role, e.g. 'The Analyst'.")
    share: int = Field(gt=0, le=100, description="Share of the work, in percent; all shares total 100.")
    description: Text = Field(description="One line on what this role does.")


class RegionPath(Strict):
    region: RegionCode = Field(description="Region code: IN, US or EU.")
    route: list[Text] = Field(min_length=2, description="Steps from school to the job, in order.")
    employers: list[Text] = Field(min_length=1, description="Key employers or sectors that hire.")
    hurdle: Text = Field(description="The main hurdle in this region.")


class EducationStage(Strict):
    stage: Text = Field(description="e.g. 'Class 11–12 (science)', 'Bachelor's degree', 'Law school (JD)'.")
    years: StageYears
    focus: Text = Field(description="What to focus on at this stage.")
    optional: bool = Field(default=False, description="True when many people skip this stage.")


class Route(Strict):
    """The stages one region's students go through, in order, starting after Class 10 / Grade 10."""

    regions: list[RegionCode] = Field(min_length=1,
                                      description="Regions that follow this route, e.g. [IN] or [US, EU].")
    stages: list[EducationStage] = Field(min_length=1, description="Stages in order, from the end of Class 10.")


class Pathway(Strict):
    name: Text = Field(description="e.g. 'Bootcamps'.")
    text: Text = Field(description="How this route works and who it suits.")


class RegionExams(Strict):
    region: RegionCode
    exams: list[Text] = Field(min_length=1)


class Education(Strict):
    routes: list[Route] = Field(min_length=1,
                                description="One route per region, or one shared by regions that follow it.")
    alternatives: list[Pathway] = Field(min_length=1, description="Alternative pathways.")
    exams: list[RegionExams] = Field(min_length=1, description="Common examinations per region.")


class Day(Strict):
    title: Text
    text: Text


class Week(Strict):
    monday: Day
    tuesday: Day
    wednesday: Day
    thursday: Day
    friday: Day


class WeekInTheLife(Strict):
    junior: Week
    mid_career: Week
    senior: Week
    junior_who: Text = Field(description="Who the junior week describes, e.g. 'in their first 1–2 years'.")
    mid_career_who: Text
    senior_who: Text


class Rung(Strict):
    years: YearSpan = Field(description="Years of experience at this level.")
    does: Text = Field(description="What people at this level do.")


class Ladder(Strict):
    entry: Rung
    early_career: Rung
    mid_career: Rung
    senior: Rung
    peak: Rung

    def rungs(self) -> list[tuple[str, Rung]]:
        return [(LEVEL_TITLES[name], getattr(self, name)) for name in LEVELS]


class Band(Strict):
    min: int = Field(gt=0, le=MAX_PAY, description="Low end, in currency units per year.")
    max: int | None = Field(default=None, gt=0, le=MAX_PAY,
                            description="High end, in currency units per year; omit for 'and above'.")

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.max is not None and self.min > self.max:
            raise PydanticCustomError("salary-range", "min ({low}) is above max ({high})",
                                      {"low": self.min, "high": self.max})
        return self


class SalaryLevels(Strict):
    entry: Band
    early_career: Band
    mid_career: Band
    senior: Band
    peak: Band

    def bands(self) -> list[tuple[str, Band]]:
        return [(LEVEL_TITLES[name], getattr(self, name)) for name in LEVELS]


class Percentiles(Strict):
    """Published annual wage percentiles of one occupation (U.S.: BLS OEWS; Europe: a statistics office).

    Many European sources publish only the median and quartiles; ``p10`` and
    ``p90`` are then left out and the level bands say they are estimates.
    """

    p10: int | None = Field(default=None, gt=0, le=MAX_PAY, description="10th percentile, if published.")
    p25: int = Field(gt=0, le=MAX_PAY, description="25th percentile (lower quartile).")
    median: int = Field(gt=0, le=MAX_PAY)
    p75: int = Field(gt=0, le=MAX_PAY, description="75th percentile (upper quartile).")
    p90: int | None = Field(default=None, gt=0, le=MAX_PAY, description="90th percentile, if published.")


class RegionSalary(Strict):
    region: RegionCode
    covers: str | None = Field(default=None, description="The country or area the figures describe, e.g. 'Germany'; "
                                                         "required for Europe.")
    currency: Literal["INR", "USD", "EUR"] = Field(description="ISO 4217 code of the amounts.")
    levels: SalaryLevels = Field(description="Annual pay band per career level.")
    top_10_percent: int | None = Field(default=None, gt=0, le=MAX_PAY,
                                       description="Annual pay above which the top 10 % earn: the published 90th "
                                                   "percentile, or an estimate from the percentiles; omit when the "
                                                   "source has no distribution (a pay scale).")
    percentiles: Percentiles | None = Field(default=None, description="The published percentiles the bands come "
                                                                      "from (U.S.: from the OEWS dataset).")
    source: Text = Field(description="The id of the source in `sources` these figures come from.")
    estimate: bool = Field(description="True when the bands are our estimate built from the source.")
    basis: Text = Field(description="How the figures were derived, printed under the chart.")

    @field_validator("source")
    @classmethod
    def _cited(cls, value: str, info: ValidationInfo) -> str:
        # The loader passes the profile's source ids as context, so a dangling
        # citation is reported at salary[i].source rather than at the root.
        known = (info.context or {}).get("source_ids")
        if known is not None and value not in known:
            raise PydanticCustomError("unknown-source", "'{value}' is not the id of any entry in sources",
                                      {"value": value})
        return value


class Skill(Strict):
    name: Text
    text: Text


class Truths(Strict):
    money: Text
    stability: Text
    work_life_balance: Text
    identity: Text


class Term(Strict):
    term: Text
    definition: Text


class Tool(Strict):
    name: Text
    use: Text


class Toolkit(Strict):
    terms: list[Term] = Field(min_length=1, description="Essential terminology with short definitions.")
    tools: list[Tool] = Field(min_length=1, description="Equipment and software.")


class QA(Strict):
    q: Text
    a: Text


class FAQ(Strict):
    facts: list[QA] = Field(min_length=1)
    confusions: list[QA] = Field(min_length=1)
    applications: list[QA] = Field(min_length=1)


class Summary(Strict):
    for_you: list[Text] = Field(min_length=1, description="This career is for you if…")
    not_for_you: list[Text] = Field(min_length=1, description="Maybe not for you if…")
    advice: Text = Field(description="One closing piece of advice.")


class Link(Strict):
    region: RegionCode | None = Field(default=None, description="The region the resource is for, if any.")
    label: Text = Field(description="What the link leads to, as printed.")
    url: HttpUrl


class Occupation(Strict):
    """The O*NET-SOC occupation a career is, or is closest to: the key to U.S. wages and interest scores."""

    soc: str = Field(pattern=r"^\d{2}-\d{4}\.\d{2}$", description="O*NET-SOC code, e.g. '29-1141.00'.")
    match: Literal["exact", "proxy", "none"] = Field(
        description="exact: the occupation is this career; proxy: the closest one (say why in note); "
                    "none: no U.S. equivalent (no U.S. pay; the code only gives interest scores).")
    note: str | None = Field(default=None, description="Why a proxy or no equivalent; printed in the booklet.")

    @model_validator(mode="after")
    def _explained(self) -> Occupation:
        if self.match != "exact" and not (self.note or "").strip():
            raise PydanticCustomError("occupation-note", "a {match} occupation needs a note saying why",
                                      {"match": self.match})
        return self


def indefinite_article(title: str) -> Literal["a", "an"]:
    """'an' before a vowel letter: right for every title in the catalog.

    English goes by sound, not spelling ('a University Lecturer', 'an MRI
    Technician'), so a profile can override it with ``article``.
    """
    return "an" if title[:1].lower() in "aeiou" else "a"


class Career(Strict):
    """A career profile, one YAML file in content/careers/."""

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_SLUG_LENGTH,
                      description="File name without .yaml.")
    title: Text = Field(max_length=MAX_TITLE_LENGTH)
    article: Literal["a", "an"] | None = Field(
        default=None,
        description="'a' or 'an' before the title in running text ('What is an Accountant?'). Left out, it is "
                    "'an' before a vowel letter; set it where the sound says otherwise: 'a University Lecturer'.",
    )
    field: Text = Field(description="Broad field, e.g. 'Data & AI', 'Health', 'Skilled trades'.")
    tags: list[Text] = Field(default_factory=list)
    related: list[str] = Field(
        default_factory=list,
        description="Slugs of catalog careers this profile compares itself with; their titles may appear in its text.",
    )
    as_of: dt.date = Field(description="Date the facts were last reviewed.")
    lang: Literal["en", "hi"] = Field(default="en", description="Language of the profile's text; a translation "
                                                               "(content/careers/<lang>/<slug>.yaml) sets its own.")
    occupation: Occupation
    links: list[Link] = Field(min_length=1, description="Where to read more, one per region at least for IN and US; "
                                                        "the first is also the handout's QR code.")
    overview: Overview
    quick_facts: QuickFacts
    roles: list[Role] = Field(min_length=2)
    roles_basis: Text = Field(description="Where the role shares come from, printed under the chart.")
    paths: list[RegionPath] = Field(min_length=1)
    education: Education
    week: WeekInTheLife
    ladder: Ladder
    salary: list[RegionSalary] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    truths: Truths
    toolkit: Toolkit
    faq: FAQ
    summary: Summary
    sources: list[Source] = Field(min_length=1)

    @field_validator("roles")
    @classmethod
    def _shares_total_100(cls, roles: list[Role]) -> list[Role]:
        total = sum(role.share for role in roles)
        if total != 100:
            raise PydanticCustomError("shares-total", "role shares total {total}, expected 100", {"total": total})
        return roles

    @property
    def link(self) -> Link:
        """The main link: printed first, and the handout's QR code."""
        return self.links[0]

    @property
    def a_title(self) -> str:
        """The title with its article, as running text needs it: 'an Accountant', 'a Chef'."""
        return f"{self.article or indefinite_article(self.title)} {self.title}"

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)
