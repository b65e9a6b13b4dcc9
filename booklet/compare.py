"""Planning a comparison sheet: which careers the command line names, in which edition, and its digest.

A career is named by its slug or its title (case does not matter), as in a
class list.  Every mistake is a located finding, ``compare:1:N`` for the
N-th name, so the command reports them all at once and exits with status 2:
too few or too many names, a name that is no career (with a did-you-mean),
a career named twice, a profile with errors.  The sheet is written like a
booklet: through a temporary file and a rename, and skipped when the
manifest says the same inputs and options already made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from booklet.catalog import all_profiles, careers_dir, did_you_mean, is_slug
from booklet.content.check import check_paths
from booklet.content.model import Career
from booklet.errors import Finding, ProfileError, display_path
from booklet.incremental import Manifest, job_digest
from booklet.inputs import Inputs
from booklet.options import Options
from booklet.output import write_atomic
from booklet.plan import edition, translation_bytes
from booklet.render.compare import MAX_COMPARED, MIN_COMPARED, file_name
from booklet.render.pdf import Rendered

WHERE = "compare"  # findings about the command line's names: compare:1:<position>


@dataclass(frozen=True)
class Sheet:
    """A comparison sheet to write: its file name, careers (in the edition's language), options and digest."""

    name: str
    careers: tuple[Career, ...]
    options: Options
    digest: str
    warnings: tuple[Finding, ...] = ()

    def write(self, target: Path, force: bool = False) -> Rendered | None:
        """Render and write the sheet to ``target`` atomically; None when it is already current there."""
        from booklet.pipeline import Pipeline  # WeasyPrint and matplotlib: only when something is rendered

        manifest = Manifest(target.parent)
        if not force and manifest.is_current(target.name, self.digest):
            return None
        rendered = Pipeline().compare(list(self.careers), self.options)
        write_atomic(target, rendered.pdf)
        manifest.record(target.name, self.digest, rendered.pages)
        return rendered


def _finding(position: int, message: str, rule: str) -> Finding:
    return Finding(WHERE, 1, position, message, rule=rule)


def resolve_names(names: tuple[str, ...], content: Path, inputs: Inputs) -> list[Path]:
    """The profile each name means, in order; every problem as a located finding (``ProfileError``)."""
    if not MIN_COMPARED <= len(names) <= MAX_COMPARED:
        raise ProfileError([_finding(1, f"a comparison sheet compares {MIN_COMPARED} to {MAX_COMPARED} careers; "
                                        f"got {len(names)} (booklet compare SLUG SLUG [SLUG [SLUG]])",
                                     rule="compare-count")])
    folder = careers_dir(content)
    by_title: dict[str, Path] | None = None
    found: list[Path] = []
    findings: list[Finding] = []
    for position, name in enumerate(names, start=1):
        wanted = name.strip()
        path = folder / f"{wanted.casefold()}.yaml"
        if not (is_slug(wanted.casefold()) and path.is_file()):
            if by_title is None:  # titles are read only when a name is not a slug: a few ms per profile
                by_title = _titles(content, inputs)
            path = by_title.get(" ".join(wanted.split()).casefold())
        if path is None:
            findings.append(_finding(position, f"{name!r} is not a career in {display_path(folder)}"
                                     + _hint(wanted.casefold(), content), rule="unknown-career"))
        elif path in found:
            findings.append(_finding(position, f"{name!r} is named twice; compare different careers",
                                     rule="duplicate-career"))
        else:
            found.append(path)
    if findings:
        raise ProfileError(findings)
    return found


def _hint(name: str, content: Path) -> str:
    """'; did you mean registered-nurse?' for a misspelt slug, or for the one career whose slug has the word."""
    slugs = [profile.stem for profile in all_profiles(content)]
    if hint := did_you_mean(name, slugs):
        return hint
    containing = [slug for slug in slugs if name.replace(" ", "-") in slug]
    return f"; did you mean {containing[0]}?" if len(containing) == 1 else ""


def _titles(content: Path, inputs: Inputs) -> dict[str, Path]:
    """Each profile's title (case folded) → its file, for the profiles whose title can be read."""
    from booklet.content.loader import parse

    titles = {}
    for path in all_profiles(content):
        try:
            data = parse(path, inputs.get(path).text).data
        except ProfileError:
            continue
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            titles.setdefault(" ".join(data["title"].split()).casefold(), path)
    return titles


def plan_sheet(names: tuple[str, ...], content: Path, options: Options) -> Sheet:
    """The sheet ``names`` ask for, its careers checked like a build's; ``ProfileError`` for any mistake."""
    inputs = Inputs()
    paths = resolve_names(names, content, inputs)
    reports = check_paths(paths, all_profiles(content), inputs=inputs)
    errors = [finding for report in reports for finding in report.errors]
    if errors or any(report.career is None for report in reports):
        raise ProfileError(errors or [finding for report in reports for finding in report.findings])
    careers, warnings = [], []
    data = [b"compare"]
    for path, report in zip(paths, reports, strict=True):
        career, notes = edition(path, report.career, options.lang, inputs)
        careers.append(career)
        warnings += [*report.findings, *notes]
        data += [inputs.get(path).data, *translation_bytes(path, options.lang, inputs)]
    return Sheet(file_name(careers), tuple(careers), options, job_digest(data, options), tuple(warnings))
