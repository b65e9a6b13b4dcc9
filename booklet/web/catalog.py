"""The content folder as the web page shows it: careers, their facts and filters, check findings.

A ``Snapshot`` is made from the files as they are (``booklet check``'s own
functions: the same findings, the same lines) and reused until a file under
``careers/`` or ``collections/`` changes its size or modification time, so
the page always reflects the folder without re-reading it on every request.
Findings name files relative to the content folder's parent
(``content/careers/chef.yaml:12:3: …``), as the command line run from the
project folder does.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from booklet.catalog import all_collections, all_profiles, careers_dir, collections_dir, is_slug
from booklet.content.check import Report, check_collection, check_paths, check_translation_file, translations_of
from booklet.content.collection import load_collection_file
from booklet.content.model import Career
from booklet.errors import Finding, ProfileError
from booklet.i18n import LANGUAGES, Text
from booklet.inputs import Inputs
from booklet.interests import AREAS, Interests, interests, similarity, student_code

# Education levels, read from a profile's entry education: the first one its text names is the entry level.
LEVELS: tuple[tuple[str, str], ...] = (
    ("School and vocational training",
     r"\bITI\b|apprentice|trade certificate|secondary school|high school|class 12|kitchen training"),
    ("Diploma", r"\bdiploma\b"),
    ("Bachelor's degree", r"bachelor|\bdegree\b"),
    ("Master's degree", r"master"),
    ("Professional degree", r"(medical|dental|veterinary|law|pharmacy|physiotherapy) degree"),
    ("Doctorate", r"doctorate|\bPhD\b"),
)


def education_level(entry_education: str) -> str:
    """The level of education a first job needs, in a few words, from the profile's free text."""
    found = [(match.start(), label) for label, pattern in LEVELS
             if (match := re.search(pattern, entry_education, re.IGNORECASE))]
    return min(found)[1] if found else "Other"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    href: str = ""  # a catalog address the value links to (the interest code: careers sharing its letters)


def code_names(code: str) -> str:
    """'RC' → 'Realistic, Conventional': the areas of a Holland code, in its order."""
    return ", ".join(AREAS[letter] for letter in code)


@dataclass(frozen=True)
class Entry:
    """One career as the catalog and its page show it."""

    slug: str
    path: Path
    title: str
    field: str = ""
    tags: tuple[str, ...] = ()
    summary: str = ""
    level: str = ""
    languages: tuple[str, ...] = ("en",)
    facts: tuple[Fact, ...] = ()
    pay: tuple[Fact, ...] = ()  # starting pay per region
    status: str = "ok"  # ok, warnings, errors
    findings: tuple[str, ...] = ()  # the profile's and its translations' check lines
    career: Career | None = None
    errors: tuple[str, ...] = ()  # the English profile's errors: it cannot be built while there are any
    # O*NET's interest scores and Holland code for the profile's occupation (booklet.interests), as its booklet
    # prints them; None where O*NET rates none (military occupations) or the profile does not validate.
    interests: Interests | None = None

    @property
    def holland(self) -> str:
        """The occupation's Holland code, 'RC'; '' without O*NET interest scores."""
        return self.interests.holland if self.interests is not None else ""

    @property
    def holland_names(self) -> str:
        return code_names(self.holland)

    def fit(self, code: str) -> int:
        """How well the career fits a student's code, 0–100: ``booklet match``'s similarity (0 without scores)."""
        return round(similarity(code, self.interests) * 100) if self.interests is not None else 0


@dataclass(frozen=True)
class ShippedCollection:
    slug: str
    title: str
    subtitle: str = ""
    careers: int = 0
    lang: str = "en"
    paper: str = "a4"
    findings: tuple[str, ...] = ()


@dataclass
class Snapshot:
    entries: list[Entry] = field(default_factory=list)
    collections: list[ShippedCollection] = field(default_factory=list)
    findings: dict[str, list[str]] = field(default_factory=dict)  # file → check lines, every file checked
    errors: int = 0
    warnings: int = 0

    def entry(self, slug: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.slug == slug), None)

    @property
    def fields(self) -> list[str]:
        return sorted({entry.field for entry in self.entries if entry.field})

    @property
    def tags(self) -> list[str]:
        return sorted({tag for entry in self.entries for tag in entry.tags})

    @property
    def levels(self) -> list[str]:
        present = {entry.level for entry in self.entries}
        return [label for label, _pattern in LEVELS if label in present] + \
            [label for label in ("Other",) if label in present]

    def search(self, query: str = "", field: str = "", tag: str = "", level: str = "", lang: str = "",
               code: str = "") -> list[Entry]:
        """The entries that match every filter given, by title; by fit first when an interest code is given.

        ``code`` is a student's interest code, checked by ``booklet.interests.student_code`` (a ``CodeError``
        otherwise): a career matches when its Holland code holds every one of the code's letters, in any order,
        and the matches are ranked by ``booklet match``'s similarity to the code, best first.
        """
        words = query.casefold().split()
        code = student_code(code) if code else ""
        found = [entry for entry in self.entries
                 if all(word in entry.title.casefold() for word in words)
                 and (not field or entry.field == field) and (not tag or tag in entry.tags)
                 and (not level or entry.level == level) and (not lang or lang in entry.languages)
                 and (not code or (entry.holland and set(code) <= set(entry.holland)))]
        if code:
            found.sort(key=lambda entry: -entry.fit(code))  # stable: equal fits stay in title order
        return found


class ContentIndex:
    """The content folder, checked once per change of its files."""

    def __init__(self, content: Path):
        self.content = content
        self._lock = threading.Lock()
        self._signature: tuple = ()
        self._snapshot: Snapshot | None = None

    def files(self) -> list[Path]:
        careers = careers_dir(self.content)
        return [*all_profiles(self.content), *translations_of(careers), *all_collections(self.content)]

    def signature(self) -> tuple:
        stamp = []
        for path in self.files():
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def snapshot(self) -> Snapshot:
        signature = self.signature()
        with self._lock:
            if self._snapshot is None or signature != self._signature:
                self._snapshot = self._make()
                self._signature = signature
            return self._snapshot

    def show(self, finding: Finding) -> str:
        """A finding as the command line prints it, its path relative to the content folder's parent."""
        line = str(finding)
        for prefix in (str(self.content.resolve().parent) + "/", str(self.content.parent) + "/"):
            if prefix != "./" and line.startswith(prefix):
                return line[len(prefix):]
        return line

    def career_path(self, slug: str) -> Path | None:
        """``careers/<slug>.yaml`` if ``slug`` is a slug and the file is there; never any other path."""
        if not is_slug(slug):
            return None
        path = careers_dir(self.content) / f"{slug}.yaml"
        return path if path.is_file() else None

    def collection_path(self, slug: str) -> Path | None:
        if not is_slug(slug):
            return None
        path = collections_dir(self.content) / f"{slug}.yaml"
        return path if path.is_file() else None

    def _make(self) -> Snapshot:
        inputs = Inputs()
        profiles = all_profiles(self.content)
        reports = check_paths(profiles, profiles, inputs=inputs)
        translations = [check_translation_file(path, inputs) for path in translations_of(careers_dir(self.content))]
        good = {r.career.slug: r.career for r in reports if r.career is not None and not r.errors}
        known = {path.stem for path in profiles}
        collection_reports = [check_collection(path, good, known, inputs) for path in all_collections(self.content)]
        snapshot = Snapshot()
        for report in [*reports, *translations, *collection_reports]:
            lines = [self.show(finding) for finding in report.findings]
            snapshot.findings[self.show(Finding(str(report.path), 1, 1, "")).rsplit(":1:1:", 1)[0]] = lines
            snapshot.errors += len(report.errors)
            snapshot.warnings += len(report.warnings)
        by_stem: dict[str, list[Report]] = {}
        for report in translations:
            by_stem.setdefault(report.path.stem, []).append(report)
        snapshot.entries = sorted((self._entry(report, by_stem.get(report.path.stem, []), inputs)
                                   for report in reports), key=lambda entry: entry.title.casefold())
        snapshot.collections = [self._collection(path, report, inputs, good)
                                for path, report in zip(all_collections(self.content), collection_reports, strict=True)]
        return snapshot

    def _entry(self, report: Report, translations: list[Report], inputs: Inputs) -> Entry:
        slug = report.path.stem
        languages = ("en", *(lang for lang in LANGUAGES if lang != "en"
                             and (careers_dir(self.content) / lang / f"{slug}.yaml").is_file()))
        findings = tuple(self.show(finding) for r in (report, *translations) for finding in r.findings)
        status = "errors" if any(r.errors for r in (report, *translations)) else \
            "warnings" if any(r.warnings for r in (report, *translations)) else "ok"
        career = report.career
        errors = tuple(self.show(finding) for finding in report.errors)
        if career is None:
            return Entry(slug, report.path, _raw_title(report.path, inputs) or slug, languages=languages, status=status,
                         findings=findings, errors=errors)
        text = Text("en")
        span = career.quick_facts.years_to_first_job
        scores = interests(career.occupation.soc)
        code = (Fact("Interest code (Holland)", f"{scores.holland}: {code_names(scores.holland)}",
                     f"/?code={scores.holland}"),) if scores is not None else \
            (Fact("Interest code (Holland)", f"none: O*NET rates no interests for {career.occupation.soc}"),)
        facts = (Fact("Entry education", career.quick_facts.entry_education),
                 Fact("Years to a first job", text.years_span(span.min, span.max, long=True)), *code)
        pay = tuple(Fact(text.region(salary.region) + (f" ({salary.covers})" if salary.covers else ""),
                         text.money_range(salary.levels.entry.min, salary.levels.entry.max, salary.currency))
                    for salary in career.salary)
        return Entry(slug, report.path, career.title, career.field, tuple(career.tags), career.overview.one_line,
                     education_level(career.quick_facts.entry_education), languages, facts, pay, status, findings,
                     career, errors, scores)

    def _collection(self, path: Path, report: Report, inputs: Inputs, good: dict[str, Career]) -> ShippedCollection:
        findings = tuple(self.show(finding) for finding in report.findings)
        try:
            _doc, collection = load_collection_file(path, inputs.get(path).text)
        except ProfileError:
            return ShippedCollection(path.stem, path.stem, findings=findings)
        members = len(collection.careers) if collection.careers else len(collection.members(good))
        return ShippedCollection(path.stem, collection.title, collection.subtitle, members,
                                 collection.lang or "en", collection.paper, findings)


def _raw_title(path: Path, inputs: Inputs) -> str:
    """The ``title:`` line of a profile that does not validate, for its place in the catalog."""
    try:
        text = inputs.get(path).data.decode("utf-8", "replace")
    except ProfileError:
        return ""
    for line in text.splitlines()[:60]:
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("'\"")[:100]
    return ""
