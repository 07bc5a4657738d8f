"""Invalid fixture sites: each folder under tests/sites/invalid/ is a small site root with one
kind of fault (the folder name says which). `check` must print exactly the `error:` lines in
the folder's expected.txt, in order, and exit 1 (content) or 2 (site.toml, see `exit-code`);
`build` must exit the same way and leave the last good site untouched."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
INVALID = REPO / "tests" / "sites" / "invalid"
SITES = sorted(p for p in INVALID.iterdir() if (p / "site.toml").is_file()) if INVALID.is_dir() else []

# "Today" for every run: fixtures reviewed on 2026-01-15 are not overdue, 2030-01-01 is in the future.
TODAY = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
ERROR_LINE = re.compile(r"(^|: )error: ")
KEEP = "<!doctype html><title>Last good build</title>\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(TODAY.timestamp())), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "build.py", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)


def _expected_code(site: Path) -> int:
    code = site / "exit-code"
    return int(code.read_text(encoding="utf-8").strip()) if code.is_file() else 1


def _expected_errors(site: Path) -> list[str]:
    text = (site / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ERROR_LINE.search(line)]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fixtures_exist():
    assert len(SITES) >= 25, f"expected the invalid fixture sites under {INVALID}"
    for site in SITES:
        assert (site / "expected.txt").is_file(), f"{site.name} has no expected.txt"
        assert _expected_errors(site), f"{site.name}/expected.txt lists no error"


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_check_reports_every_error(site: Path):
    before = _files(site)
    result = _run("check", "--root", str(site))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert _error_lines(result.stderr) == _expected_errors(site), output
    assert result.returncode == _expected_code(site), output
    assert _files(site) == before, "check must not write anything into the site folder"


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_failed_build_keeps_last_good_site(site: Path, tmp_path: Path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.html").write_text(KEEP, encoding="utf-8")
    before = _files(site)
    result = _run("build", "--root", str(site), "--out", str(out), "--no-search")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == _expected_code(site), output
    assert _files(out) == {"keep.html": KEEP.encode("utf-8")}, "a failed build must leave the output untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "a failed build must leave no staging folder"
    assert _files(site) == before, "build must not write into the site folder"
