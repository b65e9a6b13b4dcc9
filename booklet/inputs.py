"""Reading an input file without trusting it.

A path named ``chef.yaml`` may be a FIFO (``open`` would wait for a writer
forever), a device such as ``/dev/zero`` (endless), a folder, a dangling
symlink or simply huge.  Every input is therefore opened without blocking,
checked to be a regular file, and read only up to the size limit; each
refusal is a located finding, so one bad file is reported and skipped like
any other mistake instead of hanging or crashing the build.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from booklet.errors import Finding, ProfileError, display_path
from booklet.limits import MAX_FILE_BYTES

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True)
class Input:
    """The bytes of one input file, read once: what is hashed is exactly what is parsed."""

    path: Path
    data: bytes

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def text(self) -> str:
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = self.data[:exc.start].count(b"\n") + 1
            column = exc.start - (self.data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ProfileError([Finding(display_path(self.path), line, column,
                                        "is not valid UTF-8 text (save the file as UTF-8)",
                                        rule="unreadable")]) from None


def refuse(path: Path, message: str, rule: str = "unreadable") -> ProfileError:
    return ProfileError([Finding(display_path(path), 1, 1, message, rule=rule)])


def read_input(path: Path, limit: int = MAX_FILE_BYTES) -> Input:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else a located error."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        what = "a symlink to a file that does not exist" if os.path.islink(path) else "no such file"
        raise refuse(path, f"cannot read: {what}") from None
    except OSError as exc:
        raise refuse(path, f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        for test, kind in _KINDS:
            if test(info.st_mode):
                raise refuse(path, f"is {kind}, not a file; only regular files are read")
        if info.st_size > limit:
            raise refuse(path, f"is {info.st_size:,} bytes; input files are limited to {limit:,} bytes",
                         rule="too-large")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise refuse(path, f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise refuse(path, f"is over {limit:,} bytes; input files are limited to {limit:,} bytes", rule="too-large")
    return Input(path, data)


class Inputs:
    """Each input file read once per build or check, so what is hashed is exactly what is parsed."""

    def __init__(self) -> None:
        self._read: dict[Path, Input | ProfileError] = {}

    def get(self, path: Path) -> Input:
        """The file's bytes, or the located error reading it gave (raised again on every call)."""
        key = path.resolve()
        if key not in self._read:
            try:
                self._read[key] = read_input(path)
            except ProfileError as exc:
                self._read[key] = exc
        found = self._read[key]
        if isinstance(found, ProfileError):
            raise found
        return found
