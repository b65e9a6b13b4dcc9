"""``booklet build``: profiles and collections → PDFs, in parallel, incrementally."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click

from booklet.batch import Outcome, Tally, executor_for, run_all, scheduler_address
from booklet.cli.options import content_option, style_options
from booklet.cli.status import EXIT_FAILED, finish
from booklet.errors import Finding
from booklet.incremental import Manifest
from booklet.options import Options
from booklet.output import OutputError, locked, remove_stale_temporaries, write_atomic
from booklet.plan import Skipped, jobs, plan


@dataclass
class Summary(Tally):
    """A build's tally, with the inputs refused and each output's status (for ``--json``)."""

    input_errors: int = 0
    outputs: list[dict] = field(default_factory=list)

    def refuse(self, item: Skipped) -> None:
        self.input_errors += 1
        if item.name:
            error = item.findings[0].message if item.findings else "input has errors"
            self.outputs.append({"name": item.name, "status": "failed", "error": error})

    def fail(self, name: str, error: str) -> None:
        self.failed += 1
        self.outputs.append({"name": name, "status": "failed", "error": error})


def _print_findings(findings: tuple[Finding, ...] | list[Finding]) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.command()
@click.argument("targets", nargs=-1)
@content_option
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder the PDFs are written to.")
@style_options
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Worker processes.")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--quiet", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary instead of lines.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run on a Dask distributed cluster (needs the booklet[dask] extra).")
def build(targets: tuple[str, ...], content: Path, output: Path, options: Options, chosen: frozenset[str],
          workers: int, force: bool, quiet: bool, as_json: bool, scheduler: str | None) -> None:
    """Build booklets for TARGETS: career or collection slugs, or profile paths.

    With no TARGETS, builds every career under CONTENT/careers/ and every
    collection under CONTENT/collections/. Profiles are checked first (as by
    `booklet check`); one with errors is reported and skipped, the others are
    still built. Unchanged outputs are skipped (see --force). Exit status: 0
    all built or current, 1 a build failed, 2 an input had errors.
    """
    started = time.perf_counter()
    summary = Summary()
    if scheduler is not None:  # checked now; connected to only when something must be built
        if not scheduler.strip():
            raise click.BadParameter("needs an address such as tcp://127.0.0.1:8786", param_hint="--scheduler")
        scheduler_address(scheduler)
    echo = not (quiet or as_json)
    try:
        with locked(output, on_wait=lambda: _echo_err(f"Waiting for another build into {output} to finish…")):
            _build(targets, content, output, options, chosen, workers, force, scheduler, echo, summary)
    except OutputError as exc:
        _echo_err(f"error: {exc}")
        if not as_json:
            click.echo(f"nothing built: {output} cannot be written")
        raise click.exceptions.Exit(EXIT_FAILED) from None

    seconds = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps({"built": summary.built, "skipped": summary.skipped,
                               "failed": summary.failed + summary.input_errors, "pages": summary.pages,
                               "seconds": round(seconds, 2),
                               "outputs": sorted(summary.outputs, key=lambda o: o["name"])}, indent=2))
    elif not quiet:
        click.echo(f"{summary.said(summary.failed + summary.input_errors)}; {summary.pages} pages in {seconds:.1f} s")
    finish(input_errors=bool(summary.input_errors), failed=bool(summary.failed))


def _build(targets: tuple[str, ...], content: Path, output: Path, options: Options, chosen: frozenset[str],
           workers: int, force: bool, scheduler: str | None, echo: bool, summary: Summary) -> None:
    """Plan, skip what is current, render the rest and write it; the caller holds the folder's lock."""
    remove_stale_temporaries(output)
    manifest = Manifest(output, note=_echo_err)
    planned = plan(targets, content, options, chosen)
    todo = []
    for item in planned.outputs:
        if not force and manifest.is_current(item.name, item.digest):
            summary.skipped += 1
            summary.outputs.append({"name": item.name, "status": "skipped"})
        else:
            todo.append(item)
    work, refused, warnings = jobs(todo, content, planned.inputs)
    for item in [*planned.skipped, *refused]:
        _print_findings(item.findings)
        summary.refuse(item)
    _print_findings(warnings)
    if not work:
        return
    show_bar = echo and sys.stderr.isatty() and len(work) > 1
    with _progress(show_bar, len(work)) as advance, executor_for(len(work), workers, scheduler) as executor:
        for outcome in run_all(work, executor):
            _record(outcome, output, manifest, summary, echo)
            advance()


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on the terminal, or nothing (scripts, CI, one PDF)."""
    if not show:
        yield lambda: None
        return
    from rich.console import Console  # imported only when a bar is shown: start-up time
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Building", total=total)
        yield lambda: progress.advance(task)


def _record(outcome: Outcome, output: Path, manifest: Manifest, summary: Summary, echo: bool) -> None:
    """Write one finished PDF and record it; a fault of the folder fails this output, not the build."""
    job = outcome.job
    target = output / job.name
    if outcome.error is not None:
        summary.fail(job.name, outcome.error)
        click.echo(f"{target}: failed: {outcome.error}", err=True)
        return
    try:
        write_atomic(target, outcome.pdf)
        manifest.record(job.name, job.digest, outcome.pages)
    except OutputError as exc:
        summary.fail(job.name, str(exc))
        click.echo(f"error: {exc}", err=True)
        return
    summary.built += 1
    summary.pages += outcome.pages
    summary.outputs.append({"name": job.name, "status": "built", "pages": outcome.pages,
                            "bytes": len(outcome.pdf), "seconds": round(outcome.seconds, 2)})
    if echo:
        click.echo(f"{target}  {outcome.pages} pages  {len(outcome.pdf) / 1024:.0f} KB  {outcome.seconds:.2f} s")
