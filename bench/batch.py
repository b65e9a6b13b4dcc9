"""Batch throughput, incremental no-op and collection memory, measured in one run.

Usage: .venv/bin/python bench/batch.py [--careers 200] [--naive 20] [--collection 100]

Generates N synthetic but valid careers of varied length (from the shipped
profiles: renamed, with sections trimmed or repeated) in a temporary content
folder, then reports, each in a fresh process:

- sequential (`booklet build -j 1`), parallel (`-j 2`);
- a naive loop starting one `booklet build <slug>` process per career (on the
  first --naive careers, since it is slow; rates are per career);
- a no-op incremental rebuild of all N;
- one collection of --collection careers, with its peak memory.

Peak memory is the largest resident set of the process or any child it
waited for (`getrusage`), which for a pool is the biggest single worker.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = """
import atexit, resource, runpy, sys
def peak():
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.stderr.write(f"PEAK_KB {kb}\\n")
atexit.register(peak)
sys.argv = ["booklet", *sys.argv[1:]]
runpy.run_module("booklet", run_name="__main__")
"""


def synthesize(count: int, folder: Path, seed: int = 7) -> list[str]:
    """Write ``count`` valid profiles of varied length; returns their slugs."""
    rng = random.Random(seed)
    bases = sorted((ROOT / "content" / "careers").glob("*.yaml"))
    careers = folder / "careers"
    careers.mkdir(parents=True)
    slugs = []
    for index in range(count):
        base = bases[index % len(bases)]
        data = yaml.safe_load(base.read_text())
        old_title = data["title"]
        title = f"Synthetic Career {index:03d}"
        slug = f"synthetic-career-{index:03d}"
        data.update(slug=slug, title=title, related=[])
        # Vary length: fewer or more skills, terms and FAQ answers.
        for key in ("skills",):
            data[key] = (data[key] * 2)[: rng.randint(3, len(data[key]) * 2)]
        data["toolkit"]["terms"] = (data["toolkit"]["terms"] * 2)[: rng.randint(3, 10)]
        for group in ("facts", "confusions", "applications"):
            data["faq"][group] = (data["faq"][group] * 2)[: rng.randint(1, 4)]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        text = re.sub(rf"\b{re.escape(old_title)}", title, text)
        (careers / f"{slug}.yaml").write_text(text)
        slugs.append(slug)
    return slugs


def booklet(*args: str, cwd: Path) -> tuple[float, int, str]:
    """Run the CLI in a fresh process: (seconds, peak KB, stdout)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"booklet {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    peak = max(int(m) for m in re.findall(r"PEAK_KB (\d+)", result.stderr))
    return seconds, peak, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--careers", type=int, default=200)
    parser.add_argument("--naive", type=int, default=20)
    parser.add_argument("--collection", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        slugs = synthesize(args.careers, content)
        common = ["--content", str(content), "--json"]
        rows = []

        def scenario(label: str, out: str, *extra: str, careers: int) -> dict:
            seconds, peak, stdout = booklet("build", *common, "--output", str(work / out), *extra, cwd=ROOT)
            summary = json.loads(stdout)
            rows.append((label, careers, seconds, summary["pages"], peak))
            return summary

        scenario("sequential, `-j 1`", "seq", "-j", "1", "--force", careers=args.careers)
        scenario("parallel, `-j 2`", "par", "-j", "2", "--force", careers=args.careers)

        naive_seconds, naive_pages, naive_peak = 0.0, 0, 0
        for slug in slugs[: args.naive]:
            seconds, peak, stdout = booklet("build", slug, *common, "--output", str(work / "naive"), "--force",
                                            cwd=ROOT)
            naive_seconds += seconds
            naive_pages += json.loads(stdout)["pages"]
            naive_peak = max(naive_peak, peak)
        rows.append((f"naive loop, one process per career (first {args.naive})", args.naive, naive_seconds,
                     naive_pages, naive_peak))

        noop = scenario("no-op incremental rebuild", "par", careers=args.careers)
        assert noop["built"] == 0, noop

        collections = content / "collections"
        collections.mkdir()
        members = ", ".join(slugs[: args.collection])
        (collections / "big.yaml").write_text(
            f"slug: big\ntitle: Every Career\nsubtitle: {args.collection} careers in one booklet\n"
            f"audience: For benchmarks\nintroduction: A large collection.\ncareers: [{members}]\n")
        seconds, peak, stdout = booklet("build", "big", *common, "--output", str(work / "col"), cwd=ROOT)
        rows.append((f"collection of {args.collection} careers", args.collection, seconds,
                     json.loads(stdout)["pages"], peak))

    by_label = {row[0]: row for row in rows}
    seq = by_label["sequential, `-j 1`"]
    par = by_label["parallel, `-j 2`"]
    naive = rows[2]
    print(f"| scenario ({args.careers} synthetic careers) | careers | seconds | careers/s | pages/s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, careers, seconds, pages, peak in rows:
        print(f"| {label} | {careers} | {seconds:.1f} | {careers / seconds:.2f} | {pages / seconds:.1f} "
              f"| {peak / 1024:.0f} |")
    rate = {row[0]: row[1] / row[2] for row in rows}
    print()
    print(f"- `-j 2` vs sequential: {rate[par[0]] / rate[seq[0]]:.2f}×")
    print(f"- `-j 2` vs naive loop: {rate[par[0]] / rate[naive[0]]:.2f}×")


if __name__ == "__main__":
    main()
