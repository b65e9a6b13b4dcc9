"""``booklet list``: the catalog at a glance."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from booklet.catalog import all_profiles
from booklet.content.check import check_paths

STATUS_STYLE = {"ok": "green", "warnings": "yellow", "errors": "bold red"}


def _pages(pdf: Path) -> str:
    from pypdf import PdfReader  # only `list` needs it; keep it off other commands' start-up

    try:
        return str(len(PdfReader(pdf).pages))
    except (OSError, ValueError):
        return ""


@click.command(name="list")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/<slug>.yaml.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder where built PDFs are looked for.")
def list_careers(content: Path, output: Path) -> None:
    """List the catalog: slug, title, field, review date, check status, pages built."""
    profiles = all_profiles(content)
    table = Table(show_lines=False, header_style="bold")
    for column in ("slug", "title", "field", "as_of", "check", "pages"):
        table.add_column(column, justify="right" if column == "pages" else "left", no_wrap=True)
    for report in check_paths(profiles, profiles):
        data = report.career
        slug = data.slug if data else report.path.stem
        pdf = output / f"{slug}.pdf"
        table.add_row(
            slug,
            data.title if data else "",
            data.field if data else "",
            str(data.as_of) if data else "",
            f"[{STATUS_STYLE[report.status]}]{report.status}[/]",
            _pages(pdf) if pdf.exists() else "",
        )
    Console(width=max(132, Console().width)).print(table)
