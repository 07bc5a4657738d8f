"""Shared fixtures: the repository root, quick site builds, a loopback HTTP server."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from localoffer_ssg import pipeline

REPO = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
TODAY = dt.date(2026, 6, 1)  # fixture sites are dated before this


def service_records(root: Path) -> list[Path]:
    """A site's service records, services/<id>.yaml: not their translations, <id>.<lang>.yaml."""
    return sorted(p for p in (root / "services").glob("*.yaml") if "." not in p.stem)


def run_cli(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py ...` as an editor would."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def build(root: Path, out: Path, **options) -> pipeline.Result:
    options.setdefault("search", False)
    options.setdefault("today", TODAY)
    return pipeline.build(pipeline.Options(root=root, out=out, **options))


@contextmanager
def serve_dir(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Path:
    """The valid fixture site `tests/sites/valid/basic`, built once."""
    out = tmp_path_factory.mktemp("basic") / "site"
    build(SITES / "valid" / "basic", out)
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example Local Offer in the repository root, built once without search."""
    out = tmp_path_factory.mktemp("example") / "site"
    build(REPO, out, today=pipeline.today())
    return out
