"""The ``booklet`` command: a thin shell over the pipeline.

Each subcommand lives in its own module.  User mistakes (``BookletError``)
end with a plain message and exit status 2, never a traceback.
"""

from __future__ import annotations

import signal
import sys

import click

from booklet import gc_policy, stopping
from booklet.cli.brand import brand
from booklet.cli.build import build
from booklet.cli.check import check
from booklet.cli.compare import compare
from booklet.cli.interests import interests, match
from booklet.cli.listing import list_careers
from booklet.cli.new import new
from booklet.cli.refresh import refresh
from booklet.cli.roster import roster
from booklet.cli.schema import schema
from booklet.cli.serve import serve
from booklet.cli.status import EXIT_ERRORS
from booklet.errors import BookletError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="booklet")
def cli() -> None:
    """Turn career profiles (YAML) into print-ready PDF booklets.

    Profiles live in content/careers/<slug>.yaml; booklets are written to
    output/<slug>.pdf.
    """


cli.add_command(build)
cli.add_command(brand)
cli.add_command(check)
cli.add_command(compare)
cli.add_command(new)
cli.add_command(roster)
cli.add_command(schema)
cli.add_command(list_careers)
cli.add_command(serve)
cli.add_command(refresh)
cli.add_command(interests)
cli.add_command(match)


def _stop(signum, frame) -> None:
    """Ctrl-C or TERM: stop the run (and say so first, in case the interrupt is lost on its way up)."""
    stopping.request()
    raise KeyboardInterrupt


def run(args: list[str] | None = None) -> int:
    """Run the command line with ``args``; the exit status, never a traceback for a user's mistake."""
    try:
        # Without standalone mode, click returns a command's exit status instead of exiting.
        status = cli.main(args=args, prog_name="booklet", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERRORS if exc.exit_code == 2 else exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BookletError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERRORS
    return status if isinstance(status, int) else 0


def main() -> None:
    """The ``booklet`` executable: this process renders, so it takes the rendering GC policy and TERM as Ctrl-C."""
    gc_policy.for_rendering()
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(run())
