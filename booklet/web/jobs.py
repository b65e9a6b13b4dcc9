"""Builds for the web page: a bounded queue on the warm worker pool, never in a request's thread.

A request to build becomes a ``BuildRequest``: its cache key (the input
digest the incremental build uses), a title and file name, and ``prepare``,
which validates the inputs and makes the ``booklet.batch.Job`` objects.
``JobQueue.submit`` answers at once:

- the result is cached: a finished ``WebJob``, nothing is rendered;
- the same result is already being built: that job (two clicks, one build);
- the queue is full: ``QueueFull`` (the page answers 503 with Retry-After);
- otherwise each job goes to the process pool (``booklet.batch.process_pool``,
  the CLI's warm workers, running ``booklet.batch.run_job``), and the
  ``WebJob`` records its progress as outcomes come back.

Jobs live in memory under a random id, so a job page survives a reload;
the oldest finished ones are forgotten after ``keep`` more have been made.
A worker that crashes breaks the pool: the pool is replaced and the job is
tried once more before it fails.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from booklet.batch import Job, Outcome, process_pool, run_job
from booklet.errors import BookletError
from booklet.web.cache import ResultCache

log = logging.getLogger("booklet.web")

SECONDS_PER_CAREER = 2.0  # the first estimate, before any build has been timed
COLLECTION_OVERHEAD = 1.15  # a collection's chapters cost a little more than the careers alone


class QueueFull(BookletError):
    """Too much is waiting to be built; try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"The build queue is full. Please try again in {retry_after} seconds.")


class Refused(BookletError):
    """The request cannot be built: what is wrong, one line each (``path:line:column: message``)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class Prepared:
    """What ``BuildRequest.prepare`` makes: the PDFs to render, warnings, and how they become the result."""

    jobs: list[Job]
    warnings: list[str] = field(default_factory=list)
    combine: Callable[[list[Outcome]], bytes] | None = None  # None: the one job's PDF is the result
    run: Callable[[Job], Outcome] | None = None  # what a worker runs for each job (default: the queue's, run_job)
    estimate: float | None = None  # expected seconds of each job, when seconds per career do not tell


@dataclass
class BuildRequest:
    kind: str  # the build kind's name (booklet.web.kinds)
    title: str  # shown on the job page
    key: str  # cache key of the result: the input digest, or a digest of several
    filename: str  # the download's name
    prepare: Callable[[], Prepared]  # validate and make jobs; called only when the result is not cached
    media_type: str = "application/pdf"
    suffix: str = "pdf"
    table: list[dict[str, str]] = field(default_factory=list)  # located problems shown as a table (roster rows)


def combined_key(kind: str, digests: list[str]) -> str:
    """A result made of several outputs (a zip of PDFs): the digest of their digests."""
    return hashlib.sha256("\n".join([kind, *digests]).encode()).hexdigest()


@dataclass
class WebJob:
    id: str
    kind: str
    title: str
    key: str
    filename: str
    media_type: str
    suffix: str
    total: int = 1
    done: int = 0
    state: str = "queued"  # queued → running → done | failed
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    cached: bool = False
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    estimates: dict[str, float] = field(default_factory=dict)  # job name → expected seconds
    finished_jobs: set[str] = field(default_factory=set)
    futures: list[Future] = field(default_factory=list, repr=False)
    outcomes: list[Outcome] = field(default_factory=list, repr=False)
    combine: Callable[[list[Outcome]], bytes] | None = field(default=None, repr=False)
    run: Callable[[Job], Outcome] | None = field(default=None, repr=False)
    table: list[dict[str, str]] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)

    @property
    def finished_state(self) -> bool:
        return self.state in ("done", "failed")

    def progress(self) -> float:
        """0 to 1: finished jobs, plus the running ones by their elapsed time against the estimate."""
        if self.state == "done":
            return 1.0
        total = sum(self.estimates.values()) or 1.0
        finished = sum(seconds for name, seconds in self.estimates.items() if name in self.finished_jobs)
        value = finished
        if self.started is not None and self.state == "running":
            value = max(finished, min(time.time() - self.started, finished + 0.95 * (total - finished)))
        return max(0.0, min(value / total, 0.99))

    def remaining(self) -> float | None:
        """Estimated seconds left, or None when unknown (queued, finished)."""
        if self.state != "running" or self.started is None:
            return None
        return max(0.0, sum(self.estimates.values()) - (time.time() - self.started))

    def observe(self) -> None:
        """A queued job whose work has reached a worker is running from now on."""
        if self.state == "queued" and any(future.running() or future.done() for future in self.futures):
            self.state, self.started = "running", time.time()

    def status(self) -> dict:
        self.observe()
        left = self.remaining()
        return {"id": self.id, "kind": self.kind, "title": self.title, "state": self.state, "done": self.done,
                "total": self.total, "progress": round(self.progress(), 3), "error": self.error,
                "warnings": self.warnings, "table": self.table, "cached": self.cached,
                "seconds_left": round(left) if left is not None else None,
                "seconds": round((self.finished or time.time()) - self.created, 2)}


class JobQueue:
    """The web page's builds: at most ``max_pending`` PDFs waiting or rendering, ``workers`` at a time."""

    def __init__(self, cache: ResultCache, workers: int = 2, max_pending: int = 32, keep: int = 500,
                 executor_factory: Callable[[int], Executor] = process_pool,
                 work: Callable[[Job], Outcome] = run_job):
        self.cache = cache
        self.workers = workers
        self.max_pending = max_pending
        self.keep = keep
        self._factory = executor_factory
        self._work = work
        self._lock = threading.RLock()
        self._jobs: OrderedDict[str, WebJob] = OrderedDict()
        self._building: dict[str, WebJob] = {}  # key → the unfinished job making it
        self._pending = 0  # PDFs submitted and not finished
        self._pool: Executor | None = None
        self.seconds_per_career = SECONDS_PER_CAREER

    # -- the pool -------------------------------------------------------------
    def start(self) -> None:
        """Start the workers now, so the first build does not wait for WeasyPrint to import."""
        with self._lock:
            if self._pool is None:
                self._pool = self._factory(self.workers)
                for _ in range(self.workers):
                    self._pool.submit(os.getpid)

    def stop(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def recycle(self) -> None:
        """New workers for new builds (templates or CSS changed: workers cache parsed CSS).

        Builds already handed to the old workers finish there.
        """
        with self._lock:
            old, self._pool = self._pool, None
        if old is not None:
            old.shutdown(wait=False)
        self.start()

    def _replace_broken(self, broken: Executor | None) -> None:
        with self._lock:
            if self._pool is broken or broken is None:
                self._pool = None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        self.start()

    # -- jobs -----------------------------------------------------------------
    def get(self, job_id: str) -> WebJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, request: BuildRequest) -> WebJob:
        with self._lock:
            running = self._building.get(request.key)
            if running is not None:
                return running
        if self.cache.has(request.key, request.suffix):
            web = self._new(request, state="done", cached=True, done=1)
            web.finished = web.created
            return self._remember(web)
        prepared = request.prepare()  # validation; may raise Refused
        with self._lock:
            running = self._building.get(request.key)
            if running is not None:
                return running
            todo = {job.name for job in prepared.jobs if not self.cache.has(job.digest)}
            if self._pending and self._pending + len(todo) > self.max_pending:
                raise QueueFull(self._retry_after())
            web = self._new(request, total=len(prepared.jobs), warnings=prepared.warnings,
                            combine=prepared.combine, run=prepared.run)
            self._remember(web)
            self._building[request.key] = web
            for job in prepared.jobs:
                web.estimates[job.name] = prepared.estimate or self._estimate(job)
            for job in prepared.jobs:
                if job.name in todo:
                    self._pending += 1
                    self._send(web, job)
                else:
                    pdf = self.cache.get(job.digest) or b""
                    self._record(web, Outcome(job, pdf=pdf))
            if not todo:
                self._complete(web)
        return web

    def _new(self, request: BuildRequest, **values) -> WebJob:
        return WebJob(secrets.token_urlsafe(12), request.kind, request.title, request.key, request.filename,
                      request.media_type, request.suffix, table=request.table, **values)

    def _remember(self, web: WebJob) -> WebJob:
        with self._lock:
            self._jobs[web.id] = web
            while len(self._jobs) > self.keep:
                oldest = next((key for key, job in self._jobs.items() if job.finished_state), None)
                if oldest is None:
                    break
                del self._jobs[oldest]
        return web

    def _estimate(self, job: Job) -> float:
        seconds = len(job.careers) * self.seconds_per_career
        return seconds * COLLECTION_OVERHEAD if job.collection is not None else seconds

    def _retry_after(self) -> int:
        return max(5, round(self._pending * self.seconds_per_career / max(self.workers, 1)))

    def _send(self, web: WebJob, job: Job) -> None:
        if self._pool is None:
            self.start()
        pool = self._pool
        web.attempts[job.name] = web.attempts.get(job.name, 0) + 1
        future = pool.submit(web.run or self._work, job)
        web.futures.append(future)
        future.add_done_callback(lambda done: self._finished(web, job, pool, done))

    def _finished(self, web: WebJob, job: Job, pool: Executor, future: Future) -> None:
        """Runs in the executor's thread when one PDF of ``web`` is done (or its worker died)."""
        try:
            outcome = future.result()
        except BrokenProcessPool:
            self._replace_broken(pool)
            with self._lock:
                if web.attempts.get(job.name, 0) < 2 and not web.finished_state:
                    self._send(web, job)
                    return
            outcome = Outcome(job, error="the worker process crashed while rendering this booklet")
        except CancelledError:
            outcome = Outcome(job, error="cancelled: the server is stopping")
        except Exception as exc:  # the executor itself failed; never a traceback on the page
            log.exception("build %s failed", job.name)
            outcome = Outcome(job, error=f"the build could not run ({type(exc).__name__})")
        with self._lock:
            self._pending -= 1
        if outcome.error is None and outcome.pdf is not None and web.run is None:  # one PDF: cached by its digest
            try:
                self.cache.put(job.digest, outcome.pdf)
            except BookletError as exc:
                outcome = Outcome(job, error=str(exc))
            else:
                self._learn(outcome)
        with self._lock:
            self._record(web, outcome)
            complete = web.done == web.total and not web.finished_state
        if complete:
            self._complete(web)

    def _learn(self, outcome: Outcome) -> None:
        """Keep the estimate close to this machine's speed: a moving average of seconds per career."""
        careers = max(len(outcome.job.careers), 1)
        per_career = outcome.seconds / careers
        self.seconds_per_career = 0.7 * self.seconds_per_career + 0.3 * per_career

    def _record(self, web: WebJob, outcome: Outcome) -> None:
        web.observe()
        web.outcomes.append(outcome)
        web.finished_jobs.add(outcome.job.name)
        if outcome.error is not None:
            if not web.finished_state:
                web.state, web.error, web.finished = "failed", f"{outcome.job.name}: {outcome.error}", time.time()
                self._building.pop(web.key, None)
            return
        web.done += 1

    def _complete(self, web: WebJob) -> None:
        """Every PDF is built: store the result under the request's key and mark the job done."""
        try:
            if web.combine is not None:
                order = {name: index for index, name in enumerate(web.estimates)}
                data = web.combine(sorted(web.outcomes, key=lambda outcome: order.get(outcome.job.name, 0)))
                self.cache.put(web.key, data, web.suffix)
            elif not self.cache.has(web.key, web.suffix):
                self.cache.put(web.key, web.outcomes[0].pdf or b"", web.suffix)
        except Exception as exc:
            log.exception("finishing %s failed", web.filename)
            with self._lock:
                web.state, web.error, web.finished = "failed", str(exc) if isinstance(exc, BookletError) else \
                    "the result could not be stored", time.time()
                self._building.pop(web.key, None)
            return
        with self._lock:
            web.state, web.finished = "done", time.time()
            web.outcomes = []  # the bytes are in the cache now
            self._building.pop(web.key, None)
