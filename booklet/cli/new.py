"""``booklet new "Title"``: scaffold a profile to fill in."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path

import click

from booklet.catalog import careers_dir
from booklet.content.scaffold import scaffold
from booklet.errors import BookletError, display_path
from booklet.limits import MAX_TITLE_LENGTH
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
    if len(title) > MAX_TITLE_LENGTH:
        raise BookletError(f"the title is {len(title)} characters; a title has at most {MAX_TITLE_LENGTH}")
    if any(unicodedata.category(char) == "Cc" for char in title):
        raise BookletError("the title contains a control character; type it as plain text")
    slug, text = scaffold(title, dt.date.today())
    if not slug:
        raise BookletError(f"cannot make a file name from the title {title!r}")
    target = careers_dir(content) / f"{slug}.yaml"
    if os.path.lexists(target):
        raise BookletError(f"{display_path(target)} already exists; not overwriting it")
    write_atomic(target, text.encode("utf-8"))
    click.echo(f"{target}: fill in every TODO, then run: booklet check {slug}")
