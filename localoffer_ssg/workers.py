"""Render and write pages across processes: each worker renders its share and streams it to disk."""

from __future__ import annotations

from pathlib import Path

from . import outputs, processes, write
from .outputs import Unit
from .render import Renderer
from .templates import template_errors

MIN_UNITS_PER_WORKER = 250  # below this, starting processes costs more than it saves


def _work(units: list[Unit], renderer: Renderer, staging: Path) -> list[str]:
    with template_errors(renderer.site.config.root):
        return write.write_outputs(staging, outputs.render(renderer, units))


def render_to(renderer: Renderer, staging: Path, jobs: int, units: list[Unit]) -> list[str]:
    """Render `units` into `staging`; return the files written."""
    jobs = max(1, min(jobs, len(units) // MIN_UNITS_PER_WORKER))
    if jobs == 1 or not processes.can_fork():
        return _work(units, renderer, staging)
    return processes.in_parallel(_work, units, jobs, renderer, staging)
