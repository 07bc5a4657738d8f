"""Write phase: stream pages into a staging folder, then swap it in whole, so a failed build
leaves the last good site untouched. An incremental build stages only the files that changed
and moves each into place with a rename once everything has rendered."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from . import routes
from .diagnostics import ERROR, ContentError, Diagnostic
from .render import Output


def new_staging(out_dir: Path) -> Path:
    """An empty folder beside `out_dir`, on the same disk so the final swap is a rename."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))


def write_outputs(staging: Path, outputs: Iterable[Output]) -> list[str]:
    """Write outputs as they come (nothing is held in memory); return the files written."""
    written = []
    made: set[str] = set()
    base = str(staging)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for out in outputs:  # os calls, not pathlib: this runs once per page of the site
        rel = routes.output_file(out.path)
        target = f"{base}/{rel}"
        folder = target.rpartition("/")[0]
        if folder not in made:
            _make_folder(folder)
            made.add(folder)
        handle = os.open(target, flags, 0o644)
        try:
            data = memoryview(out.data)
            while data:
                data = data[os.write(handle, data):]
        finally:
            os.close(handle)
        written.append(rel)
    return written


def _make_folder(folder: str) -> None:
    try:
        os.mkdir(folder)  # one call when its parent exists, as it mostly does
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def commit(staging: Path, out_dir: Path, files: list[str], removed: list[str]) -> None:
    """Move staged `files` into `out_dir`, each replacing its old self in one rename, and delete
    the files of pages that are gone (with their emptied folders)."""
    made: set[Path] = set()
    for rel in files:
        target = out_dir / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(staging / rel, target)
    for rel in removed:
        target = out_dir / rel
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == out_dir or any(folder.iterdir()):
                break
            folder.rmdir()


def replace_tree(new: Path, target: Path) -> None:
    """Put folder `new` where `target` is (the search index), removing the old one."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_unique(written: list[str]) -> None:
    """Two inputs mapping to one output would silently overwrite each other: refuse."""
    seen: set[str] = set()
    for rel in written:
        if rel in seen:
            raise ContentError([Diagnostic(rel, 0, 0, ERROR, "", "two pages would be written here")])
        seen.add(rel)


def publish(staging: Path, out_dir: Path, background: bool = False) -> None:
    """Swap the staged site in place of `out_dir` with renames, then drop the old one (for a big
    site, in a separate process, so the build does not wait for thousands of deletions)."""
    os.chmod(staging, 0o755)
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, old / "site")
    os.rename(staging, out_dir)
    if old is None:
        return
    if background:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(old)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    else:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
