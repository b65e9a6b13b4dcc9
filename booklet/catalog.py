"""Finding inputs: what a build target or a ``check`` path refers to.

A target is a path to a YAML file, or a slug looked up first in
``<content>/careers/`` and then in ``<content>/collections/``.  No target
means every profile (and, for builds, every collection).
"""

from __future__ import annotations

from pathlib import Path

from booklet.errors import TargetNotFound


def careers_dir(content: Path) -> Path:
    return content / "careers"


def collections_dir(content: Path) -> Path:
    return content / "collections"


def all_profiles(content: Path) -> list[Path]:
    return sorted(careers_dir(content).glob("*.yaml"))


def all_collections(content: Path) -> list[Path]:
    return sorted(collections_dir(content).glob("*.yaml"))


def _is_collection(path: Path) -> bool:
    return path.parent.name == "collections"


def resolve(target: str, content: Path) -> Path:
    as_path = Path(target)
    if as_path.is_dir():
        raise TargetNotFound(f"{target}: is a folder; name profile files or slugs")
    if as_path.suffix in {".yaml", ".yml"} or as_path.is_file():
        if not as_path.is_file():
            raise TargetNotFound(f"{target}: no such profile file")
        return as_path
    for folder in (careers_dir(content), collections_dir(content)):
        candidate = folder / f"{target}.yaml"
        if candidate.is_file():
            return candidate
    known = ", ".join(path.stem for path in [*all_profiles(content), *all_collections(content)]) or "none"
    raise TargetNotFound(f"{target}: no profile or collection named so in {content} (known: {known})")


def resolve_all(targets: tuple[str, ...], content: Path) -> list[Path]:
    """Career profiles only (what ``check`` reads)."""
    return [resolve(target, content) for target in targets] if targets else all_profiles(content)


def resolve_targets(targets: tuple[str, ...], content: Path) -> tuple[list[Path], list[Path]]:
    """Build targets split into (career profiles, collections)."""
    if not targets:
        return all_profiles(content), all_collections(content)
    paths = [resolve(target, content) for target in targets]
    return [p for p in paths if not _is_collection(p)], [p for p in paths if _is_collection(p)]
