#!/usr/bin/env python3
"""How long `serve` takes to show an edit in the browser.

    python bench/serve_latency.py [--size 10000] [--edits 7] [--work DIR] [--search]

Builds a corpus from bench/make_corpus.py, starts `build.py serve` on it (without search unless
--search), opens one service page in Chromium, then edits that service's summary and times, from
the moment the file is written, until the open page has reloaded (its load event, so
styles included) and shows the new text. Prints every edit and the
median. Needs Chromium and Playwright (`pip install -e '.[test]'`)."""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base: str, proc: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("serve stopped:\n" + (proc.stdout.read() if proc.stdout else ""))
        try:
            urllib.request.urlopen(base + "/__reload", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/localoffer-bench"))
    parser.add_argument("--search", action="store_true", help="serve with search (Pagefind re-indexes after each edit)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    corpus = args.work / f"serve-{args.size}"
    if not (corpus / "site.toml").is_file() or len(list((corpus / "services").glob("*.yaml"))) != args.size:
        make_corpus.write_corpus(args.size, corpus)
    shutil.rmtree(corpus / "_site", ignore_errors=True)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(REPO / "build.py"), "serve", "--root", str(corpus), "--port", str(port)]
    proc = subprocess.Popen(command + ([] if args.search else ["--no-search"]), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    target = sorted((corpus / "services").glob("*.yaml"))[args.size // 3]
    original = target.read_text()
    timings = []
    try:
        wait_until_serving(base, proc)
        chromium = shutil.which("chromium")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{base}/services/{target.stem}/")
            time.sleep(3)  # let the first build's cache settle
            for n in range(args.edits):
                marker = f"Edit number {n} for timing."
                with page.expect_event("load", timeout=60000):  # the reloaded page, styles and all
                    started = time.perf_counter()
                    target.write_text(original.replace("summary: ", f"summary: {marker} ", 1))
                timings.append(time.perf_counter() - started)
                if marker not in page.inner_text("body"):
                    raise SystemExit(f"edit {n + 1}: the page reloaded without the change")
                print(f"  edit {n + 1}: {timings[-1] * 1000:.0f} ms", flush=True)
                time.sleep(1.5)
            browser.close()
    finally:
        target.write_text(original)
        proc.terminate()
        proc.wait(timeout=30)
    print(f"{args.size} services: an edit shows in the browser after {statistics.median(timings) * 1000:.0f} ms "
          f"(median of {len(timings)}; fastest {min(timings) * 1000:.0f} ms, slowest {max(timings) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
