"""``booklet list``: the catalog at a glance."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from booklet.catalog import all_profiles
from booklet.cli.options import content_option
from booklet.content.check import check_paths
from booklet.incremental import Manifest

STATUS_STYLE = {"ok": "green", "warnings": "yellow", "errors": "bold red"}


@click.command(name="list")
@content_option
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder where built PDFs are looked for.")
def list_careers(content: Path, output: Path) -> None:
    """List the catalog: slug, title, field, review date, check status, pages built.

    Page counts come from the build manifest, for PDFs that are still the
    files the build wrote; a PDF changed or damaged since shows no count.
    """
    profiles = all_profiles(content)
    manifest = Manifest(output, read_only=True) if output.is_dir() else None
    table = Table(show_lines=False, header_style="bold")
    for column in ("slug", "title", "field", "as_of", "check", "pages"):
        table.add_column(column, justify="right" if column == "pages" else "left", no_wrap=True)
    for report in check_paths(profiles, profiles):
        data = report.career
        slug = data.slug if data else report.path.stem
        pages = manifest.pages(f"{slug}.pdf") if manifest else None
        table.add_row(
            escape(slug),
            escape(data.title) if data else "",
            escape(data.field) if data else "",
            str(data.as_of) if data else "",
            f"[{STATUS_STYLE[report.status]}]{report.status}[/]",
            str(pages) if pages is not None else "",
        )
    Console(width=max(132, Console().width)).print(table)
