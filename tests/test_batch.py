"""Batch builds: parallel equals sequential, incremental rules, failures isolated, safe writes."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from booklet import gc_policy
from booklet.batch import Job, Outcome, executor_for, process_pool, run_all, run_job
from booklet.content.loader import load
from booklet.options import Options
from tests.conftest import CONTENT, REPO, small_catalog

CAREERS = ["chef", "electrician", "lawyer"]


def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "booklet", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, **kwargs)


@pytest.fixture
def small_content(tmp_path) -> Path:
    """Three real careers and a collection of two of them."""
    return small_catalog(tmp_path, CAREERS, {"trades-and-kitchens": (
        "slug: trades-and-kitchens\ntitle: Trades and Kitchens\nsubtitle: Two hands-on careers\n"
        "audience: For students\nintroduction: Two careers where you learn by doing.\n"
        "careers: [electrician, chef]\n")})


def build_json(content: Path, output: Path, *extra: str) -> dict:
    result = run("build", "--content", str(content), "--output", str(output), "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def statuses(summary: dict) -> dict[str, str]:
    return {entry["name"]: entry["status"] for entry in summary["outputs"]}


def test_parallel_writes_the_same_bytes_as_sequential(small_content, tmp_path):
    serial = build_json(small_content, tmp_path / "serial", "-j", "1")
    parallel = build_json(small_content, tmp_path / "parallel", "-j", "2")
    assert serial["built"] == parallel["built"] == 4
    for name in statuses(serial):
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name


def test_incremental_skip_and_rebuild_rules(small_content, tmp_path):
    out = tmp_path / "out"
    assert build_json(small_content, out)["built"] == 4
    again = build_json(small_content, out)
    assert again["built"] == 0 and again["skipped"] == 4

    chef = small_content / "careers" / "chef.yaml"
    chef.write_text(chef.read_text() + "# edited\n")
    changed = statuses(build_json(small_content, out))
    assert changed == {"chef.pdf": "built", "trades-and-kitchens.pdf": "built",
                       "electrician.pdf": "skipped", "lawyer.pdf": "skipped"}

    assert build_json(small_content, out, "--force")["built"] == 4
    (out / "lawyer.pdf").unlink()
    assert statuses(build_json(small_content, out))["lawyer.pdf"] == "built"
    assert statuses(build_json(small_content, out, "--paper", "letter")) == dict.fromkeys(
        ["chef.pdf", "electrician.pdf", "lawyer.pdf", "trades-and-kitchens.pdf"], "built")


def test_editing_the_css_rebuilds_everything(tmp_path):
    from booklet import incremental

    profile = (CONTENT / "careers" / "chef.yaml").read_bytes()
    css = tmp_path / "templates" / "css"
    css.mkdir(parents=True)
    (css / "base.css").write_text("p { color: red }")
    options = Options(templates=str(tmp_path / "templates"))
    before = incremental.job_digest([profile], options)
    assert before != incremental.job_digest([profile], Options())  # a template folder is an input
    (css / "base.css").write_text("p { color: blue }")
    incremental.environment_digest.cache_clear()
    try:
        assert incremental.job_digest([profile], options) != before
    finally:
        incremental.environment_digest.cache_clear()


def test_one_failing_career_does_not_stop_the_others(small_content, tmp_path):
    lawyer = small_content / "careers" / "lawyer.yaml"
    lawyer.write_text(lawyer.read_text().replace("    share: ", "    share: 1", 1))
    result = run("build", "--content", str(small_content), "--output", str(tmp_path / "out"), "--json")
    assert result.returncode == 2
    summary = json.loads(result.stdout)
    assert statuses(summary)["lawyer.pdf"] == "failed"
    assert summary["built"] == 3
    assert "lawyer.yaml:" in result.stderr and ": error " in result.stderr


def crash_on_electrician(job: Job) -> Outcome:
    """A worker that dies outright on one job, as a segfault or the OOM killer would."""
    if job.name == "electrician.pdf":
        os._exit(70)
    return Outcome(job, pdf=b"%PDF-fake", pages=1)


def test_a_crashed_worker_fails_only_its_job():
    jobs = [Job(f"{slug}.pdf", (), Options()) for slug in CAREERS]
    with process_pool(2) as pool:
        outcomes = {o.job.name: o for o in run_all(jobs, pool, work=crash_on_electrician)}
    assert outcomes["electrician.pdf"].error == "the worker process crashed while rendering this booklet"
    assert outcomes["chef.pdf"].pdf == b"%PDF-fake" and outcomes["lawyer.pdf"].error is None


def test_a_pool_broken_after_ctrl_c_stops_the_run_instead_of_rebuilding_its_jobs(monkeypatch):
    """Ctrl-C kills the workers too: if the build's own KeyboardInterrupt was lost on its way up (a finaliser
    swallows it), the broken pool must not be taken for a crash and every job rebuilt one at a time."""
    import threading

    from booklet import stopping

    monkeypatch.setattr(stopping, "_requested", threading.Event())
    stopping.request()
    jobs = [Job(f"{slug}.pdf", (), Options()) for slug in CAREERS]
    with process_pool(2) as pool, pytest.raises(KeyboardInterrupt):
        list(run_all(jobs, pool, work=crash_on_electrician))


def collector_state(_job) -> tuple[tuple[int, int, int], int]:
    return gc.get_threshold(), gc.get_freeze_count()


def test_pool_workers_collect_less_often_and_freeze_what_their_first_build_loaded(seed_career):
    with process_pool(1) as pool:
        before = pool.submit(collector_state, None).result()
        assert pool.submit(run_job, Job("seed.pdf", (seed_career,), Options())).result().error is None
        thresholds, frozen = pool.submit(collector_state, None).result()
    assert before == (gc_policy.THRESHOLDS, 0)
    assert thresholds == gc_policy.THRESHOLDS
    assert frozen > 100_000  # WeasyPrint, matplotlib, fonts and parsed CSS, out of every collection


def test_render_errors_are_reported_not_raised(seed_career):
    hostile = seed_career.model_copy(update={"title": "x" * 10})
    ok = run_job(Job("ok.pdf", (hostile,), Options()))
    assert ok.error is None and ok.pdf.startswith(b"%PDF")
    broken = run_job(Job("broken.pdf", (seed_career,), Options(), collection=object()))  # type: ignore[arg-type]
    assert broken.error and "AttributeError" in broken.error


def test_interrupted_build_keeps_earlier_pdfs_and_no_temp_files(tmp_path):
    out = tmp_path / "out"
    first = run("build", "chef", "--output", str(out))
    assert first.returncode == 0
    good = (out / "chef.pdf").read_bytes()
    (out / ".chef.pdf.999999999.booklet-tmp").write_bytes(b"from a killed build")  # no such process
    (out / ".notes.tmp").write_bytes(b"the user's own")

    command = [sys.executable, "-m", "booklet", "build", "--force", "-j", "2", "--output", str(out)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as process:
        assert process.stdout.readline().endswith("s\n")  # at least one PDF written
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        started = time.monotonic()
        _out, err = process.communicate(timeout=30)
    assert time.monotonic() - started < 15
    assert process.returncode == 130, err
    assert "Interrupted" in err and "Traceback" not in err
    assert not list(out.glob(".*booklet-tmp"))
    assert (out / ".notes.tmp").read_bytes() == b"the user's own"  # never ours to delete
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert (out / "chef.pdf").read_bytes() == good  # same input, same bytes, whether rebuilt or not


def test_batch_on_a_dask_local_cluster(small_content, tmp_path):
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    try:
        summary = build_json(small_content, tmp_path / "dask", "--scheduler", cluster.scheduler_address)
        local = build_json(small_content, tmp_path / "local", "-j", "1")
    finally:
        cluster.close()
    assert summary["built"] == 4
    for name in statuses(local):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_unreachable_scheduler_is_a_clear_error(small_content, tmp_path):
    result = run("build", "--content", str(small_content), "--output", str(tmp_path), "--force",
                 "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_executor_choice():
    with executor_for(jobs=1, workers=4) as executor:
        assert type(executor).__name__ == "InlineExecutor"
    with executor_for(jobs=5, workers=2) as executor:
        assert executor._max_workers == 2  # a process pool
    assert load(CONTENT / "careers" / "chef.yaml").slug == "chef"


def test_a_long_lived_worker_does_not_keep_every_chart(pipeline):
    renderer = pipeline.renderer(Options())
    for slug in CAREERS:
        pipeline.pdf(load(CONTENT / "careers" / f"{slug}.yaml"), Options())
    assert not [url for url in renderer.cache if str(url).startswith("data:")]
