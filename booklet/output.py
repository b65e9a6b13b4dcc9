"""Writing results without ever leaving a half-written file.

Every file is written to a temporary file in the destination folder and then
renamed over the target: a reader sees the old complete file or the new
complete file, never a truncated one, and a failed build keeps the previous
good PDF.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file named for this process.

    The name is known before the file exists, so an interrupt at any point,
    even the instant after the file is created, is cleaned up (a
    ``tempfile.mkstemp`` name is only known once the call has returned).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temp files a killed build left (``write_atomic`` cleans up after anything less)."""
    for temp in folder.glob(".*.tmp"):
        temp.unlink(missing_ok=True)
