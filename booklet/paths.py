"""Where the package's own files are: templates, assets (fonts) and the JSON Schema.

Installed from a wheel they are package data (``booklet/templates``,
``booklet/assets``, ``booklet/schema``); in the source tree (an editable
install, the tests) they are the repository's top-level folders, the layout
the product's design card fixes.  Nothing here depends on the current
directory: a user's content, output and own template folders are options
(default ``./content`` and ``./output``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("booklet")))


def _data(name: str) -> Path:
    shipped = PACKAGE / name
    return shipped if shipped.is_dir() else PACKAGE.parent / name


TEMPLATES = _data("templates")
ASSETS = _data("assets")
FONTS = ASSETS / "fonts"
SCHEMA = _data("schema")
