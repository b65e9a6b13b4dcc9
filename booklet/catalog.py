"""Finding profiles: what a build target or a ``check`` path refers to.

A target is either a path to a YAML file or a career slug looked up in
``<content>/careers/``; no target means every profile there.
"""

from __future__ import annotations

from pathlib import Path

from booklet.errors import TargetNotFound


def careers_dir(content: Path) -> Path:
    return content / "careers"


def all_profiles(content: Path) -> list[Path]:
    return sorted(careers_dir(content).glob("*.yaml"))


def resolve(target: str, content: Path) -> Path:
    as_path = Path(target)
    if as_path.is_dir():
        raise TargetNotFound(f"{target}: is a folder; name profile files or career slugs")
    if as_path.suffix in {".yaml", ".yml"} or as_path.is_file():
        if not as_path.is_file():
            raise TargetNotFound(f"{target}: no such profile file")
        return as_path
    candidate = careers_dir(content) / f"{target}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(path.stem for path in all_profiles(content)) or "none"
    raise TargetNotFound(f"{target}: no profile {candidate} (known careers: {known})")


def resolve_all(targets: tuple[str, ...], content: Path) -> list[Path]:
    return [resolve(target, content) for target in targets] if targets else all_profiles(content)
