"""What the data layer costs a build: one career's warm pipeline, this tree against another (A/B).

Usage: .venv/bin/python bench/data_layer.py [--career SLUG] [--repeat N] [--rounds R] [--against TREE]

Each round starts a fresh process per tree, in turn (A, B, A, B, …), so both
meet the same machine load; each process builds the career once to warm up
(imports, fonts, the data tables read once per process), then ``--repeat``
times, and reports its median.  The result is the median over the rounds of
each tree, and their ratio.  ``--against`` is another checkout of the
project, such as the main branch's worktree; each tree builds its own copy of
the career, with its own code and data, and a catalog is passed as ``booklet
build`` passes it where the tree knows what one is.

Also, in this tree: what the first use of the data costs a process (reading
the OEWS and O*NET tables), and that a second use reads nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, statistics, sys, time
from pathlib import Path
from booklet import gc_policy
from booklet.content.loader import load
from booklet.options import Options
from booklet.pipeline import Pipeline

profile, repeat = Path(sys.argv[1]), int(sys.argv[2])
gc_policy.for_rendering()
options = Options()
if "catalog" in Options.__dataclass_fields__:  # this tree lists related careers: pass the catalog as a build does
    from booklet.catalog import all_profiles
    from booklet.content.check import check_in_catalog
    from booklet.plan import catalog_entries
    from dataclasses import replace
    options = replace(options, catalog=catalog_entries(check_in_catalog([], all_profiles(profile.parents[1]))[1]))
pipeline = Pipeline()
first = time.perf_counter()
pipeline.pdf(load(profile), options)
first = time.perf_counter() - first
gc_policy.collect()
times = []
for _ in range(repeat):
    start = time.perf_counter()
    pipeline.pdf(load(profile), options)
    gc_policy.collect()
    times.append(time.perf_counter() - start)
print(json.dumps({"median": statistics.median(times), "first": first, "times": times}))
"""


def run(tree: Path, career: str, repeat: int) -> dict:
    profile = tree / "content" / "careers" / f"{career}.yaml"
    result = subprocess.run([sys.executable, "-c", WORKER, str(profile), str(repeat)], cwd=tree,
                            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def data_cost() -> dict[str, float]:
    """Seconds to read the data a booklet uses (its modules already imported), cold and then again, in a fresh
    process of this tree."""
    code = r"""
import json, time
from booklet import interests, related, wages  # imported by every build anyway: not the data's cost
t = time.perf_counter()
wages.us_block("15-2051.00"); interests.interests("15-2051.00"); related.related_codes("15-2051.00")
cold = time.perf_counter() - t
t = time.perf_counter()
wages.us_block("15-2051.00"); interests.interests("15-2051.00"); related.related_codes("15-2051.00")
print(json.dumps({"cold": cold, "warm": time.perf_counter() - t}))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={"PYTHONPATH": str(REPO)},
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--career", default="machine-learning-engineer")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None, help="Another checkout (default: this tree only).")
    args = parser.parse_args()
    trees = {"this tree": REPO, **({"against": args.against.resolve()} if args.against else {})}
    medians: dict[str, list[float]] = {name: [] for name in trees}
    for round_number in range(args.rounds):
        for name, tree in trees.items():
            result = run(tree, args.career, args.repeat)
            medians[name].append(result["median"])
            print(f"round {round_number + 1}, {name}: median {result['median']:.3f} s "
                  f"(first build {result['first']:.3f} s)", file=sys.stderr)
    print(f"| {args.career}, warm build, median of {args.repeat} × {args.rounds} rounds | seconds |")
    print("|---|---:|")
    for name, values in medians.items():
        print(f"| {name} ({trees[name]}) | {statistics.median(values):.3f} |")
    if args.against:
        ratio = statistics.median(medians["this tree"]) / statistics.median(medians["against"])
        print(f"| this tree / against | {ratio:.3f} |")
    cost = data_cost()
    print(f"| reading the data (OEWS, O*NET) in a fresh process, first use | {cost['cold']:.4f} |")
    print(f"| the same again in that process (cached) | {cost['warm']:.6f} |")


if __name__ == "__main__":
    main()
