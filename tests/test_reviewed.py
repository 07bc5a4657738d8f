"""localoffer reviewed: only the date's bytes change; files with errors and future dates are refused."""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import SITES, run_cli

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}  # 2026-06-01
ODD = ("# Checked with the provider by phone.\r\nname: 'Swim   Club'   # spaces kept\r\nsummary: \"Swimming.\"\r\n"
       "description: |\r\n  Lessons.\r\n\r\n  Fun.\r\nlast_reviewed: '2025-07-02'  # last call\r\nthemes: [health]\r\n"
       "age_range: {min: 5, max: 18}\r\ncontact: {phone: 01632 960 040}\r\n")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITES / "valid" / "basic", root, ignore=shutil.ignore_patterns(".cache", "_site"))
    (root / "services" / "swim-club.yaml").write_bytes(ODD.encode())
    return root


def _only_the_date_changed(before: bytes, after: bytes, old: str, new: str) -> None:
    assert len(before) == len(after) and before.replace(old.encode(), new.encode(), 1) == after


def test_sets_today_from_source_date_epoch_and_keeps_every_other_byte(site):
    path = site / "services" / "swim-club.yaml"
    other = site / "services" / "speech-therapy.yaml"
    before, other_before = path.read_bytes(), other.read_bytes()
    done = run_cli("reviewed", "services/swim-club.yaml", "services/speech-therapy.yaml", cwd=site, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "services/swim-club.yaml: last_reviewed set to 2026-06-01" in done.stdout
    _only_the_date_changed(before, path.read_bytes(), "2025-07-02", "2026-06-01")
    _only_the_date_changed(other_before, other.read_bytes(), "last_reviewed: 2026-03-01", "last_reviewed: 2026-06-01")
    assert run_cli("check", "--root", str(site), env=ENV).returncode == 0


def test_date_option_and_content_pages(site):
    page = site / "content" / "guides" / "therapies.md"
    before = page.read_bytes()
    done = run_cli("reviewed", "--root", str(site), str(page), "--date", "2026-05-20", env=ENV)
    assert done.returncode == 0, done.stderr
    _only_the_date_changed(before, page.read_bytes(), "last_reviewed: 2026-04-01", "last_reviewed: 2026-05-20")


def test_refuses_future_dates_and_files_with_errors_and_changes_nothing(site):
    path = site / "services" / "swim-club.yaml"
    before = path.read_bytes()
    done = run_cli("reviewed", "--root", str(site), "services/swim-club.yaml", "--date", "2026-06-02", env=ENV)
    assert done.returncode == 1 and "in the future" in done.stderr and path.read_bytes() == before
    broken = before.replace(b"max: 18", b"max: 30")
    path.write_bytes(broken)
    done = run_cli("reviewed", "--root", str(site), "services/swim-club.yaml", env=ENV)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "age_range.max" in done.stderr and "was not changed" in done.stderr and path.read_bytes() == broken
    done = run_cli("reviewed", "--root", str(site), "services/nothing-here.yaml", env=ENV)
    assert done.returncode == 1 and "no such file" in done.stderr
    done = run_cli("reviewed", "--root", str(site), "services/swim-club.yaml", "--date", "1 June", env=ENV)
    assert done.returncode == 2 and "is not a date like 2026-06-01" in done.stderr
