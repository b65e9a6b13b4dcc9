"""The output folder: atomic writes, one build at a time, and nothing lost on a fault.

Every file is written to a temporary file in the destination folder and then
renamed over the target: a reader sees the old complete file or the new
complete file, never a truncated one, and a failed build keeps the previous
good PDF.

A build holds ``.booklet.lock`` (an OS file lock, released by the kernel
even when the process is killed) for as long as it writes into a folder, so
a second build into the same folder waits for the first instead of deleting
its temporary files or interleaving manifest updates.  Temporary files carry
their writer's process id, and only those of processes that no longer exist
are cleaned up; a user's own ``.*.tmp`` files are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from booklet.errors import BookletError, display_path

LOCK_NAME = ".booklet.lock"
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.booklet-tmp$")


class OutputError(BookletError):
    """The output folder cannot be used or written (read-only, full, not a folder)."""


def describe(exc: OSError, path: Path) -> str:
    """One line a user can act on, for a fault of the output folder."""
    reasons = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
               errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied", errno.ENOTDIR: "part of the path is a file, not a folder",
               errno.EEXIST: "a file is in the way", errno.EISDIR: "a folder is in the way"}
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    return f"{display_path(path)}: cannot write: {reason}"


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.booklet-tmp")


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file named for this process (see ``open_atomic``)."""
    with open_atomic(target) as handle:
        handle.write(data)


@contextmanager
def open_atomic(target: Path) -> Iterator[BinaryIO]:
    """A file to write ``target`` through: it replaces ``target`` only once the block has finished.

    The temporary file's name is known before the file exists, so an
    interrupt at any point, even the instant after the file is created, is
    cleaned up (a ``tempfile.mkstemp`` name is only known once the call has
    returned).  A fault (disk full, read-only folder) raises ``OutputError``;
    any fault, or an error inside the block, leaves the previous ``target`` as
    it was.  Writing through a handle lets a large file (a class pack) go to
    disk as it is made instead of being held whole in memory.
    """
    temp = temporary_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise OutputError(describe(exc, target)) from None
    except BaseException:
        _remove(temp)
        raise


def _remove(path: Path) -> None:
    # If the folder became unwritable, the name still says whose file it was; a later build removes it.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files of builds that were killed (ours only, and only of dead processes)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name)
        if match and not _alive(int(match.group(1))):
            _remove(folder / name)


def prepare(folder: Path) -> None:
    """Make sure ``folder`` is a folder we can write into, or say in one line why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe(exc, folder)) from None
    if not folder.is_dir():
        raise OutputError(f"{display_path(folder)}: cannot write: a file is in the way")


@contextmanager
def locked(folder: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the output folder's lock; ``on_wait`` is called once if another build holds it."""
    from filelock import FileLock, Timeout  # a few ms of import, only for builds

    prepare(folder)
    lock = FileLock(folder / LOCK_NAME)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait()
            lock.acquire()
    except OSError as exc:
        raise OutputError(describe(exc, folder / LOCK_NAME)) from None
    try:
        yield
    finally:
        lock.release()
