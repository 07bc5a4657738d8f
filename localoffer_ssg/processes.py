"""Work shared across forked processes. What the work needs reaches them by fork, copy-on-write,
not by pickling: a renderer or a set of checking rules is costly to send and to rebuild."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable

_task: tuple[Callable[..., list], tuple] | None = None  # set before forking


def jobs() -> int:
    """The CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(chunk: list) -> list:
    assert _task is not None
    function, args = _task
    return function(chunk, *args)


def in_parallel(function: Callable[..., list], items: list, jobs: int, *args: Any, smallest: int = 1) -> list:
    """function(chunk, *args) over chunks of `items` in `jobs` forked processes; the results
    joined in the order of `items`."""
    global _task
    size = max(smallest, len(items) // (jobs * 8))  # small chunks keep every process busy to the end
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _task = (function, args)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return [result for part in pool.imap(_run, chunks) for result in part]
    finally:
        _task = None
