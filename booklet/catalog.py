"""Finding inputs: what a build target or a ``check`` path refers to.

A target is a slug, looked up in ``<content>/careers/`` and then in
``<content>/collections/``, or a path to a YAML file.  A slug is only ever a
slug (lower-case letters, digits, hyphens), so ``../../outside/chef`` cannot
reach outside the content folder; a build also refuses a path outside it.
No target means every profile (and, for builds, every collection).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from booklet.errors import TargetNotFound, display_path
from booklet.limits import MAX_SLUG_LENGTH

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def careers_dir(content: Path) -> Path:
    return content / "careers"


def collections_dir(content: Path) -> Path:
    return content / "collections"


def all_profiles(content: Path) -> list[Path]:
    """Every ``*.yaml`` in the careers folder; what is not a readable file is reported when read."""
    return sorted(careers_dir(content).glob("*.yaml"))


def all_collections(content: Path) -> list[Path]:
    return sorted(collections_dir(content).glob("*.yaml"))


def is_collection(path: Path) -> bool:
    return path.parent.name == "collections"


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG_LENGTH and SLUG.match(text) is not None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def resolve(target: str, content: Path, inside_content: bool = False) -> Path:
    """The file ``target`` names; ``inside_content`` refuses paths outside the content folder (builds)."""
    if "/" in target or os.sep in target or target.endswith((".yaml", ".yml")):
        path = Path(target)
        if inside_content and not path.resolve().is_relative_to(content.resolve()):
            raise TargetNotFound(f"{display_path(target)}: is outside the content folder {display_path(content)}")
        if path.is_dir():
            raise TargetNotFound(f"{display_path(target)}: is a folder; name profile files or slugs")
        if not os.path.lexists(path):
            raise TargetNotFound(f"{display_path(target)}: no such profile file")
        return path
    if not is_slug(target):
        raise TargetNotFound(f"{display_path(target)}: is not a slug (lower-case letters, digits and hyphens, "
                             f"at most {MAX_SLUG_LENGTH}) or a path to a .yaml file")
    for folder in (careers_dir(content), collections_dir(content)):
        candidate = folder / f"{target}.yaml"
        if os.path.lexists(candidate):
            return candidate
    known = [path.stem for path in [*all_profiles(content), *all_collections(content)]]
    raise TargetNotFound(f"{target}: no career or collection of that name in {display_path(content)}"
                         + did_you_mean(target, known))
