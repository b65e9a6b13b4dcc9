"""``booklet serve --watch``: pick up edits to templates, CSS and assets while the server runs.

Profiles need no watcher: every page and preview reads the content folder's
signature (sizes and modification times) and re-checks what changed.  What
the server caches for longer is the rendering environment: the digest of the
templates and assets (``incremental.environment_digest``) and, in each warm
worker, the parsed stylesheets.  A thread polls those folders' modification
times once a second; on a change it forgets the digest and starts fresh
workers, so the next preview is rendered with the edited templates and gets a
new cache key.  Polling is plain and robust: no inotify, nothing to install,
the same on every file system.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from booklet import paths
from booklet.incremental import WEB, environment_digest

log = logging.getLogger("booklet.web")


def stamp(roots: tuple[Path, ...]) -> tuple:
    """(path, mtime, size) of every rendering file under ``roots``, the web page's own files left out."""
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if WEB in relative.parts[:1] or "__pycache__" in relative.parts:
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file():
                found.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(found)


class Watcher:
    """Polls ``roots`` every ``interval`` seconds; calls ``on_change`` after an edit."""

    def __init__(self, on_change: Callable[[], None], roots: tuple[Path, ...] = (paths.TEMPLATES, paths.ASSETS),
                 interval: float = 1.0):
        self.roots = roots
        self.on_change = on_change
        self.interval = interval
        self.generation = 0  # how many edits have been picked up
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last = stamp(roots)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="booklet-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def check(self) -> bool:
        """Look once; True (after reloading) if something changed."""
        now = stamp(self.roots)
        if now == self._last:
            return False
        self._last = now
        self.generation += 1
        environment_digest.cache_clear()
        try:
            self.on_change()
        except Exception:  # a failed reload must not end the watcher
            log.exception("reloading after an edit failed")
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
