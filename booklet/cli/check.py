"""``booklet check``: schema validation and content lint, without building."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from booklet.catalog import all_profiles, resolve_all
from booklet.content.check import Report, check_paths
from booklet.errors import BookletError, Finding
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
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/<slug>.yaml (the catalog the rules compare with).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per finding; json: the same findings for tools.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("--layout", is_flag=True,
              help="Also lay out every format on every paper size and report print problems per page.")
def check(paths: tuple[str, ...], content: Path, output_format: str, strict: bool, layout: bool) -> None:
    """Validate and lint PATHS (profile files or career slugs; default: the whole catalog).

    Each finding is one line, path:line:column: severity rule-id: message,
    then a summary. Exit status: 0 no errors (warnings allowed), 1 warnings
    with --strict, 2 errors.
    """
    targets = resolve_all(paths, content)
    reports = check_paths(targets, all_profiles(content))
    findings = [finding for report in reports for finding in report.findings]
    if layout:
        findings += layout_findings([report for report in reports if report.career and not report.errors])
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = sum(1 for finding in findings if finding.severity == "warning")
    summary = f"{len(reports)} profile(s) checked: {errors} error(s), {warnings} warning(s)"
    if output_format == "json":
        click.echo(json.dumps({
            "findings": [
                {"path": f.path, "line": f.line, "column": f.column, "severity": f.severity,
                 "rule": f.rule, "field": f.field, "message": f.message}
                for f in findings
            ],
            "summary": {"profiles": len(reports), "errors": errors, "warnings": warnings},
        }, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(summary)
    if errors:
        sys.exit(EXIT_ERRORS)
    if strict and warnings:
        sys.exit(EXIT_WARNINGS)
    sys.exit(EXIT_OK)
