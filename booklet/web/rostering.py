"""A class list built on the page: ``booklet roster`` in one warm worker, its folder returned as a zip.

This module runs in a worker process (it imports no part of the web stack).
The worker builds the planned students with ``booklet.roster.build_roster``
into a private temporary folder, as the command line builds them into
``output/roster/``, and answers with a zip of every student's PDF, each
class's pack and ``index.csv``.  Career bodies are kept between requests in
one folder beside the web cache (by the digest of their inputs, as the
command line keeps them), so a second class choosing the same careers
renders only its personal pages.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from booklet.batch import Job, Outcome
from booklet.errors import BookletError
from booklet.roster import BODIES, ROSTER_FOLDER, Planned, build_roster


@dataclass(frozen=True)
class RosterWork:
    """What a worker needs: the planned students, the cover date and the folder of career bodies kept so far."""

    planned: tuple[Planned, ...]
    date: dt.date
    bodies: str  # a folder path chosen by the server, never by the user

    def __call__(self, job: Job) -> Outcome:
        started = time.perf_counter()
        try:
            data = build_zip(self.planned, self.date, Path(self.bodies))
        except BookletError as exc:
            return Outcome(job, error=str(exc), seconds=time.perf_counter() - started)
        return Outcome(job, pdf=data, seconds=time.perf_counter() - started)


def build_zip(planned: tuple[Planned, ...], date: dt.date, bodies: Path) -> bytes:
    bodies.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="booklet-roster-") as folder:
        output = Path(folder)
        (output / ROSTER_FOLDER).mkdir()
        os.symlink(bodies.resolve(), output / ROSTER_FOLDER / BODIES, target_is_directory=True)
        notes: list[str] = []
        summary = build_roster(list(planned), output, date, workers=1, echo=notes.append)
        if summary.failed:
            failed = [note for note in notes if "failed" in note]
            raise BookletError("; ".join(failed) or "a student's booklet could not be built")
        root = output / ROSTER_FOLDER
        archive = output / "roster.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(root)
                if relative.parts[0] == BODIES or relative.name.startswith(".") or not path.is_file():
                    continue
                zipped.write(path, str(relative))
        return archive.read_bytes()
