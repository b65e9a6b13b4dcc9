"""``booklet build``: profiles → PDFs, one line per file written."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from booklet.catalog import all_profiles, resolve_all
from booklet.content.check import check_paths
from booklet.output import write_atomic
from booklet.render.context import PAPERS, Options


@click.command()
@click.argument("targets", nargs=-1)
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/<slug>.yaml.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder the PDFs are written to.")
@click.option("--paper", type=click.Choice(PAPERS), default="a4", show_default=True, help="Paper size.")
def build(targets: tuple[str, ...], content: Path, output: Path, paper: str) -> None:
    """Build booklets for TARGETS: career slugs or paths to profile files.

    With no TARGETS, builds every career under CONTENT/careers/. Profiles are
    checked first (as by `booklet check`): one with errors is reported
    (path:line:column: ...) and skipped, the others are still built, and the
    exit status is 2. Warnings are printed and do not block.
    """
    from booklet.pipeline import Pipeline  # heavy: WeasyPrint and matplotlib

    options = Options(paper=paper)
    pipeline = Pipeline()
    failed = 0
    for report in check_paths(resolve_all(targets, content), all_profiles(content)):
        for finding in report.findings:
            click.echo(str(finding), err=True)
        if report.career is None or report.errors:
            failed += 1
            continue
        started = time.perf_counter()
        rendered = pipeline.pdf(report.career, options)
        target = output / f"{report.career.slug}.pdf"
        write_atomic(target, rendered.pdf)
        seconds = time.perf_counter() - started
        click.echo(f"{target}  {rendered.pages} pages  {len(rendered.pdf) / 1024:.0f} KB  {seconds:.2f} s")
    if failed:
        click.echo(f"{failed} profile(s) not built because of errors.", err=True)
        sys.exit(2)
