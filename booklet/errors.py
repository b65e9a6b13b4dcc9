"""One exception tree for the whole package.

``BookletError`` and its subclasses are *user* errors: bad input, a refused
URL, an unwritable output folder.  The CLI prints them without a traceback.
Anything else that escapes is a bug in this package and keeps its traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | Path) -> str:
    """A path as text that can always be printed and put in JSON, even when its bytes are not UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Finding:
    """One located problem in an input file, printed as ``path:line:col: message``."""

    path: str
    line: int
    column: int
    message: str
    field: str = ""
    severity: str = "error"
    rule: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        if self.rule:
            return f"{where}: {self.severity} {self.rule}: {what}"
        return f"{where}: {what}"


class BookletError(Exception):
    """A problem the user can fix; printed without a traceback."""


class ProfileError(BookletError):
    """A profile that cannot be loaded: every finding, not just the first."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(finding) for finding in findings))


class FetchRefused(BookletError):
    """The renderer asked for a URL outside the project's own folders."""


class TargetNotFound(BookletError):
    """A build target names no profile."""
