"""``booklet refresh``: bring the project's facts up to a new release of the public datasets.

``refresh data --from DIR`` regenerates ``assets/data/`` from the datasets as
published; ``refresh wages`` then rewrites each profile's U.S. pay from it.
"""

from __future__ import annotations

from pathlib import Path

import click

from booklet import derive, wages
from booklet.catalog import all_profiles, resolve
from booklet.cli.options import content_option
from booklet.cli.status import EXIT_ERRORS
from booklet.content.refresh import refresh_text
from booklet.errors import Finding, ProfileError, TargetNotFound, display_path
from booklet.inputs import read_input
from booklet.output import write_atomic


@click.group()
def refresh() -> None:
    """Update the project's data, or the profiles' figures, to a new release of the public datasets."""


@refresh.command()
@click.option("--from", "source", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder holding the releases as published: oews/ and onet/, each with its README.")
def data(source: Path) -> None:
    """Regenerate assets/data/ (OEWS wages, O*NET interests and related occupations) from a release.

    Then run `booklet refresh wages` to bring the profiles' U.S. pay to it.
    """
    derived = derive.derive(source)
    changed = derive.write(derived)
    for path in changed:
        click.echo(f"{display_path(path)}: updated")
    click.echo(f"{len(changed)} file(s) changed; the project now holds {derive.releases(derived)}")


@refresh.command(name="wages")
@click.argument("targets", nargs=-1)
@content_option
@click.option("--dry-run", is_flag=True, help="Say what would change without writing any file.")
def refresh_wages(targets: tuple[str, ...], content: Path, dry_run: bool) -> None:
    """Rewrite the U.S. pay of TARGETS (career slugs or profile paths; default: every career) from OEWS.

    Only the U.S. salary entry and the source it cites change; the rest of each file stays byte for byte.
    Prints what changed, old → new. A profile with errors, or whose occupation code has no OEWS figures,
    is reported and left as it is (exit status 2).
    """
    findings: list[Finding] = []
    paths = []
    for target in targets or [str(path) for path in all_profiles(content)]:
        try:
            paths.append(resolve(target, content))
        except TargetNotFound as exc:
            findings.append(Finding(display_path(target), 1, 1, str(exc), rule="unknown-target"))
    updated, current, unpaid = 0, 0, 0
    for path in paths:
        try:
            result = refresh_text(path, read_input(path).text)
        except ProfileError as exc:
            findings += exc.findings
            continue
        if result.note:
            unpaid += 1
        elif not result.changes:
            current += 1
        else:
            updated += 1
            if not dry_run:
                write_atomic(path, result.text.encode("utf-8"))
            click.echo(f"{display_path(path)}: {'would change' if dry_run else 'changed'} "
                       + "; ".join(str(change) for change in result.changes))
    for finding in findings:
        click.echo(str(finding), err=True)
    done = "would change" if dry_run else "changed"
    click.echo(f"{len(paths)} profile(s) checked against OEWS {wages.release().release}: {updated} {done}, "
               f"{current} up to date, {unpaid} without U.S. pay (match: none), {len(findings)} error(s)")
    if findings:
        raise click.exceptions.Exit(EXIT_ERRORS)
