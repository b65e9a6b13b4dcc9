"""Garbage-collector settings for processes that render booklets.

A booklet build allocates a few million short-lived objects (boxes, styles,
text layouts), nearly all freed by reference counting. CPython's default
young-generation threshold (700 net allocations) runs the cycle collector
thousands of times per booklet over objects that would die anyway: about
10 % of a warm build here (bench/stages.py measures it). Collecting less
often still collects every cycle; freezing what start-up loaded (modules,
fonts, parsed CSS) keeps it out of every later full collection.

Only the CLI and our own pool workers apply this: a library call through
``booklet.build`` leaves the host process's collector alone.
"""

from __future__ import annotations

import gc

THRESHOLDS = (10_000, 20, 20)


def for_rendering() -> None:
    """Collect young objects every 10,000 net allocations instead of 700."""
    gc.set_threshold(*THRESHOLDS)


def freeze_startup() -> None:
    """Move everything allocated so far out of the collector's view, for good."""
    gc.freeze()
