"""Finished files on disk, keyed by the digest of their inputs, bounded in size.

A key is the digest ``booklet.incremental.job_digest`` gives a build (or a
digest derived from several), so the same request with the same inputs is
served from here without rendering, and an edit to a profile, template or
option gives a new key: nothing is ever stale, only unused.  Files are written
atomically (``booklet.output.write_atomic``), so a reader sees a whole file or
none; the least recently used files are removed once the folder grows past
its limit.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path

from booklet.output import remove_stale_temporaries, write_atomic

KEY = re.compile(r"^[0-9a-f]{64}$")
NAME = re.compile(r"^[0-9a-f]{64}(\.p\d{1,4})?\.(pdf|png|zip)$")


def valid_key(key: str) -> bool:
    return KEY.match(key) is not None


class ResultCache:
    """``<key>.pdf``, ``<key>.p<n>.png`` … under ``folder``, at most ``max_bytes`` in all."""

    def __init__(self, folder: Path, max_bytes: int = 512 * 1024 * 1024):
        self.folder = folder
        self.max_bytes = max_bytes
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        self._lock = threading.Lock()
        self._sizes: dict[str, int] = {}
        for path in folder.iterdir():
            if NAME.match(path.name) and path.is_file():
                self._sizes[path.name] = path.stat().st_size

    @staticmethod
    def name(key: str, suffix: str) -> str:
        """The file name of ``key`` with ``suffix`` ("pdf", "p3.png"); refuses anything but a digest."""
        name = f"{key}.{suffix}"
        if not valid_key(key) or not NAME.match(name):
            raise ValueError(f"not a cache name: {name!r}")
        return name

    def path(self, key: str, suffix: str = "pdf") -> Path | None:
        """The file, if it is cached (and marks it recently used)."""
        name = self.name(key, suffix)
        if name not in self._sizes:
            return None
        path = self.folder / name
        try:
            now = time.time()
            os.utime(path, (now, now))
        except OSError:  # removed behind our back: forget it
            with self._lock:
                self._sizes.pop(name, None)
            return None
        return path

    def has(self, key: str, suffix: str = "pdf") -> bool:
        return self.name(key, suffix) in self._sizes

    def get(self, key: str, suffix: str = "pdf") -> bytes | None:
        path = self.path(key, suffix)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes, suffix: str = "pdf") -> Path:
        name = self.name(key, suffix)
        target = self.folder / name
        write_atomic(target, data)
        with self._lock:
            self._sizes[name] = len(data)
            self._evict(keep=name)
        return target

    def side_folder(self, name: str, share: float = 0.25) -> Path:
        """A folder beside the cached files (career bodies of class lists), trimmed to ``share`` of the limit.

        Its least recently written files go first; a worker that wants one again renders it again.
        """
        folder = self.folder / name
        folder.mkdir(exist_ok=True)
        files = []
        for path in folder.iterdir():
            with contextlib.suppress(OSError):
                info = path.stat()
                files.append((info.st_mtime, info.st_size, path))
        total = sum(size for _when, size, _path in files)
        for _when, size, path in sorted(files):
            if total <= self.max_bytes * share:
                break
            with contextlib.suppress(OSError):
                path.unlink()
            total -= size
        return folder

    @property
    def size(self) -> int:
        return sum(self._sizes.values())

    def _evict(self, keep: str) -> None:
        """Remove the least recently used files until the folder is under 90 % of its limit."""
        total = sum(self._sizes.values())
        if total <= self.max_bytes:
            return
        by_age = []
        for name in self._sizes:
            with contextlib.suppress(OSError):
                by_age.append(((self.folder / name).stat().st_mtime, name))
        for _when, name in sorted(by_age):
            if total <= self.max_bytes * 0.9:
                break
            if name == keep:
                continue
            with contextlib.suppress(OSError):
                (self.folder / name).unlink()
            total -= self._sizes.pop(name, 0)
