#!/usr/bin/env python3
"""Lighthouse (mobile profile, performance only) for each page type of the example site, offline.

    npm install --prefix /tmp/lh lighthouse@12
    python bench/lighthouse.py [--lighthouse /tmp/lh/node_modules/.bin/lighthouse] [--site DIR]

Skips, saying why, when Lighthouse or Chromium is missing; the test suite never needs it."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.conftest import serve_dir  # noqa: E402

PAGES = ["/", "/services/link-family-short-breaks/", "/themes/health/", "/a-z/", "/search/",
         "/search/?q=my%20little%20girl%20doesnt%20speak%20yet"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "cumulative-layout-shift", "total-blocking-time"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse")
    parser.add_argument("--site", type=Path, help="a built site (default: build the example)")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if not (Path(args.lighthouse).is_file() and chromium):
        print("Lighthouse or Chromium is not installed: nothing to measure")
        return 0
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    site = args.site or work / "site"
    if not args.site:
        subprocess.run([sys.executable, str(HERE.parent / "build.py"), "build", "--out", str(site)],
                       check=True, capture_output=True)
    env = {**os.environ, "CHROME_PATH": chromium}
    with serve_dir(site) as base:
        for path in PAGES:
            out = work / "report.json"
            subprocess.run([args.lighthouse, base + path, "--only-categories=performance", "--output=json",
                            f"--output-path={out}", "--quiet",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], check=True, env=env)
            report = json.loads(out.read_text())
            score = round(report["categories"]["performance"]["score"] * 100)
            values = ", ".join(f"{m.split('-')[0]} {report['audits'][m]['displayValue']}" for m in METRICS)
            print(f"{score:>4}  {path}  ({values})")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
