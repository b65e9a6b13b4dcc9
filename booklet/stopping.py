"""Whether the user has asked this run to stop (Ctrl-C, or TERM).

Python turns Ctrl-C into a KeyboardInterrupt wherever the main thread happens
to be, and one raised inside a finaliser or a library's cleanup can be lost.
The workers of a build die of the same Ctrl-C at once, so a build that lost
its interrupt would take their pool for crashed and rebuild every job in it,
one at a time, for minutes (the suite saw it once).  The command line's signal
handler sets this flag before it raises; ``batch.run_all`` reads it before it
retries anything.
"""

from __future__ import annotations

import threading

_requested = threading.Event()


def request() -> None:
    _requested.set()


def requested() -> bool:
    return _requested.is_set()
