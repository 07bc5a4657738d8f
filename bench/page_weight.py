#!/usr/bin/env python3
"""Print the gzipped weight of each page type of a site (HTML plus the CSS and JS it loads).

    python bench/page_weight.py [--root DIR]

Builds the site into a temporary folder (no search index) and compares each page type's
heaviest page with the 14 KB budget (the first network round trip)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from localoffer_ssg import pipeline  # noqa: E402
from localoffer_ssg.pageweight import BUDGET, weigh  # noqa: E402

KINDS = [("home", "index.html"), ("theme", "themes/*/index.html"), ("service", "services/*/index.html"),
         ("service easy read", "services/*/easy-read/index.html"), ("A to Z", "a-z/index.html"),
         ("age band", "ages/*/index.html"), ("search", "search/index.html"),
         ("feedback", "feedback/index.html"), ("accessibility", "accessibility/index.html"),
         ("easy read index", "easy-read/index.html"), ("404", "404.html")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        result = pipeline.build(pipeline.Options(root=args.root, out=out, base_url="/", search=False))
        covered = {w for _, pattern in KINDS for w in out.glob(pattern)}
        content = [p for p in out.rglob("index.html") if p not in covered]
        rows = [(name, [weigh(out, p.relative_to(out).as_posix()) for p in out.glob(pattern)])
                for name, pattern in KINDS]
        rows.append(("content page", [weigh(out, p.relative_to(out).as_posix()) for p in content]))
        print(f"{result.pages} pages. Budget: {BUDGET / 1024:.0f} KB gzipped (level 9) per page, "
              "HTML plus the CSS/JS it loads.\n")
        print(f"{'page type':<18} {'pages':>5} {'HTML max':>9} {'+ assets':>9} {'total max':>10}  heaviest")
        over = 0
        for name, weights in rows:
            if not weights:
                continue
            worst = max(weights, key=lambda w: w.total)
            flag = "" if worst.total <= BUDGET else "  OVER BUDGET"
            over += bool(flag)
            print(f"{name:<18} {len(weights):>5} {worst.html / 1024:>8.1f}K {worst.assets / 1024:>8.1f}K "
                  f"{worst.total / 1024:>9.1f}K  {worst.page}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
