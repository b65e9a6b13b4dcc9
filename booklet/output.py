"""Writing results without ever leaving a half-written file.

Every file is written to a temporary file in the destination folder and then
renamed over the target: a reader sees the old complete file or the new
complete file, never a truncated one, and a failed build keeps the previous
good PDF.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temp files a killed build left (``write_atomic`` cleans up after anything less)."""
    for temp in folder.glob(".*.tmp"):
        temp.unlink(missing_ok=True)
