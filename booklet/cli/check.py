"""``booklet check``: schema validation and content lint, without building."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from booklet.catalog import all_profiles, resolve_all
from booklet.content.check import check_paths

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/<slug>.yaml (the catalog the rules compare with).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one line per finding; json: the same findings for tools.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
def check(paths: tuple[str, ...], content: Path, output_format: str, strict: bool) -> None:
    """Validate and lint PATHS (profile files or career slugs; default: the whole catalog).

    Each finding is one line, path:line:column: severity rule-id: message,
    then a summary. Exit status: 0 no errors (warnings allowed), 1 warnings
    with --strict, 2 errors.
    """
    targets = resolve_all(paths, content)
    reports = check_paths(targets, all_profiles(content))
    findings = [finding for report in reports for finding in report.findings]
    errors = sum(len(report.errors) for report in reports)
    warnings = sum(len(report.warnings) for report in reports)
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
