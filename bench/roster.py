"""A class list against the booklets it draws on, measured in one run.

Usage: .venv/bin/python bench/roster.py [--students 40] [--careers 8] [--jobs 2]

Picks --careers careers of the shipped catalog and writes a class list of
--students students choosing 1–3 of them each (a fixed seed), then reports,
each in a fresh process with its peak memory:

- `booklet build` of those careers once (the baseline: every body a roster needs);
- `booklet roster` of a quarter of the class, of the whole class and of a
  class twice as large, from nothing (bodies, covers, joins, the class pack):
  time at most 3× the baseline for the whole class, and memory flat: the
  same peak for a quarter of the class as for twice the class (the pack is
  written to disk as it is joined; past MAX_PACK_STUDENTS it comes in parts);
- the same roster again with nothing changed (incremental: nothing built);
- again with one student's note changed (one student rebuilt).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import ROOT, booklet  # the same fresh-process runner as the batch benchmark

from booklet.limits import MAX_PACK_STUDENTS

CAREERS = ("accountant", "electrician", "registered-nurse", "software-developer", "doctor", "architect",
           "chef", "lawyer", "plumber", "psychologist", "journalist", "welder")


def class_list(students: int, careers: list[str], seed: int = 12) -> str:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "class", "careers", "note"])
    for number in range(students):
        chosen = rng.sample(careers, rng.randint(1, 3))
        writer.writerow([f"Student {number + 1:02d}", "10B", ";".join(chosen), "Come and see me after the holidays."])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--careers", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    careers = list(CAREERS[:args.careers])
    jobs = ["-j", str(args.jobs)]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        rows = class_list(args.students, careers)
        (folder / "class.csv").write_text(rows, encoding="utf-8")
        quarter = "\n".join(rows.splitlines()[:1 + args.students // 4]) + "\n"
        (folder / "quarter.csv").write_text(quarter, encoding="utf-8")
        (folder / "double.csv").write_text(class_list(2 * args.students, careers), encoding="utf-8")
        content = ["--content", str(ROOT / "content")]
        base, base_kb, _ = booklet("build", *careers, *content, "--output", str(folder / "books"), "--force", *jobs,
                                   "--quiet", cwd=ROOT)
        small, small_kb, _ = booklet("roster", str(folder / "quarter.csv"), *content, "--output",
                                     str(folder / "small"), *jobs, cwd=ROOT)
        whole, whole_kb, _ = booklet("roster", str(folder / "class.csv"), *content, "--output", str(folder / "out"),
                                     *jobs, cwd=ROOT)
        double, double_kb, _ = booklet("roster", str(folder / "double.csv"), *content, "--output",
                                       str(folder / "double"), *jobs, cwd=ROOT)
        again, again_kb, again_out = booklet("roster", str(folder / "class.csv"), *content, "--output",
                                             str(folder / "out"), *jobs, cwd=ROOT)
        (folder / "class.csv").write_text(rows.replace("Come and see me", "Please see me", 1), encoding="utf-8")
        one, one_kb, one_out = booklet("roster", str(folder / "class.csv"), *content, "--output",
                                       str(folder / "out"), *jobs, cwd=ROOT)
    print(f"| {args.students} students, {args.careers} careers, -j {args.jobs} | seconds | peak MB |")
    print("|---|---:|---:|")
    print(f"| `booklet build` of the {args.careers} careers once | {base:.1f} | {base_kb / 1024:.0f} |")
    print(f"| `booklet roster`, {args.students // 4} students, from nothing | {small:.1f} | {small_kb / 1024:.0f} |")
    print(f"| `booklet roster`, {args.students} students, from nothing | {whole:.1f} | {whole_kb / 1024:.0f} |")
    print(f"| `booklet roster`, {2 * args.students} students, from nothing | {double:.1f} | {double_kb / 1024:.0f} |")
    print(f"| the same again, nothing changed ({again_out.strip().splitlines()[-1]}) | {again:.1f} | "
          f"{again_kb / 1024:.0f} |")
    print(f"| one student's note changed ({one_out.strip().splitlines()[-1]}) | {one:.1f} | {one_kb / 1024:.0f} |")
    print(f"\nWhole class / the careers once: **{whole / base:.2f}×** (target at most 3×); peak memory "
          f"{small_kb / 1024:.0f} MB for {args.students // 4} students, {whole_kb / 1024:.0f} MB for {args.students}, "
          f"{double_kb / 1024:.0f} MB for {2 * args.students} (packs of at most {MAX_PACK_STUDENTS} students).")


if __name__ == "__main__":
    main()
