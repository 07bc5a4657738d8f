"""Render and write pages across processes: each worker renders its share and streams it to disk."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from . import write
from .render import Renderer, Unit
from .templates import template_errors

MIN_UNITS_PER_WORKER = 250  # below this, starting processes costs more than it saves

_renderer: Renderer | None = None  # set before forking, so workers share it copy-on-write
_staging: Path | None = None
_root: Path | None = None


def _work(units: list[Unit]) -> list[str]:
    assert _renderer is not None and _staging is not None and _root is not None
    with template_errors(_root):
        return write.write_outputs(_staging, _renderer.render(units))


def render_to(renderer: Renderer, staging: Path, jobs: int, units: list[Unit]) -> list[str]:
    """Render `units` into `staging`; return the files written."""
    global _renderer, _staging, _root
    jobs = max(1, min(jobs, len(units) // MIN_UNITS_PER_WORKER))
    root = renderer.site.config.root
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        with template_errors(root):
            written = write.write_outputs(staging, renderer.render(units))
    else:
        _renderer, _staging, _root = renderer, staging, root
        size = max(1, len(units) // (jobs * 8))  # small chunks keep every worker busy to the end
        chunks = [units[i:i + size] for i in range(0, len(units), size)]
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                written = [rel for part in pool.imap(_work, chunks) for rel in part]
        finally:
            _renderer = _staging = _root = None
    return written
