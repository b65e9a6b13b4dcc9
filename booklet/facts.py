"""The public datasets the booklets quote, as shipped in ``assets/data/``: found, read once, described.

``booklet refresh data`` (``booklet.derive``) writes a compact copy of what
the project uses from each dataset into ``assets/data/<dataset>/``: small CSV
tables and a ``release.json`` that says which release they are and the
attribution text its licence asks for.  This module is the one reader of
those files: each table is read on first use and kept for the life of the
process, so a booklet that never asks for a figure never pays for it, and one
that asks a hundred times pays once.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from booklet import paths
from booklet.errors import BookletError

DATA = paths.ASSETS / "data"


class DataError(BookletError):
    """A dataset file the project needs is missing or unreadable: regenerate it with ``booklet refresh data``."""


@dataclass(frozen=True)
class Release:
    """Which release of a dataset the project holds, and how it must be credited."""

    dataset: str  # e.g. "BLS OEWS"
    release: str  # e.g. "May 2025", "O*NET 29"
    year: int | None  # the year the figures describe, where the release is named by one
    licence: str
    attribution: str  # the licence's required text, verbatim from the dataset's README


def folder(dataset: str) -> Path:
    return DATA / dataset


def _path(dataset: str, name: str) -> Path:
    path = folder(dataset) / name
    if not path.is_file():
        raise DataError(f"{path}: missing; regenerate the project's data with `booklet refresh data --from DIR`")
    return path


@cache
def release(dataset: str) -> Release:
    """The release of ``dataset`` ("oews" or "onet") that the project ships."""
    with _path(dataset, "release.json").open(encoding="utf-8") as handle:
        meta = json.load(handle)
    return Release(meta["dataset"], meta["release"], meta["year"], meta["licence"], meta["attribution"])


@cache
def table(dataset: str, name: str) -> tuple[dict[str, str], ...]:
    """Every row of ``assets/data/<dataset>/<name>`` as a dict of strings, read once per process."""
    with _path(dataset, name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))
