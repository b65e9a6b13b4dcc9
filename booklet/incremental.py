"""Skip what is already built: a manifest of input hashes beside the PDFs.

An output's digest covers everything that can change its bytes: the profile
(and, for a collection, every member profile), the templates and CSS, the
assets and fonts, the package's own code and version, and the options.
Editing the CSS therefore rebuilds everything; editing one profile rebuilds
that career and the collections that contain it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import cache
from importlib.metadata import version
from pathlib import Path

from booklet import paths
from booklet.output import write_atomic
from booklet.options import Options

MANIFEST_NAME = ".booklet-manifest.json"


@cache
def environment_digest() -> str:
    """Hash of templates, assets, fonts and the package's code: shared by every output."""
    digest = hashlib.sha256(version("booklet").encode())
    package = Path(__file__).resolve().parent
    for root in (paths.TEMPLATES, paths.ASSETS, package):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{root.name}/{path.relative_to(root)}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def job_digest(sources: list[Path], options: Options) -> str:
    digest = hashlib.sha256(environment_digest().encode())
    digest.update(json.dumps(asdict(options), sort_keys=True).encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


class Manifest:
    """``output/.booklet-manifest.json``: output file name → digest of its inputs."""

    def __init__(self, output: Path):
        self.path = output / MANIFEST_NAME
        try:
            self.entries: dict[str, str] = json.loads(self.path.read_text())["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def is_current(self, name: str, digest: str) -> bool:
        return self.entries.get(name) == digest and (self.path.parent / name).is_file()

    def record(self, name: str, digest: str) -> None:
        self.entries[name] = digest
        data = {"version": 1, "outputs": dict(sorted(self.entries.items()))}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())
