"""Index phase: run the real Pagefind binary once over the staged site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .diagnostics import ConfigError, Diagnostic, ERROR


def index(site_dir: Path, output: Path | None = None) -> None:
    """Build the Pagefind index of `site_dir` into `output` (by default `site_dir/pagefind/`)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    if output is not None:
        command += ["--output-path", str(output)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError([Diagnostic("pagefind", 0, 0, ERROR, "", f"search indexing failed: {exc}")]) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ConfigError([Diagnostic("pagefind", 0, 0, ERROR, "", "search indexing failed: "
                                      + " / ".join(detail) + ". Is pagefind[bin] installed? "
                                      "Use --no-search to build without search")])
