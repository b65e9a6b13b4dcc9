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

from booklet.batch import Job, Outcome, executor_for, run_all
from booklet.catalog import all_profiles, careers_dir, resolve_targets
from booklet.content.check import check_paths
from booklet.content.collection import load_collection, load_collection_file
from booklet.errors import Finding, ProfileError
from booklet.incremental import Manifest, job_digest
from booklet.output import remove_stale_temporaries, write_atomic
from booklet.options import FORMATS, IMPOSITIONS, PAPERS, PDF_VARIANTS, Options

EXIT_FAILED, EXIT_ERRORS = 1, 2


@dataclass
class Summary:
    built: int = 0
    skipped: int = 0
    failed: int = 0
    pages: int = 0
    outputs: list[dict] = field(default_factory=list)


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)


@dataclass(frozen=True)
class Planned:
    """An output to produce: its name, digest, options, and where its inputs are."""

    name: str
    digest: str
    options: Options
    profile: Path | None = None  # a career
    collection: Path | None = None  # or a collection


def _planned(targets: tuple[str, ...], content: Path, paper: str | None, style: dict) -> list[Planned]:
    """Every requested output with the digest of its inputs, before anything is parsed in full.

    Hashing files is cheap; validating them is not, so an up-to-date output is
    recognised here and never checked or rendered again.
    """
    career_paths, collection_paths = resolve_targets(targets, content)
    planned = []
    for path in career_paths:
        options = Options(paper=paper or "a4", **style)
        planned.append(Planned(f"{path.stem}.pdf", job_digest([path], options), options, profile=path))
    for path in collection_paths:
        collection = load_collection_file(path)
        options = Options(paper=paper or collection.paper, **style)
        if collection.careers:
            sources = [path, *(careers_dir(content) / f"{slug}.yaml" for slug in collection.careers)]
        else:  # a selection can change whenever any profile does
            sources = [path, *all_profiles(content)]
        planned.append(Planned(f"{collection.slug}.pdf", job_digest([p for p in sources if p.is_file()], options),
                               options, collection=path))
    return planned


def _jobs(todo: list[Planned], content: Path, summary: Summary) -> tuple[list[Job], bool]:
    """Check what must be built and turn it into jobs; returns (jobs, whether any input had errors)."""
    if not todo:
        return [], False
    catalog_paths = all_profiles(content)
    career_targets = [item.profile for item in todo if item.profile is not None]
    needed = catalog_paths if any(item.collection for item in todo) else career_targets
    reports = check_paths(list(dict.fromkeys([*career_targets, *needed])), catalog_paths)
    by_path = {report.path.resolve(): report for report in reports}
    good = {r.career.slug: r.career for r in reports if r.career is not None and not r.errors}

    jobs, failed = [], []
    for item in todo:
        if item.profile is not None:
            report = by_path[item.profile.resolve()]
            _print_findings(report.findings)  # warnings too: they do not block
            if report.errors or report.career is None:
                failed.append(item)
            else:
                jobs.append(Job(item.name, (report.career,), item.options, digest=item.digest))
            continue
        try:
            collection, members = load_collection(item.collection, good)
        except ProfileError as exc:
            _print_findings(exc.findings)
            failed.append(item)
        else:
            jobs.append(Job(item.name, tuple(members), item.options, collection, digest=item.digest))
    for item in failed:
        summary.failed += 1
        summary.outputs.append({"name": item.name, "status": "failed", "error": "input has errors"})
    return jobs, bool(failed)


@click.command()
@click.argument("targets", nargs=-1)
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/ and collections/.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder the PDFs are written to.")
@click.option("--paper", type=click.Choice(list(PAPERS)), default=None,
              help="Paper size [default: a4; a collection's own paper].")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="booklet", show_default=True,
              help="booklet: the full booklet; handout: one sheet, front and back.")
@click.option("--impose", type=click.Choice(IMPOSITIONS), default=None,
              help="saddle: pages two-up in folding order, to print duplex, fold and staple.")
@click.option("--grayscale", is_flag=True, help="Ink-saving print: gray charts with patterns, no background floods.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default="pdf/ua-1", show_default=True,
              help="pdf/ua-1: tagged, accessible PDF; pdf/a-3b: for archiving.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Worker processes.")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--quiet", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary instead of lines.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run on a Dask distributed cluster (needs the booklet[dask] extra).")
def build(targets: tuple[str, ...], content: Path, output: Path, paper: str | None, output_format: str,
          impose: str | None, grayscale: bool, pdf_variant: str, workers: int, force: bool, quiet: bool,
          as_json: bool, scheduler: str | None) -> None:
    """Build booklets for TARGETS: career or collection slugs, or profile paths.

    With no TARGETS, builds every career under CONTENT/careers/ and every
    collection under CONTENT/collections/. Profiles are checked first (as by
    `booklet check`); one with errors is reported and skipped, the others are
    still built. Unchanged outputs are skipped (see --force). Exit status: 0
    all built or current, 1 a build failed, 2 an input had errors.
    """
    started = time.perf_counter()
    summary = Summary()
    output.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(output)
    manifest = Manifest(output)
    planned = []
    style = {"format": output_format, "impose": impose, "grayscale": grayscale, "pdf_variant": pdf_variant}
    for item in _planned(targets, content, paper, style):
        if not force and manifest.is_current(item.name, item.digest):
            summary.skipped += 1
            summary.outputs.append({"name": item.name, "status": "skipped"})
        else:
            planned.append(item)
    todo, had_errors = _jobs(planned, content, summary)

    show_bar = not (quiet or as_json) and sys.stderr.isatty() and len(todo) > 1
    with _progress(show_bar, len(todo)) as advance, executor_for(len(todo), workers, scheduler) as executor:
        for outcome in run_all(todo, executor):
            _record(outcome, output, manifest, summary, echo=not (quiet or as_json))
            advance()

    seconds = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps({"built": summary.built, "skipped": summary.skipped, "failed": summary.failed,
                               "pages": summary.pages, "seconds": round(seconds, 2),
                               "outputs": sorted(summary.outputs, key=lambda o: o["name"])}, indent=2))
    elif not quiet:
        click.echo(f"{summary.built} built, {summary.skipped} up to date, {summary.failed} failed; "
                   f"{summary.pages} pages in {seconds:.1f} s")
    if had_errors:
        sys.exit(EXIT_ERRORS)
    if summary.failed:
        sys.exit(EXIT_FAILED)


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
    job = outcome.job
    if outcome.error is not None:
        summary.failed += 1
        summary.outputs.append({"name": job.name, "status": "failed", "error": outcome.error})
        click.echo(f"{output / job.name}: failed: {outcome.error}", err=True)
        return
    target = output / job.name
    write_atomic(target, outcome.pdf)
    manifest.record(job.name, job.digest)
    summary.built += 1
    summary.pages += outcome.pages
    summary.outputs.append({"name": job.name, "status": "built", "pages": outcome.pages,
                            "bytes": len(outcome.pdf), "seconds": round(outcome.seconds, 2)})
    if echo:
        click.echo(f"{target}  {outcome.pages} pages  {len(outcome.pdf) / 1024:.0f} KB  {outcome.seconds:.2f} s")
