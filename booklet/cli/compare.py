"""``booklet compare SLUG SLUG [SLUG [SLUG]]``: two to four careers side by side on one or two pages."""

from __future__ import annotations

import time
from pathlib import Path

import click

from booklet.cli.options import content_option, style_options
from booklet.cli.status import EXIT_ERRORS, EXIT_FAILED
from booklet.errors import BookletError, Finding, ProfileError, display_path
from booklet.options import Options
from booklet.output import OutputError, locked, remove_stale_temporaries


@click.command()
@click.argument("names", nargs=-1, metavar="SLUG SLUG [SLUG [SLUG]]")
@content_option
@click.option("--output", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="A folder (the sheet is <folder>/compare-<slug>-<slug>….pdf) or a file name ending in .pdf.")
@style_options
@click.option("--force", is_flag=True, help="Write the sheet even when nothing changed.")
def compare(names: tuple[str, ...], content: Path, output: Path, options: Options, chosen: frozenset[str],
            force: bool) -> None:
    """Compare two to four careers side by side on one or two pages.

    Each career is named by its slug or its title. The sheet shows each
    career's field, what the job is, entry education, years from school to a
    first job, pay per region (entry, peak, top 10 %), the typical route in
    each region, key skills, the trade-offs and the sources, then the salary
    ladders on one scale per region. --paper, --brand, --grayscale, --lang and
    --pdf-variant work as for build; --format, --impose and the booklet-only
    options do not apply. Exit status: 0 written or current, 1 the sheet
    could not be made, 2 bad input.
    """
    from booklet.compare import plan_sheet
    from booklet.render.compare import too_long

    if options.format != "booklet" or options.impose:
        raise click.UsageError("--format and --impose do not apply to a comparison sheet (one or two pages)")
    try:
        sheet = plan_sheet(names, content, options)
    except ProfileError as exc:
        _findings(exc.findings)
        raise click.exceptions.Exit(EXIT_ERRORS) from None
    _findings(sheet.warnings)
    target = output if output.suffix.lower() == ".pdf" else output / sheet.name
    try:
        with locked(target.parent):
            remove_stale_temporaries(target.parent)
            started = time.perf_counter()
            written = sheet.write(target, force)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_FAILED) from None
    except BookletError as exc:  # the sheet cannot be made (it does not fit); the input itself was fine
        click.echo(f"{display_path(target)}: failed: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_FAILED) from None
    if written is None:
        click.echo(f"{display_path(target)}  up to date")
        return
    click.echo(f"{display_path(target)}  {written.pages} pages  {len(written.pdf) / 1024:.0f} KB  "
               f"{time.perf_counter() - started:.2f} s")
    if note := too_long(written.pages, options.paper):
        click.echo(f"{display_path(target)}: note: {note}", err=True)


def _findings(findings: list[Finding]) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)
