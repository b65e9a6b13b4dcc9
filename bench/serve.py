"""Latency of ``booklet serve``: cached files, fresh builds through the page, and 20 concurrent clients.

Usage: .venv/bin/python bench/serve.py [--careers N] [--repeat N] [--clients N] [--workers N]

Starts ``booklet serve`` on a free loopback port over ./content with an
empty cache, then measures (medians and 95th percentiles, in milliseconds):

1. a cached PDF and a cached page thumbnail, ``--repeat`` times each;
2. fresh single-career builds through the page (GET the PDF address, follow
   the job until it is done, download): the first request for each of
   ``--careers`` careers, then the same request again (served from the
   cache), against a warm in-process build of the same careers in this
   process (``Pipeline().pdf``), the number bench/stages.py reports;
3. ``--clients`` clients at once, 5 mixed requests each (catalog, career
   page, thumbnail, cached PDF, a fresh handout build), reporting errors,
   503 answers from the bounded queue, p50/p95 and the server's peak RSS
   (server and workers together), sampled every 50 ms.

Only 127.0.0.1 is contacted; every loop is bounded.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} | {percentile(values, 0.95) * 1000:.1f}"


def rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (the worker pool)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total


class Server:
    def __init__(self, workers: int):
        self.folder = tempfile.TemporaryDirectory(prefix="booklet-bench-serve-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "booklet", "serve", "--content", str(CONTENT), "--port", str(self.port),
             "--cache", str(Path(self.folder.name) / "cache"), "-j", str(workers)],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx2.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx2.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.folder.cleanup()


def fetch_pdf(client: httpx2.Client, path: str, timeout: float = 120) -> tuple[float, bytes]:
    """GET a PDF address, follow its job to the end and download it: seconds and bytes."""
    start = time.perf_counter()
    answer = client.get(path)
    if answer.status_code == 303:
        job = answer.headers["location"]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = client.get(f"{job}/status").json()["state"]
            if state in ("done", "failed"):
                break
            time.sleep(0.02)
        answer = client.get(f"{job}/download")
    answer.raise_for_status()
    return time.perf_counter() - start, answer.content


def wait_ready(client: httpx2.Client, slug: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = client.get(f"/careers/{slug}/preview").json()
        if state["preview"] == "ready":
            return state
        time.sleep(0.1)
    raise SystemExit(f"no preview of {slug}")


class InProcess:
    """Warm in-process builds (what bench/stages.py calls the warm build), after one warm-up build."""

    def __init__(self, first: str):
        from booklet import gc_policy
        from booklet.pipeline import Pipeline

        gc_policy.for_rendering()
        self.pipeline = Pipeline()
        self.build(first)

    def build(self, slug: str) -> float:
        from booklet import gc_policy
        from booklet.content.loader import load
        from booklet.options import Options

        career = load(CONTENT / "careers" / f"{slug}.yaml")
        start = time.perf_counter()
        self.pipeline.pdf(career, Options(paper="letter"))
        gc_policy.collect()  # as a worker does after each build, and as bench/stages.py counts it
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--careers", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    slugs = sorted(path.stem for path in (CONTENT / "careers").glob("*.yaml"))
    random.seed(14)
    server = Server(args.workers)
    rows: list[tuple[str, str]] = []
    try:
        with httpx2.Client(base_url=server.base, timeout=120) as client:
            # 1. cached files
            state = wait_ready(client, slugs[0])
            cached_pdf = [fetch_pdf(client, f"/careers/{slugs[0]}/pdf")[0] for _ in range(args.repeat)]
            client.get(f"/thumbs/{state['key']}/1.png").raise_for_status()
            thumbs = []
            for number in range(args.repeat):
                start = time.perf_counter()
                client.get(f"/thumbs/{state['key']}/{number % state['pages'] + 1}.png").raise_for_status()
                thumbs.append(time.perf_counter() - start)
            rows += [("cached PDF (GET /careers/…/pdf)", ms(cached_pdf)), ("cached page thumbnail", ms(thumbs))]
            # 2. fresh builds through the page against the same builds in this process
            # Interleaved, career by career, so that the shared machine's load drifts alike for both.
            chosen = slugs[1:1 + args.careers]
            local = InProcess(slugs[0])
            first, again, warm = [], [], []
            for slug in chosen:
                first.append(fetch_pdf(client, f"/careers/{slug}/pdf?paper=letter")[0])
                again.append(fetch_pdf(client, f"/careers/{slug}/pdf?paper=letter")[0])
                warm.append(local.build(slug))
            rows += [(f"first request for a career's PDF, a fresh build ({len(chosen)} careers)", ms(first)),
                     ("the same request again, from the cache", ms(again)),
                     (f"warm in-process build of the same {len(chosen)} careers (no server)", ms(warm))]
        ratio = statistics.median(first) / statistics.median(warm)
        # 3. concurrent clients
        peak, stop = [rss(server.process.pid)], threading.Event()

        def sample() -> None:
            while not stop.wait(0.05):
                peak.append(rss(server.process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        before = rss(server.process.pid)
        latencies, builds, errors, busy = [], [], [], 0
        lock = threading.Lock()
        fresh = iter([slug for slug in slugs if slug not in chosen and slug != slugs[0]] * 2)

        def client_run(number: int) -> None:
            nonlocal busy
            with httpx2.Client(base_url=server.base, timeout=180) as own:
                with lock:
                    slug = next(fresh)
                steps = [("page", "/"), ("page", f"/careers/{slugs[number % len(slugs)]}"),
                         ("thumb", f"/thumbs/{state['key']}/{number % state['pages'] + 1}.png"),
                         ("pdf", f"/careers/{slugs[0]}/pdf"), ("build", f"/careers/{slug}/pdf?format=handout")]
                random.Random(number).shuffle(steps)
                for kind, path in steps:
                    start = time.perf_counter()
                    try:
                        if kind == "build":
                            answer = own.get(path)
                            latencies.append(time.perf_counter() - start)
                            if answer.status_code == 503:
                                with lock:
                                    busy += 1
                                continue
                            fetch_pdf(own, path)
                            builds.append(time.perf_counter() - start)
                        else:
                            own.get(path).raise_for_status()
                            latencies.append(time.perf_counter() - start)
                    except Exception as exc:  # counted and reported, the run goes on
                        errors.append(f"{path}: {exc}")

        threads = [threading.Thread(target=client_run, args=(number,)) for number in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        after = rss(server.process.pid)
        rows += [(f"{args.clients} clients × 5 mixed requests: answer latency", ms(latencies)),
                 (f"… of which {len(builds)} handout builds, until downloaded", ms(builds))]
    finally:
        server.stop()
    print(f"`.venv/bin/python bench/serve.py` (-j {args.workers}, {args.repeat} repeats)\n")
    print("| request | median ms | p95 ms |\n|---|---:|---:|")
    for label, value in rows:
        print(f"| {label} | {value} |")
    print(f"\nfresh build through the page / warm in-process build (medians): {ratio:.2f}×")
    print(f"concurrent run: {wall:.1f} s, {len(errors)} errors, {busy} answered 503 (queue full); "
          f"server + workers RSS {before / 2**20:.0f} MiB before, peak {max(peak) / 2**20:.0f} MiB, "
          f"{after / 2**20:.0f} MiB after")
    for error in errors[:10]:
        print(f"  error: {error}")


if __name__ == "__main__":
    main()
