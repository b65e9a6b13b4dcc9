"""``booklet roster CLASS.csv``: one booklet per student, a class pack for the print room, and index.csv."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from booklet.cli.options import content_option, style_options
from booklet.cli.status import EXIT_ERRORS, EXIT_FAILED, finish
from booklet.errors import Finding, ProfileError
from booklet.inputs import Inputs
from booklet.options import Options
from booklet.output import OutputError, locked, remove_stale_temporaries


@click.command()
@click.argument("class_list", metavar="CLASS.csv", type=click.Path(dir_okay=False, path_type=Path))
@content_option
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder the roster/ folder is written in.")
@style_options
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date printed on the personal covers, YYYY-MM-DD [default: today].")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Worker processes for the careers' bodies.")
def roster(class_list: Path, content: Path, output: Path, options: Options, chosen: frozenset[str],
           date: dt.datetime | None, workers: int) -> None:
    """Build a booklet for every student of CLASS.csv, with their name and chosen careers.

    The CSV (UTF-8, comma or semicolon) has a header with `student` and
    `careers` (slugs or titles separated by ;), and optionally `class`,
    `format`, `paper`, `lang` and `note`. Writes OUTPUT/roster/<class>/
    <student>.pdf, a class-pack.pdf per class and OUTPUT/roster/index.csv.
    A bad row is reported as CLASS.csv:LINE:COLUMN and skipped; the others
    are built. Exit status: 0 all built, 1 a build failed, 2 a row had errors.
    """
    from booklet.catalog import all_profiles
    from booklet.content.check import check_paths
    from booklet.content.roster import read_roster
    from booklet.roster import ROSTER_FOLDER, build_roster, plan_students

    inputs = Inputs()
    reports = check_paths(all_profiles(content), all_profiles(content), inputs=inputs)
    catalog = {report.career.slug: report.career for report in reports if report.career and not report.errors}
    try:
        class_roster = read_roster(class_list, catalog)
    except ProfileError as exc:
        _findings(exc.findings)
        raise click.exceptions.Exit(EXIT_ERRORS) from None
    _findings(class_roster.findings)
    day = (date or dt.datetime.now()).date()
    planned = plan_students(class_roster.students, content, options, day, inputs)
    try:
        with locked(output / ROSTER_FOLDER):
            remove_stale_temporaries(output / ROSTER_FOLDER)
            summary = build_roster(planned, output, day, workers, click.echo)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_FAILED) from None
    click.echo(f"{summary.said()}, {len(class_roster.findings)} row error(s); {summary.bodies} career bodies rendered")
    finish(input_errors=bool(class_roster.findings), failed=bool(summary.failed))


def _findings(findings: list[Finding]) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)
