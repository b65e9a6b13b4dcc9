"""``booklet check``: schema validation and content lint, without building."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from booklet.catalog import all_collections, all_profiles, careers_dir, is_collection, resolve
from booklet.cli.options import content_option
from booklet.cli.status import EXIT_ERRORS, EXIT_WARNINGS
from booklet.content.brand import is_brand_file
from booklet.content.check import (
    Report,
    check_brand_file,
    check_collection,
    check_paths,
    check_translation_file,
    translations_of,
)
from booklet.content.loader import parse
from booklet.errors import Finding, ProfileError, TargetNotFound, display_path
from booklet.i18n import LANGUAGES
from booklet.inputs import Inputs
from booklet.options import FORMATS, PAPERS, Options


def layout_findings(reports: list[Report], collections: list[Path], content: Path,
                    workers: int, quick: bool = False) -> tuple[list[Finding], int]:
    """Lay out what the reports describe and check it page by page, on ``workers`` processes.

    Returns the findings and how many layouts were checked.

    Every valid career and translation on every paper in every format (a
    translation in its own language), and every valid collection as a booklet
    on its paper in its language. ``quick``: each career and translation on one
    paper and format, taken in turn, so that across a catalog every pairing is
    still laid out (an eighth of the work).
    """
    from booklet.batch import Job, check_job, executor_for, run_all
    from booklet.catalog import all_profiles
    from booklet.content.check import check_in_catalog
    from booklet.plan import catalog_entries, jobs, plan

    listed = catalog_entries(check_in_catalog([], all_profiles(content))[1])  # related careers, as a build has them
    work: dict[str, tuple[Path, Job]] = {}
    pairings = [(output_format, paper) for output_format in FORMATS for paper in PAPERS]
    for index, report in enumerate(reports):
        for output_format, paper in [pairings[index % len(pairings)]] if quick else pairings:
            options = Options(paper=paper, format=output_format, lang=report.career.lang, catalog=listed)
            name = f"{report.path}|{output_format}|{paper}"
            work[name] = (report.path, Job(name, (report.career,), options))
    if collections:
        planned = plan(tuple(str(path) for path in collections), content, Options())
        sources = {item.name: item.source for item in planned.outputs}
        for job in jobs(planned.outputs, content, planned.inputs)[0]:
            work[job.name] = (sources[job.name], job)
    findings: list[Finding] = []
    with executor_for(len(work), workers) as executor:
        for outcome in run_all([job for _path, job in work.values()], executor, work=check_job):
            path, job = work[outcome.job.name]
            options = job.options
            where = f"{options.format}, {options.paper}" + (f", {options.lang}" if options.lang != "en" else "")
            if outcome.error:
                findings.append(Finding(display_path(path), 1, 1, outcome.error, field=where, rule="layout-fit"))
            findings += [Finding(display_path(path), 1, 1, f"page {problem.page}: {problem.message}", field=where,
                                 rule=problem.rule) for problem in outcome.problems]
    return sorted(findings, key=lambda finding: (finding.path, finding.field or "", finding.message)), len(work)


def _is_brand(path: Path) -> bool:
    """A file named on the command line that is a school's brand file, not a profile."""
    try:
        return is_brand_file(parse(path).data)
    except ProfileError:
        return False


@click.command()
@click.argument("paths", nargs=-1)
@content_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per finding; json: the same findings for tools.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("--layout", is_flag=True,
              help="Also lay out every format on every paper size and report print problems per page.")
@click.option("--quick", is_flag=True,
              help="With --layout: each career on one paper and format, in turn (every pairing still covered "
                   "across the catalog).")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Worker processes for --layout.")
def check(paths: tuple[str, ...], content: Path, output_format: str, strict: bool, layout: bool,
          quick: bool, workers: int) -> None:
    """Validate and lint PATHS: profile, collection or brand files, or slugs (default: every career and collection).

    A career's translations are checked with it.

    Each finding is one line, path:line:column: severity rule-id: message,
    then a summary. Exit status: 0 no errors (warnings allowed), 1 warnings
    with --strict, 2 errors.
    """
    findings: list[Finding] = []
    careers, collections, translations, brands = [], [], [], []
    everything = [*all_profiles(content), *translations_of(careers_dir(content)), *all_collections(content)]
    for target in paths or [str(path) for path in everything]:
        try:
            path = resolve(target, content)
        except TargetNotFound as exc:
            findings.append(Finding(display_path(target), 1, 1, str(exc), rule="unknown-target"))
            continue
        if is_collection(path):
            collections.append(path)
        elif paths and _is_brand(path):
            brands.append(path)
        elif path.parent.name in LANGUAGES:
            translations.append(path)
        else:
            careers.append(path)
            if paths:  # a career named brings its translations: an editor checking "doctor" means every edition
                translations += [found for found in translations_of(path.parent) if found.stem == path.stem]
    translations = list({path.resolve(): path for path in translations}.values())  # named and brought: once
    inputs = Inputs()
    catalog = all_profiles(content)
    reports = check_paths(careers, catalog, inputs=inputs)
    reports += [check_translation_file(path, inputs) for path in translations]
    reports += [check_brand_file(path) for path in brands]
    if collections:
        everything = check_paths(catalog, catalog, inputs=inputs)
        good = {r.career.slug: r.career for r in everything if r.career is not None and not r.errors}
        reports += [check_collection(path, good, {p.stem for p in catalog}, inputs) for path in collections]
    findings += [finding for report in reports for finding in report.findings]
    layouts = 0
    if layout:
        found, layouts = layout_findings([report for report in reports if report.career and not report.errors],
                                    [report.path for report in reports if is_collection(report.path)
                                     and not report.errors], content, workers, quick)
        findings += found
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = sum(1 for finding in findings if finding.severity == "warning")
    counts = [f"{len(careers)} profile(s)"] + [f"{n} {what}(s)" for n, what in
                                               ((len(translations), "translation"), (len(collections), "collection"),
                                                (len(brands), "brand file")) if n]
    checked = " and ".join([", ".join(counts[:-1]), counts[-1]]) if len(counts) > 1 else counts[0]
    if output_format == "json":
        click.echo(json.dumps({
            "findings": [
                {"path": f.path, "line": f.line, "column": f.column, "severity": f.severity,
                 "rule": f.rule, "field": f.field, "message": f.message}
                for f in findings
            ],
            "summary": {"profiles": len(careers), "translations": len(translations),
                        "collections": len(collections), "layouts": layouts, "errors": errors,
                        "warnings": warnings},
        }, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        laid_out = f" ({layouts} layouts)" if layout else ""
        click.echo(f"{checked} checked{laid_out}: {errors} error(s), {warnings} warning(s)")
    if errors:
        raise click.exceptions.Exit(EXIT_ERRORS)
    if strict and warnings:
        raise click.exceptions.Exit(EXIT_WARNINGS)
