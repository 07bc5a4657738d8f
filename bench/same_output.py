#!/usr/bin/env python3
"""Prove that a change to the engine leaves the output alone: build the same sites with the engine
at a git revision and with this checkout's, and compare the two outputs byte for byte.

    python3 bench/same_output.py [REV] [--corpus N]

REV (default HEAD) is checked out into a temporary worktree. The sites are that revision's own
example (its content and templates, so a template edited since does not count as a difference)
and, with --corpus, a generated corpus of N services. Exit 0 when every file is identical."""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def build(engine: Path, root: Path, out: Path) -> None:
    subprocess.run([sys.executable, str(engine / "build.py"), "build", "--root", str(root), "--out", str(out),
                    "--no-search", "--no-cache"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def differences(a: Path, b: Path) -> list[str]:
    """Files only in one tree, or in both with other bytes."""
    found = []
    compared = filecmp.dircmp(a, b)
    found += [f"only in {a}: {n}" for n in compared.left_only] + [f"only in {b}: {n}" for n in compared.right_only]
    found += [f"differs: {a / n}" for n in compared.common_files
              if (a / n).read_bytes() != (b / n).read_bytes()]
    for name in compared.common_dirs:
        found += differences(a / name, b / name)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--corpus", type=int, default=0, help="also compare a corpus of N services")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = work / "old-engine"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(old), args.rev],
                       check=True, capture_output=True)
        try:
            sites = {"example": old}
            if args.corpus:
                subprocess.run([sys.executable, str(old / "bench" / "make_corpus.py"), str(args.corpus),
                                str(work / "corpus")], check=True, stdout=subprocess.DEVNULL)
                sites["corpus"] = work / "corpus"
            problems = []
            for name, root in sites.items():
                build(old, root, work / f"{name}-old")
                build(REPO, root, work / f"{name}-new")
                found = differences(work / f"{name}-old", work / f"{name}-new")
                count = sum(1 for _ in (work / f"{name}-new").rglob("*") if _.is_file())
                print(f"{name}: {count} files, {'identical' if not found else f'{len(found)} differ'}")
                problems += found
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(old)], capture_output=True)
    for line in problems[:20]:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
