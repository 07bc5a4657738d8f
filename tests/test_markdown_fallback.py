"""The fast Markdown renderer is part of the default install; without it the build still works,
gives the same pages, and says once why it is slower."""

import filecmp
import os

from .conftest import SITES, run_cli

NOTE = "markdown-it-pyrs is not installed"


def _without_rust(tmp_path) -> dict:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "markdown_it_pyrs.py").write_text("raise ImportError('not on this machine')\n")
    return {**os.environ, "PYTHONPATH": f"{blocker}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def _dirs_equal(a, b) -> bool:
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    return not mismatch and not errors and all(_dirs_equal(a / d, b / d) for d in compared.common_dirs)


def test_the_default_install_has_the_fast_renderer(tmp_path):
    done = run_cli("build", "--root", str(SITES / "valid" / "basic"), "--out", str(tmp_path / "fast"),
                   "--no-search")
    assert done.returncode == 0, done.stderr
    assert NOTE not in done.stderr


def test_without_it_the_build_says_so_once_and_gives_the_same_pages(tmp_path):
    site = str(SITES / "valid" / "basic")
    fast = run_cli("build", "--root", site, "--out", str(tmp_path / "fast"), "--no-search", "--no-cache")
    slow = run_cli("build", "--root", site, "--out", str(tmp_path / "slow"), "--no-search", "--no-cache",
                   env=_without_rust(tmp_path))
    assert fast.returncode == slow.returncode == 0, slow.stderr
    assert slow.stderr.count(NOTE) == 1
    assert _dirs_equal(tmp_path / "fast", tmp_path / "slow")
