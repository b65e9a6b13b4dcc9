"""Many booklets at once, on any ``concurrent.futures.Executor``.

A ``Job`` carries everything needed to render one PDF (the validated careers,
the collection if any, the options), so a worker needs no shared folder: it
returns the PDF bytes and the caller writes them.  That one contract serves
the in-process loop, a local process pool and a Dask cluster alike.

Each worker process keeps one ``Pipeline`` (WeasyPrint and matplotlib
imported once; fonts, parsed CSS and image cache reused across jobs).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import select
import signal
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from booklet import gc_policy, stopping
from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.options import Options


@dataclass(frozen=True)
class Job:
    name: str  # the output file name, e.g. "chef.pdf"
    careers: tuple[Career, ...]
    options: Options
    collection: Collection | None = None
    digest: str = ""  # hash of every input, for incremental builds


@dataclass
class Tally:
    """What a run did, counted and said the same way by ``booklet build`` and ``booklet roster``."""

    built: int = 0
    skipped: int = 0  # up to date: nothing it depends on changed
    failed: int = 0
    pages: int = 0

    def said(self, failed: int | None = None) -> str:
        """"3 built, 1 up to date, 0 failed" (``failed`` when the command counts more than write failures)."""
        return f"{self.built} built, {self.skipped} up to date, {self.failed if failed is None else failed} failed"


@dataclass(frozen=True)
class Outcome:
    job: Job
    pdf: bytes | None = None
    pages: int = 0
    seconds: float = 0.0
    error: str | None = None
    problems: tuple = ()  # LayoutProblem, from check_job


_pipeline = None


def _worker_pipeline():
    global _pipeline
    if _pipeline is None:
        from booklet.pipeline import Pipeline  # heavy imports, once per worker

        _pipeline = Pipeline()
    return _pipeline


def warm_worker(parent: int) -> None:
    """Pool initializer: exit with the build, then pay for imports and fonts before the first job.

    Ctrl-C reaches the workers too, and the parent already stops the build and
    reports it; a worker simply dies at once, rather than raising
    KeyboardInterrupt wherever it happens to be (inside a garbage-collector
    callback, Python can only print that traceback and carry on).
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _exit_with(parent)
    gc_policy.for_rendering()
    _worker_pipeline()


def _exit_with(parent: int) -> None:
    """End this worker as soon as the build process ``parent`` is gone, even if it was killed with -9.

    Workers are children of the fork server, not of the build, so the kernel
    does not tell them; a thread waits on the parent's pidfd (or polls where
    there is none) and exits the worker, which would otherwise wait on its
    queue for ever, holding a hundred megabytes.
    """
    def watch() -> None:
        try:
            handle = os.pidfd_open(parent)
        except (AttributeError, OSError):
            handle = None
        if handle is not None:
            select.select([handle], [], [])
        else:
            while True:
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-build", daemon=True).start()


def run_job(job: Job) -> Outcome:
    """Render one job; failures come back as an ``Outcome`` with the reason."""
    return _attempt(job, _rendered)


def check_job(job: Job) -> Outcome:
    """Lay out one job without writing it and check its pages (``booklet check --layout``)."""
    return _attempt(job, _checked)


def _attempt(job: Job, work: Callable[[Job], dict]) -> Outcome:
    """Run ``work`` on a job in this worker; a failure is reported in the ``Outcome``, never raised."""
    started = time.perf_counter()
    try:
        return Outcome(job, **work(job), seconds=time.perf_counter() - started)
    except BookletError as exc:
        return Outcome(job, error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug, reported with its origin rather than killing the batch
        origin = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(job, error=f"{type(exc).__name__}: {exc} ({origin.filename}:{origin.lineno})",
                       seconds=time.perf_counter() - started)
    finally:
        gc_policy.collect()


def _of_job(job: Job, one: Callable, many: Callable):
    """The pipeline's step for a job: ``one`` for a career's output, ``many`` for a collection's."""
    if job.collection is None:
        return one(job.careers[0], job.options)
    return many(job.collection, list(job.careers), job.options)


def _rendered(job: Job) -> dict:
    pipeline = _worker_pipeline()
    rendered = _of_job(job, pipeline.pdf, pipeline.collection)
    return {"pdf": rendered.pdf, "pages": rendered.pages}


def _checked(job: Job) -> dict:
    from booklet.charts import chart_labels
    from booklet.i18n import Text
    from booklet.render.layout_check import check_document

    pipeline = _worker_pipeline()
    document = _of_job(job, pipeline.layout, pipeline.layout_collection)
    labels: dict[str, tuple[str, ...]] = {}
    for career in job.careers:
        for kind, strings in chart_labels(career, Text(career.lang)).items():
            labels[kind] = labels.get(kind, ()) + strings
    return {"pages": len(document.pages), "problems": tuple(check_document(document, job.options, labels))}


class InlineExecutor(Executor):
    """Runs each task in this process as it is submitted: the sequential build."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
            if isinstance(exc, KeyboardInterrupt):
                raise
        return future


def process_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean, preloaded process, never from a
    # parent that may hold threads (the progress bar runs one).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["booklet.batch"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_worker,
                               initargs=(os.getpid(),))


SCHEDULER_TIMEOUT = 10  # seconds to connect, and for the scheduler to greet us
_ADDRESS = re.compile(r"^(?:tcp://)?(?P<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})$")


def scheduler_address(address: str) -> tuple[str, int]:
    """(host, port) of a ``--scheduler`` address, or an error saying what one looks like."""
    match = _ADDRESS.match(address.strip())
    if not match or not 0 < int(match.group("port")) < 65536:
        raise BookletError(f"--scheduler {address!r}: give an address such as tcp://127.0.0.1:8786")
    return match.group("host").strip("[]"), int(match.group("port"))


def probe_scheduler(address: str) -> None:
    """Refuse a server that accepts but never speaks, within the timeout.

    A Dask scheduler sends its handshake as soon as a client connects; a
    server that stays silent would make ``Client`` wait far past its timeout.
    """
    host, port = scheduler_address(address)
    try:
        with socket.create_connection((host, port), timeout=SCHEDULER_TIMEOUT) as connection:
            connection.settimeout(SCHEDULER_TIMEOUT)
            if not connection.recv(1):
                raise BookletError(f"the server at {address} closed the connection: is it a Dask scheduler?")
    except TimeoutError:
        raise BookletError(f"the server at {address} did not answer within {SCHEDULER_TIMEOUT} s: "
                           "is it a Dask scheduler?") from None
    except OSError as exc:
        raise BookletError(f"cannot reach the Dask scheduler at {address}: {exc.strerror or exc}") from None


@contextmanager
def executor_for(jobs: int, workers: int, scheduler: str | None = None) -> Iterator[Executor]:
    """The executor a build runs on: Dask at ``scheduler``, a process pool, or this process."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise BookletError("--scheduler needs Dask: pip install 'booklet[dask]'") from None
        probe_scheduler(scheduler)
        try:
            client = Client(scheduler, timeout=f"{SCHEDULER_TIMEOUT}s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise BookletError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client.get_executor()
        finally:
            client.close()
    elif workers <= 1 or jobs <= 1:
        yield InlineExecutor()
    else:
        pool = process_pool(min(workers, jobs))
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        else:
            pool.shutdown(wait=True)


def run_all(
    jobs: Iterable[Job],
    executor: Executor,
    work: Callable[[Job], Outcome] = run_job,
) -> Iterator[Outcome]:
    """Yield an ``Outcome`` per job as each finishes.

    A worker that dies (a crash, the OOM killer) breaks a process pool and
    every job still in it.  Those jobs are then retried one at a time, each in
    a fresh single-worker pool, so only the job that really crashes fails;
    unless the user has asked to stop (``stopping``), when the workers died of
    the same Ctrl-C and the run stops.
    """
    pending = {executor.submit(work, job): job for job in jobs}
    orphans: list[Job] = []
    for future in as_completed(pending):
        try:
            yield future.result()
        except BrokenProcessPool:
            if stopping.requested():  # the workers died of the user's Ctrl-C, not of a crash
                raise KeyboardInterrupt from None
            orphans.append(pending[future])
    for job in sorted(orphans, key=lambda job: job.name):
        with process_pool(1) as alone:
            try:
                yield alone.submit(work, job).result()
            except BrokenProcessPool:
                yield Outcome(job, error="the worker process crashed while rendering this booklet")
