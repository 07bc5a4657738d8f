"""A build killed at any moment (SIGKILL: no clean-up runs) leaves _site/ exactly as a complete
earlier site, byte for byte; the next build succeeds and no work folders pile up."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BASIC = REPO / "tests" / "sites" / "valid" / "basic"
EPOCH = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))


def _build(root: Path, out: Path, *extra: str, kill_at: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "LOCALOFFER_KILL_AT": kill_at}
    return subprocess.run([sys.executable, "build.py", "build", "--root", str(root), "--out", str(out),
                           "--no-search", *extra], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit(root: Path) -> None:
    """A change that rewrites some pages, adds a page and removes another."""
    service = root / "services" / "speech-therapy.yaml"
    service.write_text(service.read_text("utf-8").replace("Free drop-in", "Free Saturday drop-in"), "utf-8")
    (root / "content" / "guides" / "index.md").rename(root / "content" / "guides" / "about.md")
    (root / "content" / "travel.md").write_text("---\ntitle: Travel\nsummary: Getting to school.\n---\n\n"
                                               "Ask the council about help with travel.\n", "utf-8")


@pytest.mark.parametrize("kill_at", ["write:1", "write:5", "staged", "linked", "swapped"])
@pytest.mark.parametrize("kind", ["full", "incremental", "incremental, with a spare site"])
def test_killed_build_leaves_a_complete_site(tmp_path, kind, kill_at):
    if kind == "full" and kill_at == "linked":
        pytest.skip("a full build links nothing")
    root = tmp_path / "root"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns(".cache", "_site"))
    out = tmp_path / "out" / "site"
    assert _build(root, out).returncode == 0  # the last good site, with its cache
    if kind.endswith("spare site"):  # a second build keeps the first beside it, to bring up to date
        club = root / "services" / "after-school-club.yaml"
        club.write_text(club.read_text("utf-8").replace("name: ", "name: The ", 1), "utf-8")
        assert _build(root, out).returncode == 0
        assert (out.parent / f".{out.name}.spare").is_dir()
    old = _files(out)
    _edit(root)
    assert _build(root, tmp_path / "ref" / "site", "--no-cache").returncode == 0
    new = _files(tmp_path / "ref" / "site")  # the complete new site, built apart
    assert old != new
    killed = _build(root, out, *(["--no-cache"] if kind == "full" else []), kill_at=kill_at)
    assert killed.returncode == -9, killed.stderr  # the build really was killed at that moment
    assert _files(out) == (new if kill_at == "swapped" else old), "a killed build must leave a whole site"
    again = _build(root, out)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert _files(out) == new
    # At most the spare site is kept beside it: work folders must not pile up.
    assert sorted(p.name for p in out.parent.iterdir()) in (["site"], [".site.spare", "site"])
