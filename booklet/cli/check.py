"""``booklet check``: schema validation and content lint, without building."""

from __future__ import annotations

import json
from pathlib import Path

import click

from booklet.catalog import all_collections, all_profiles, is_collection, resolve
from booklet.cli.options import content_option
from booklet.content.check import Report, check_collection, check_paths
from booklet.errors import BookletError, Finding, TargetNotFound, display_path
from booklet.inputs import Inputs
from booklet.options import FORMATS, PAPERS, Options

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


def layout_findings(reports: list[Report]) -> list[Finding]:
    """Every format × paper of each valid profile, laid out and checked page by page."""
    from booklet.pipeline import Pipeline  # heavy: WeasyPrint
    from booklet.render.layout_check import check_document

    pipeline = Pipeline()
    findings = []
    for report in reports:
        for output_format in FORMATS:
            for paper in PAPERS:
                where = f"{output_format}, {paper}"
                try:
                    document = pipeline.layout(report.career, Options(paper=paper, format=output_format))
                except BookletError as exc:
                    findings.append(Finding(str(report.path), 1, 1, str(exc), field=where, rule="layout-fit"))
                    continue
                findings += [Finding(str(report.path), 1, 1, str(problem), field=where, rule=f"layout-{problem.rule}")
                             for problem in check_document(document)]
    return findings


@click.command()
@click.argument("paths", nargs=-1)
@content_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per finding; json: the same findings for tools.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("--layout", is_flag=True,
              help="Also lay out every format on every paper size and report print problems per page.")
def check(paths: tuple[str, ...], content: Path, output_format: str, strict: bool, layout: bool) -> None:
    """Validate and lint PATHS: profile or collection files or slugs (default: every career and collection).

    Each finding is one line, path:line:column: severity rule-id: message,
    then a summary. Exit status: 0 no errors (warnings allowed), 1 warnings
    with --strict, 2 errors.
    """
    findings: list[Finding] = []
    careers, collections = [], []
    for target in paths or [str(path) for path in [*all_profiles(content), *all_collections(content)]]:
        try:
            path = resolve(target, content)
        except TargetNotFound as exc:
            findings.append(Finding(display_path(target), 1, 1, str(exc), rule="unknown-target"))
            continue
        (collections if is_collection(path) else careers).append(path)
    inputs = Inputs()
    catalog = all_profiles(content)
    reports = check_paths(careers, catalog, inputs=inputs)
    if collections:
        everything = check_paths(catalog, catalog, inputs=inputs)
        good = {r.career.slug: r.career for r in everything if r.career is not None and not r.errors}
        reports += [check_collection(path, good, {p.stem for p in catalog}, inputs) for path in collections]
    findings += [finding for report in reports for finding in report.findings]
    if layout:
        findings += layout_findings([report for report in reports if report.career and not report.errors])
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = sum(1 for finding in findings if finding.severity == "warning")
    checked = f"{len(careers)} profile(s)" + (f" and {len(collections)} collection(s)" if collections else "")
    if output_format == "json":
        click.echo(json.dumps({
            "findings": [
                {"path": f.path, "line": f.line, "column": f.column, "severity": f.severity,
                 "rule": f.rule, "field": f.field, "message": f.message}
                for f in findings
            ],
            "summary": {"profiles": len(careers), "collections": len(collections), "errors": errors,
                        "warnings": warnings},
        }, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(f"{checked} checked: {errors} error(s), {warnings} warning(s)")
    if errors:
        raise click.exceptions.Exit(EXIT_ERRORS)
    if strict and warnings:
        raise click.exceptions.Exit(EXIT_WARNINGS)
