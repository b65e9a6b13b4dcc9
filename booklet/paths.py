"""Where the project's own folders are.

Templates, assets and the default content live beside the package (the
layout fixed by the product's design card), so every stage finds them from
here instead of from the current directory.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
ASSETS = PROJECT / "assets"
FONTS = ASSETS / "fonts"
CONTENT = PROJECT / "content"
