"""``booklet new "Title"``: scaffold a profile to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from booklet.catalog import careers_dir
from booklet.content.scaffold import scaffold
from booklet.errors import BookletError
from booklet.output import write_atomic


@click.command()
@click.argument("title")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Folder holding careers/<slug>.yaml.")
def new(title: str, content: Path) -> None:
    """Write CONTENT/careers/<slug>.yaml for TITLE with every field to fill in.

    Refuses to overwrite an existing profile. `booklet check <slug>` lists
    what is still a placeholder.
    """
    slug, text = scaffold(title, dt.date.today())
    if not slug:
        raise BookletError(f"cannot make a file name from the title {title!r}")
    target = careers_dir(content) / f"{slug}.yaml"
    if target.exists():
        raise BookletError(f"{target} already exists; not overwriting it")
    write_atomic(target, text.encode("utf-8"))
    click.echo(f"{target}: fill in every TODO, then run: booklet check {slug}")
