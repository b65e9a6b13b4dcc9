"""Skip what is already built: a manifest of input hashes beside the PDFs.

An output's digest covers everything that can change its bytes: the profile
(and, for a collection, every member profile), the templates and CSS (a
user's template folder too), the assets and fonts, the package's own code and
version, and the options.  Editing the CSS therefore rebuilds everything;
editing one profile rebuilds that career and the collections that contain it.
The web page's own folders (``web/`` in the package, templates and assets)
never reach a PDF and are left out: restyling the page rebuilds nothing.

The manifest also records each output's size, SHA-256 and page count: an
output that was truncated, emptied or replaced since it was written no longer
matches and is rebuilt, and ``booklet list`` reads page counts without
opening a PDF that may be damaged.  A manifest that is not what we wrote (a
folder, broken JSON, wrong types) is set aside and rebuilt, never trusted and
never a reason to fail.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from booklet import paths
from booklet.errors import display_path
from booklet.options import Options
from booklet.output import OutputError, describe, write_atomic

MANIFEST_NAME = ".booklet-manifest.json"
VERSION = 2
WEB = "web"  # booklet/web, templates/web, assets/web: the web page, which never reaches a PDF


@cache
def environment_digest(template_dirs: tuple[Path, ...] = (paths.TEMPLATES,)) -> str:
    """Hash of templates, assets, fonts and the package's code: shared by every output."""
    digest = hashlib.sha256(version("booklet").encode())
    for root in (*template_dirs, paths.ASSETS, paths.PACKAGE):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and _renders(p.relative_to(root))):
            digest.update(f"{root.name}/{path.relative_to(root)}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _plain(value: object) -> object:
    """A brand (the one option that is a model) as data, its checked logo included."""
    return {**value.model_dump(mode="json"), "logo": value.logo_uri}


def _renders(relative: Path) -> bool:
    """Whether a file can change a PDF: not bytecode, and not the web page's own code, templates or assets."""
    # Installed, templates/ and assets/ are inside the package: booklet/templates/web is two levels down.
    return "__pycache__" not in relative.parts and WEB not in relative.parts[:2]


def job_digest(inputs: Iterable[bytes], options: Options) -> str:
    """The digest of one output: the environment, the options and the bytes of every input, in order."""
    digest = hashlib.sha256(environment_digest(options.template_dirs).encode())
    digest.update(json.dumps(asdict(options), sort_keys=True, default=_plain).encode())
    for data in inputs:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    digest: str
    bytes: int
    sha256: str
    pages: int


def _file_matches(path: Path, entry: Entry) -> bool:
    try:
        if path.stat().st_size != entry.bytes:
            return False
        return _sha256(path) == entry.sha256
    except OSError:
        return False


def _sha256(path: Path) -> str:
    """The file's hash, read in chunks (a class pack may be tens of megabytes)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Manifest:
    """``output/.booklet-manifest.json``: output file name → digest of its inputs, size, hash, pages."""

    def __init__(self, output: Path, note: Callable[[str], None] = lambda message: None, read_only: bool = False):
        self.path = output / MANIFEST_NAME
        self.note = note
        self.read_only = read_only  # `booklet list` reads without the build lock, so it never sets anything aside
        self.entries: dict[str, Entry] = self._read()

    def _read(self) -> dict[str, Entry]:
        if not os.path.lexists(self.path):
            return {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return self._set_aside()
        if isinstance(raw, dict) and raw.get("version") == 1 and isinstance(raw.get("outputs"), dict):
            return {}  # the previous format: everything is rebuilt once
        outputs = raw.get("outputs") if isinstance(raw, dict) and raw.get("version") == VERSION else None
        if not isinstance(outputs, dict) or not all(_valid(name, fields) for name, fields in outputs.items()):
            return self._set_aside()
        return {name: Entry(**fields) for name, fields in outputs.items()}

    def _set_aside(self) -> dict[str, Entry]:
        if self.read_only:
            return {}
        damaged = self.path.with_name(MANIFEST_NAME + ".damaged")
        try:
            if damaged.is_dir() and not damaged.is_symlink():
                import shutil

                shutil.rmtree(damaged)
            os.replace(self.path, damaged)
        except OSError as exc:
            raise OutputError(f"{describe(exc, self.path)} (the build manifest is damaged and cannot be "
                              "set aside)") from None
        self.note(f"{display_path(self.path)}: damaged; set aside as {damaged.name}, every output is rebuilt")
        return {}

    def is_current(self, name: str, digest: str) -> bool:
        """Built from these very inputs, and the file is still the one that was written."""
        entry = self.entries.get(name)
        return entry is not None and entry.digest == digest and _file_matches(self.path.parent / name, entry)

    def pages(self, name: str) -> int | None:
        """Pages of ``name`` if the file is the one the manifest recorded."""
        entry = self.entries.get(name)
        return entry.pages if entry and _file_matches(self.path.parent / name, entry) else None

    def record(self, name: str, digest: str, pages: int) -> None:
        """Note ``name`` as just written from inputs with ``digest``: its size and hash are read from the file."""
        path = self.path.parent / name
        self.entries[name] = Entry(digest, path.stat().st_size, _sha256(path), pages)
        data = {"version": VERSION,
                "outputs": {key: asdict(entry) for key, entry in sorted(self.entries.items())}}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())


def _valid(name: object, fields: object) -> bool:
    """An entry exactly as ``record`` writes it."""
    if not isinstance(name, str) or not isinstance(fields, dict) or set(fields) != set(Entry.__dataclass_fields__):
        return False
    texts = all(isinstance(fields[key], str) for key in ("digest", "sha256"))
    return texts and all(type(fields[key]) is int for key in ("bytes", "pages"))
