"""``booklet schema``: write the profile model's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click

from booklet.content.schema import schema_text
from booklet.output import write_atomic


@click.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("schema") / "career.schema.json", show_default=True, help="Where to write the schema.")
def schema(output: Path) -> None:
    """Write the JSON Schema of the career profile (from the model, with descriptions)."""
    write_atomic(output, schema_text().encode("utf-8"))
    click.echo(str(output))
