"""``booklet brand new [FILE]``: start a school's brand file from a commented example."""

from __future__ import annotations

import os
from pathlib import Path

import click

from booklet.content.brand import EXAMPLE, EXAMPLE_LOGO
from booklet.errors import BookletError, display_path
from booklet.output import write_atomic


@click.group()
def brand() -> None:
    """A school's brand: its name, logo, counselor and colour on what it hands out (--brand FILE)."""


@brand.command("new")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=Path("brand/brand.yaml"))
def new_brand(path: Path) -> None:
    """Write a commented example brand file at PATH (and a placeholder logo.svg beside it)."""
    logo = path.parent / "logo.svg"
    for target in (path, logo):
        if os.path.lexists(target):
            raise BookletError(f"{display_path(target)} already exists; not overwriting it")
    write_atomic(path, EXAMPLE.encode("utf-8"))
    write_atomic(logo, EXAMPLE_LOGO.encode("utf-8"))
    click.echo(f"{path}: put in your school's details and logo, then run: booklet check {path}")
