"""File sizes of every catalog career as a booklet and as a handout (A4).

Usage: .venv/bin/python bench/sizes.py

Targets: a booklet at most 250 KB, a handout at most 120 KB (fonts subset,
charts and QR code as vectors).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from booklet.catalog import all_profiles
from booklet.content.loader import load
from booklet.options import Options
from booklet.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"

LIMITS_KB = {"booklet": 250, "handout": 120}


def main() -> None:
    pipeline = Pipeline()
    careers = [load(path) for path in all_profiles(CONTENT)]
    print(f"| format ({len(careers)} careers, A4) | median KB | largest KB | largest career | limit KB |")
    print("|---|---:|---:|---|---:|")
    for output_format, limit in LIMITS_KB.items():
        sizes = {c.slug: len(pipeline.pdf(c, Options(format=output_format)).pdf) / 1024 for c in careers}
        largest = max(sizes, key=sizes.get)
        print(f"| {output_format} | {statistics.median(sizes.values()):.0f} | {sizes[largest]:.0f} | {largest} "
              f"| {limit} |")


if __name__ == "__main__":
    main()
