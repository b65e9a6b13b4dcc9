"""A comparison sheet built on the page: ``booklet compare`` in one warm worker.

This module runs in a worker process (it imports no part of the web stack).
The job carries the careers in their edition's language, as
``booklet.compare.plan_sheet`` makes them; the worker renders them with its
own ``Pipeline`` (``Pipeline.compare``, the command line's code) and returns
the PDF's bytes, which the queue stores under the sheet's input digest.
"""

from __future__ import annotations

from booklet.batch import Job, Outcome, _attempt, _worker_pipeline


def run_compare(job: Job) -> Outcome:
    """Render one comparison sheet; a failure comes back in the ``Outcome``, as ``booklet.batch.run_job``'s do."""
    return _attempt(job, _compared)


def _compared(job: Job) -> dict:
    rendered = _worker_pipeline().compare(list(job.careers), job.options)
    return {"pdf": rendered.pdf, "pages": rendered.pages}
