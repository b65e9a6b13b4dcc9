"""Build planning: targets → outputs → digests → what is up to date → jobs.

The command line and the web page share this, so both agree on what an
output is made from and when it is current.  Every input file is read once
(``Inputs``): the bytes that are hashed for the manifest are the bytes that
are parsed and rendered, so a profile edited during a build can never leave
a PDF recorded as current for inputs it was not made from.

A bad input skips only what depends on it: an unreadable profile skips its
booklet (and the collections that list it), a broken collection file skips
that collection, and two outputs that would get one file name are both
refused with an error naming both files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from booklet.batch import Job
from booklet.catalog import all_collections, all_profiles, careers_dir, is_collection, is_slug, resolve
from booklet.content.brand import load_brand
from booklet.content.check import check_in_catalog
from booklet.content.collection import load_collection, load_collection_file
from booklet.content.lint import Catalog
from booklet.content.model import Career
from booklet.content.translation import load_translated, translation_path
from booklet.errors import Finding, ProfileError, TargetNotFound, display_path
from booklet.incremental import job_digest
from booklet.inputs import Inputs
from booklet.options import Options


@dataclass(frozen=True)
class Planned:
    """An output to produce: its file name, the file it is built from, its options and input digest."""

    name: str
    source: Path
    options: Options
    digest: str

    @property
    def is_collection(self) -> bool:
        return is_collection(self.source)


@dataclass(frozen=True)
class Skipped:
    """An output (or a target) that will not be built, and why."""

    name: str | None
    findings: tuple[Finding, ...]


@dataclass
class Plan:
    outputs: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    inputs: Inputs = field(default_factory=Inputs)


def _skip(plan: Plan, name: str | None, path: Path | None, error: ProfileError | TargetNotFound) -> None:
    if isinstance(error, ProfileError):
        plan.skipped.append(Skipped(name, tuple(error.findings)))
    else:
        where = display_path(path) if path else "target"
        plan.skipped.append(Skipped(name, (Finding(where, 1, 1, str(error), rule="unknown-target"),)))


def _targets(targets: tuple[str, ...], content: Path, plan: Plan) -> list[Path]:
    if not targets:
        return [*all_profiles(content), *all_collections(content)]
    found = []
    for target in targets:
        try:
            found.append(resolve(target, content, inside_content=True))
        except TargetNotFound as exc:
            plan.skipped.append(Skipped(None, (Finding("target", 1, 1, str(exc), rule="unknown-target"),)))
    return list(dict.fromkeys(found))


def plan(targets: tuple[str, ...], content: Path, options: Options, chosen: frozenset[str] = frozenset()) -> Plan:
    """Every requested output with the digest of its inputs, before anything is validated.

    Hashing is cheap and validating is not, so an up-to-date output is
    recognised from its digest alone.  A collection keeps the paper and
    language its file asks for, except those in ``chosen`` (set by the user).
    """
    result = Plan()
    # Which careers are in the catalog decides each booklet's related careers: part of every digest.
    listed = "\n".join(profile.stem for profile in all_profiles(content)).encode()
    for path in _targets(targets, content, result):
        name = f"{path.stem}.pdf"
        try:
            source = result.inputs.get(path)
            if not is_collection(path):
                data = [source.data, *translation_bytes(path, options.lang, result.inputs), listed]
                result.outputs.append(Planned(name, path, options, job_digest(data, options)))
                continue
            _doc, collection = load_collection_file(path, source.text)
            own = {"paper": collection.paper, "lang": collection.lang,
                   "brand": load_brand(path.parent / collection.brand)
                   if collection.brand and "brand" not in chosen else None}
            settings = replace(options, **{name: value for name, value in own.items()
                                           if value is not None and name not in chosen})
            if collection.careers:
                members = [careers_dir(content) / f"{slug}.yaml" for slug in collection.careers if is_slug(slug)]
            else:  # a selection can change whenever any profile does
                members = all_profiles(content)
            data = [source.data, listed]
            for member in members:
                try:
                    data.append(result.inputs.get(member).data)
                except ProfileError:
                    data.append(b"")  # reported when the collection's careers are resolved
                data.extend(translation_bytes(member, settings.lang, result.inputs))
            result.outputs.append(Planned(name, path, settings, job_digest(data, settings)))
        except ProfileError as exc:
            _skip(result, name, path, exc)
    _refuse_collisions(result)
    return result


def translation_bytes(profile: Path, lang: str, inputs: Inputs) -> list[bytes]:
    """The translation's bytes, when an edition in ``lang`` would use one (part of the digest)."""
    path = translation_path(profile, lang)
    if lang == "en" or not path.exists():
        return []
    try:
        return [inputs.get(path).data]
    except ProfileError:
        return [b""]


def _refuse_collisions(result: Plan) -> None:
    """Two outputs with one file name would overwrite each other on every build: refuse both."""
    by_name: dict[str, list[Planned]] = defaultdict(list)
    for item in result.outputs:
        by_name[item.name].append(item)
    for name, items in by_name.items():
        if len(items) > 1:
            files = " and ".join(display_path(item.source) for item in items)
            for item in items:
                result.skipped.append(Skipped(name, (Finding(display_path(item.source), 1, 1,
                                                             f"{files} would both be written to {name}; "
                                                             "rename one of them", rule="output-collision"),)))
    result.outputs = [item for item in result.outputs if len(by_name[item.name]) == 1]


def jobs(todo: list[Planned], content: Path, inputs: Inputs) -> tuple[list[Job], list[Skipped], list[Finding]]:
    """Validate what must be built and turn it into jobs.

    Returns the jobs, the outputs skipped because an input has errors, and the
    warnings of the profiles that will be built (they do not block).
    """
    if not todo:
        return [], [], []
    catalog_paths = all_profiles(content)
    careers = [item.source for item in todo if not item.is_collection]
    needed = catalog_paths if any(item.is_collection for item in todo) else careers
    reports, catalog = check_in_catalog(list(dict.fromkeys([*careers, *needed])), catalog_paths, inputs=inputs)
    listed = catalog_entries(catalog)
    by_path = {report.path.resolve(): report for report in reports}
    good = {r.career.slug: r.career for r in reports if r.career is not None and not r.errors}
    known = {path.stem for path in catalog_paths}

    built, skipped, warnings = [], [], []
    for item in todo:
        if not item.is_collection:
            report = by_path[item.source.resolve()]
            if report.errors or report.career is None:
                skipped.append(Skipped(item.name, tuple(report.findings)))
            else:
                career, notes = edition(item.source, report.career, item.options.lang, inputs)
                warnings += [*report.findings, *notes]
                built.append(Job(item.name, (career,), replace(item.options, catalog=listed), digest=item.digest))
            continue
        try:
            collection, members = load_collection(item.source, good, inputs.get(item.source).text, known)
        except ProfileError as exc:
            skipped.append(Skipped(item.name, tuple(exc.findings)))
        else:
            editions = []
            for member in members:
                career, notes = edition(careers_dir(content) / f"{member.slug}.yaml", member, item.options.lang,
                                         inputs)
                editions.append(career)
                warnings += notes
            built.append(Job(item.name, tuple(editions), replace(item.options, catalog=listed), collection,
                             digest=item.digest))
    return built, skipped, warnings


def catalog_entries(catalog: Catalog) -> tuple[tuple[str, str, str], ...]:
    """The catalog as a build carries it to workers (``Options.catalog``): (slug, title, O*NET-SOC code) each.

    A career with no U.S. equivalent (``match: none``) is listed with no code: its code only lends it
    interest scores, so other careers are not 'related' to it through that code.
    """
    return tuple((entry.slug, entry.title, entry.soc if entry.match in ("exact", "proxy") and entry.soc else "")
                 for entry in sorted(catalog.entries, key=lambda entry: entry.slug))


def edition(profile: Path, english: Career, lang: str, inputs: Inputs) -> tuple[Career, list[Finding]]:
    """The career in the edition's language, or in English with the reason as warnings.

    A translation with errors (missing text, stale against the English) is
    not used: the career prints in English with a note on its cover, and the
    build says why.
    """
    if lang == "en" or not translation_path(profile, lang).exists():
        return english, []
    career, findings = load_translated(profile, lang, inputs)
    if career.lang != lang:
        findings = [replace(finding, severity="warning", message=f"{finding.message} (built in English)")
                    for finding in findings]
    return career, findings
