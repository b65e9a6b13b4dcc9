"""Exit statuses, the same for every command, so scripts and the README can rely on them.

0: everything asked for was done (``check``: no errors, perhaps warnings).
1: something failed while building (an output could not be written), or ``check`` found warnings only.
2: an input had errors (a profile, a class list, a brand file, a wrong command line): fix the input.
"""

from __future__ import annotations

import click

EXIT_FAILED, EXIT_ERRORS = 1, 2
EXIT_WARNINGS = 1  # `booklet check`: warnings and no errors


def finish(input_errors: bool, failed: bool) -> None:
    """Leave with the status of a run that did what it could: input errors outrank build failures."""
    if input_errors:
        raise click.exceptions.Exit(EXIT_ERRORS)
    if failed:
        raise click.exceptions.Exit(EXIT_FAILED)
