#!/usr/bin/env python3
"""Bytes a browser fetches for a family's sentence typed into search, on the example site and on
a generated corpus: what the page loads, the index chunks and the result fragments.

    python bench/search_bytes.py [--sizes 10000] [--work DIR]

Sentences are chosen so that one finds results with all its words together and one needs the
each-word-on-its-own fallback; the fallback must fetch only the chunks of those words."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402
from run import _Quiet  # noqa: E402

SENTENCES = ["i need a rest from looking after him",  # all words together find pages
             "my son has cerebral palsy and loves football"]  # needs the fallback


def kind(url: str) -> str:
    for part in ("/pagefind/index/", "/pagefind/fragment/", "/pagefind/filter/", "/pagefind/"):
        if part in url:
            return part.strip("/").replace("pagefind/", "") or "pagefind"
    return "page"


def fetched(site: Path, sentence: str) -> tuple[Counter, Counter]:
    """Bytes and requests by kind, for a fresh browser opening the search page with `sentence`."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes, counts = Counter(), Counter()

    def done(request) -> None:
        sizes[kind(request.url)] += request.sizes()["responseBodySize"]
        counts[kind(request.url)] += 1

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"])
        page = browser.new_page(bypass_csp=True)  # wait_for_function evaluates JavaScript
        page.on("requestfinished", done)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={quote(sentence)}")
        page.wait_for_function("document.getElementById('search-status').textContent.length > 0", timeout=120000)
        page.wait_for_timeout(500)
        browser.close()
    server.shutdown()
    return sizes, counts


def report(name: str, site: Path) -> None:
    print(f"\n{name}")
    for sentence in SENTENCES:
        sizes, counts = fetched(site, sentence)
        parts = ", ".join(f"{k} {sizes[k] / 1024:.0f} KB ({counts[k]})" for k in sorted(sizes))
        print(f"  {sentence!r}: {sum(sizes.values()) / 1024:.0f} KB in {sum(counts.values())} requests: {parts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "localoffer-bench")
    args = parser.parse_args()
    if not shutil.which("chromium"):
        print("Chromium is not installed: nothing to measure")
        return 0
    build = [sys.executable, str(REPO / "build.py"), "build"]
    example = args.work / "example-site"
    subprocess.run(build + ["--out", str(example)], check=True, capture_output=True)
    report("example site", example)
    for size in args.sizes:
        corpus, site = args.work / f"corpus-{size}", args.work / f"searchable-{size}"
        if not (corpus / "site.toml").is_file():
            make_corpus.write_corpus(size, corpus)
        subprocess.run(build + ["--root", str(corpus), "--out", str(site)], check=True, capture_output=True)
        report(f"{size} services", site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
