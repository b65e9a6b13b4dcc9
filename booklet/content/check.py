"""Schema validation plus lint for one profile or a whole catalog.

``build`` and ``check`` share this: a profile with errors is never built,
warnings are reported and do not block.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from booklet.content.brand import load_brand
from booklet.content.collection import load_collection
from booklet.content.lint import ERROR, WARNING, Catalog, CatalogEntry, model_rules, text_rules
from booklet.content.loader import Document, parse, validate
from booklet.content.model import Career
from booklet.errors import Finding, ProfileError, display_path
from booklet.inputs import Inputs
from booklet.limits import MAX_TITLE_LENGTH


@dataclass
class Report:
    """What checking one profile found; ``career`` is set when it validated."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    career: Career | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def status(self) -> str:
        return "errors" if self.errors else "warnings" if self.warnings else "ok"


def _parse_all(paths: list[Path], inputs: Inputs) -> dict[Path, Document | ProfileError]:
    """Parse each file once, keyed by its resolved path (one file may be named two ways)."""
    parsed: dict[Path, Document | ProfileError] = {}
    for path in paths:
        key = path.resolve()
        if key in parsed:
            continue
        try:
            parsed[key] = parse(path, inputs.get(path).text)
        except ProfileError as exc:
            parsed[key] = exc
    return parsed


def catalog_from(documents: list[Document]) -> Catalog:
    entries = []
    for doc in documents:
        data = doc.data if isinstance(doc.data, dict) else {}
        slug, title = data.get("slug"), data.get("title")
        occupation = data.get("occupation") if isinstance(data.get("occupation"), dict) else {}
        soc, match = (value if isinstance(value, str) else None for value in (occupation.get("soc"),
                                                                                occupation.get("match")))
        if isinstance(slug, str) and isinstance(title, str) and len(title) <= MAX_TITLE_LENGTH:
            entries.append(CatalogEntry(display_path(doc.path.resolve()), slug, title, soc, match))
    return Catalog(tuple(entries))


def check_document(doc: Document, catalog: Catalog, today: dt.date) -> Report:
    report = Report(doc.path, text_rules(doc, catalog))
    try:
        report.career = validate(doc)
    except ProfileError as exc:
        report.findings += exc.findings
    if report.career is not None:
        report.findings += model_rules(doc, report.career, catalog, today)
    report.findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return report


def check_paths(targets: list[Path], catalog_paths: list[Path], today: dt.date | None = None,
                inputs: Inputs | None = None) -> list[Report]:
    """Check ``targets`` against a catalog made of ``catalog_paths`` plus the targets."""
    return check_in_catalog(targets, catalog_paths, today, inputs)[0]


def check_in_catalog(targets: list[Path], catalog_paths: list[Path], today: dt.date | None = None,
                     inputs: Inputs | None = None) -> tuple[list[Report], Catalog]:
    """``check_paths``, and the catalog the targets were checked against (slugs, titles, codes)."""
    today = today or dt.date.today()
    parsed = _parse_all([*targets, *catalog_paths], inputs or Inputs())  # targets first: findings name them as given
    catalog = catalog_from([doc for doc in parsed.values() if isinstance(doc, Document)])
    reports = []
    for path in targets:
        outcome = parsed[path.resolve()]
        if isinstance(outcome, ProfileError):
            reports.append(Report(path, list(outcome.findings)))
        else:
            reports.append(check_document(outcome, catalog, today))
    return reports, catalog


def check_collection(path: Path, catalog: dict[str, Career], known: set[str], inputs: Inputs) -> Report:
    """A collection checked as a collection: its own fields, its brand file, then whether its careers build."""
    try:
        collection, _members = load_collection(path, catalog, inputs.get(path).text, known)
        if collection.brand:
            load_brand(path.parent / collection.brand)
    except ProfileError as exc:
        return Report(path, list(exc.findings))
    return Report(path)


def check_brand_file(path: Path) -> Report:
    """A school's brand file: its fields, its logo, its colour's contrast."""
    try:
        load_brand(path)
    except ProfileError as exc:
        return Report(path, list(exc.findings))
    return Report(path)


def translations_of(content_careers: Path) -> list[Path]:
    """Every translation file: careers/<lang>/<slug>.yaml for each language besides English."""
    from booklet.i18n import LANGUAGES

    return sorted(path for lang in LANGUAGES if lang != "en" for path in (content_careers / lang).glob("*.yaml"))


def check_translation_file(path: Path, inputs: Inputs) -> Report:
    """A translation checked against its English profile: complete, current, and valid once merged."""
    from booklet.content.translation import check_translation, merge

    lang, english_path = path.parent.name, path.parent.parent / path.name
    report = Report(path)
    try:
        translation = parse(path, inputs.get(path).text)
    except ProfileError as exc:
        report.findings += exc.findings
        return report
    if not english_path.exists():
        report.findings.append(translation.finding((), f"translates {english_path.name}, which does not exist",
                                                   severity=ERROR, rule="translation-missing"))
        return report
    try:
        english = parse(english_path, inputs.get(english_path).text)
        report.findings += check_translation(english, translation, lang)
        if not report.errors:
            report.career = merge(english, translation, lang)
    except ProfileError as exc:
        report.findings += exc.findings
    return report
